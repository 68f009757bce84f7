"""Videos: a YouTube or Vimeo address on its own line is stored as a link, shown to readers
as a box that loads nothing from a third party until they press play, and given its
title once, by the tasks worker, from the provider's oEmbed endpoint."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains

from blog.content.text import sanitize_html, unembed_videos
from blog.content.videos import Video, untitled_videos
from blog.models import Post
from blog.operations.fetching import Fetcher
from blog.publishing.videos import OEMBED_MAX_BYTES, add_video_titles, fetch_video_titles
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
VIMEO = "https://vimeo.com/76979871"
THIRD_PARTY = ("youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "ytimg.com")


def article_body(client, post) -> str:
    page = client.get(post.get_absolute_url()).content.decode()
    return page[page.index('class="wrap narrow article__body') : page.index("article__footer")]


def test_readers_get_a_box_that_loads_nothing_until_they_press_play(client):
    post = PostFactory(published=True, body=f"<p>Before.</p><p>{YOUTUBE}</p><p>{VIMEO}</p>")
    body = article_body(client, post)
    assert "<iframe" not in body and "<img" not in body  # no player, no thumbnail
    # The only mentions of the third parties: links to follow, and players for the script.
    expected = [
        f'href="{YOUTUBE}"',
        f'href="{VIMEO}"',
        'data-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"',
        'data-player="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1"',
    ]
    for found in expected:
        assert found in body
    assert body.count('src="') == 0
    assert '<button type="button" class="video__play" hidden>' in body
    assert "Play video (YouTube)" in body and "Play video (Vimeo)" in body  # no title yet
    assert "Watch on YouTube" in body


def test_the_script_comes_only_with_a_video(client):
    with_video = PostFactory(published=True, body=f"<p>{VIMEO}</p>")
    without = PostFactory(published=True)
    assertContains(client.get(with_video.get_absolute_url()), "/js/videos.")
    assertNotContains(client.get(without.get_absolute_url()), "/js/videos.")


def test_a_post_stored_with_a_player_shows_the_box_too(client):
    post = PostFactory(published=True)
    legacy = (
        '<figure class="video"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" '
        'title="YouTube video" loading="lazy" allowfullscreen=""></iframe></figure>'
    )
    Post.objects.filter(pk=post.pk).update(body=legacy)  # as saved before the box
    body = article_body(client, Post.objects.get(pk=post.pk))
    assert "<iframe" not in body and "Play video (YouTube)" in body
    assert sanitize_html(legacy).startswith(f'<figure class="video"><a href="{YOUTUBE}"')
    assert unembed_videos(legacy) == f"<p>{YOUTUBE}</p>"


@pytest.mark.parametrize(
    "frame",
    [
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
        '<p><iframe src="https://player.vimeo.com/video/76979871?dnt=1">x</iframe></p>',
        '<figure class="video"><iframe src="https://evil.example/"></iframe></figure>',
    ],
)
def test_no_frame_is_ever_stored(frame):
    clean = sanitize_html(frame)
    assert "<iframe" not in clean and "evil" not in clean


def test_a_title_is_shown_as_text(client):
    post = PostFactory(published=True, body=f"<p>{YOUTUBE}</p>")
    post.body = with_title(post.body, '<script>alert(1)</script> "Peace" & <b>talks</b>')
    post.save()
    shown = article_body(client, post)
    assert "<script>" not in shown and "<b>" not in shown
    assert "Play video: &lt;script&gt;alert(1)&lt;/script&gt; &quot;Peace&quot; &amp;" in shown


def test_the_editor_keeps_the_title_on_the_address_and_saving_keeps_it(admin_client):
    post = PostFactory(body=f"<p>{YOUTUBE}</p>")
    post.body = with_title(post.body, "Never gonna give you up")
    post.save()
    form = (
        admin_client.get(reverse("admin:blog_post_change", args=[post.pk]))
        .context["adminform"]
        .form
    )
    assert form.initial["body"] == (
        f'<p><a href="{YOUTUBE}" title="Never gonna give you up">{YOUTUBE}</a></p>'
    )
    post.body = form.initial["body"]  # as the visual editor sends it back
    post.save()
    assert f'<a href="{YOUTUBE}" rel="noopener noreferrer">Never gonna give you up</a>' in post.body
    assert untitled_videos(post.body) == []


def test_another_video_in_place_of_the_address_does_not_take_the_old_title():
    titled = f'<p><a href="{YOUTUBE}" title="Old title">{VIMEO}</a></p>'
    assert untitled_videos(sanitize_html(titled)) == [Video("vimeo", "76979871")]


def with_title(body: str, title: str) -> str:
    from blog.content.videos import with_titles

    return with_titles(body, {Video.at(YOUTUBE): title})


# The title, from the provider's oEmbed endpoint --------------------------------------


class Provider(BaseHTTPRequestHandler):
    """YouTube's and Vimeo's oEmbed endpoints, on loopback."""

    asked: list[str] = []
    answers = {
        YOUTUBE: json.dumps({"title": "Never  gonna\ngive you up", "type": "video"}),
        VIMEO: json.dumps({"title": "The New Vimeo Player", "type": "video"}),
        "https://vimeo.com/1": "not json",
        "https://vimeo.com/2": json.dumps({"type": "video"}),
    }

    def do_GET(self):
        type(self).asked.append(self.path)
        query = parse_qs(urlsplit(self.path).query)
        if self.path.startswith("/huge"):
            self._send(b"{" + b" " * (OEMBED_MAX_BYTES + 1) + b"}")
        elif (answer := self.answers.get(query.get("url", [""])[0])) is not None:
            self._send(answer.encode())
        else:
            self.send_error(404)

    def _send(self, data: bytes):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider(settings):
    Provider.asked = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_port}"
    settings.VIDEO_OEMBED_ENDPOINTS = {
        "youtube": f"{root}/youtube/oembed",
        "vimeo": f"{root}/vimeo/api/oembed.json",
    }
    yield root
    server.shutdown()
    server.server_close()


def loopback() -> Fetcher:
    return Fetcher(max_bytes=OEMBED_MAX_BYTES, timeout=5, allow=lambda ip: ip == "127.0.0.1")


def test_titles_are_fetched_once_and_written_into_the_body(client, provider):
    post = PostFactory(published=True, body=f"<p>{YOUTUBE}</p><p>Between.</p><p>{VIMEO}</p>")
    version = Post.objects.get(pk=post.pk).version
    assert add_video_titles(post.pk, fetcher=loopback()) == 2
    youtube, vimeo = sorted(Provider.asked)[1], sorted(Provider.asked)[0]
    assert youtube.startswith("/youtube/oembed?")
    assert parse_qs(urlsplit(youtube).query) == {"url": [YOUTUBE], "format": ["json"]}
    assert parse_qs(urlsplit(vimeo).query)["url"] == [VIMEO]
    post.refresh_from_db()
    assert f'<a href="{YOUTUBE}" rel="noopener noreferrer">Never gonna give you up</a>' in post.body
    assert post.version == version  # a title is no edit: an open form stays valid
    body = article_body(client, post)
    assert "Play video: Never gonna give you up" in body
    assert "Watch “The New Vimeo Player” on Vimeo" in body
    assert 'data-player-title="The New Vimeo Player"' in body

    # The same video in another post: its title is remembered, not asked for again.
    other = PostFactory(body=f"<p>{YOUTUBE}</p>")
    assert add_video_titles(other.pk, fetcher=loopback()) == 1
    assert len(Provider.asked) == 2


@pytest.mark.parametrize(
    "url", ["https://vimeo.com/1", "https://vimeo.com/2", "https://vimeo.com/3"]
)
def test_without_a_title_the_video_keeps_its_plain_label(client, provider, url):
    post = PostFactory(published=True, body=f"<p>{url}</p>")  # not JSON, no title, a 404
    assert add_video_titles(post.pk, fetcher=loopback()) == 0
    assertContains(client.get(post.get_absolute_url()), "Play video (Vimeo)")


def test_an_answer_too_large_is_not_read(provider, settings):
    settings.VIDEO_OEMBED_ENDPOINTS = {"youtube": f"{provider}/huge", "vimeo": f"{provider}/huge"}
    post = PostFactory(body=f"<p>{YOUTUBE}</p>")
    assert add_video_titles(post.pk, fetcher=loopback()) == 0
    assert Provider.asked  # it was asked, and the answer refused


def test_the_worker_never_asks_this_machine(provider):
    post = PostFactory(body=f"<p>{YOUTUBE}</p>")
    assert fetch_video_titles.call(post.pk) == 0  # the task's own fetcher: public only
    assert Provider.asked == []
    assert untitled_videos(Post.objects.get(pk=post.pk).body) == [Video.at(YOUTUBE)]


def test_a_save_in_between_wins_over_the_title(provider):
    post = PostFactory(body=f"<p>{YOUTUBE}</p>")

    class EditedMeanwhile(Fetcher):
        def fetch(self, url):
            Post.objects.filter(pk=post.pk).update(
                body=sanitize_html(f"<p>New.</p><p>{YOUTUBE}</p>")
            )
            return super().fetch(url)

    fetcher = EditedMeanwhile(max_bytes=OEMBED_MAX_BYTES, allow=lambda ip: ip == "127.0.0.1")
    assert add_video_titles(post.pk, fetcher=fetcher) == 0
    assert Post.objects.get(pk=post.pk).body.startswith("<p>New.</p>")


def test_saving_a_post_with_an_untitled_video_queues_the_fetch(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(body=f"<p>{YOUTUBE}</p>")
        PostFactory(body="<p>No video here.</p>")
    task = DBTaskResult.objects.get()
    assert task.task_path == "blog.publishing.videos.fetch_video_titles"
    assert task.args_kwargs["args"] == [post.pk]
    with django_capture_on_commit_callbacks(execute=True):
        post.body = with_title(post.body, "Known")
        post.save()  # every video has its title: nothing to ask
    assert DBTaskResult.objects.count() == 1
