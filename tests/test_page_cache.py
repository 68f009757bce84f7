"""Public pages are cached whole for anonymous readers and never shown out of date
(blog/public/pagecache.py). Each change a reader could see is made the way the site makes it,
committed (the cache forgets pages when a write commits), and the next reader must see
it. Runs on SQLite with the database cache, and on PostgreSQL with Redis in CI."""

import gzip
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.comments.services import delete_comment, moderate_comments
from blog.models import Comment, CommentStatus, Post, PostStatus, Tag
from blog.public import pagecache
from blog.publishing.services import publish_posts, unpublish_posts
from tests.factories import (
    AuthorFactory,
    CommentFactory,
    ImageFactory,
    PostFactory,
    comment_data,
)

# Writes must commit for the cache to hear of them, as they do on the site.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def post():
    writer = AuthorFactory(name="Leyla Mammadova")
    return PostFactory(published=True, title="Water for two villages", authors=[writer],
                       tags=["water"])  # fmt: skip


def visit(url, **headers):
    """A new anonymous reader: no cookies."""
    return Client().get(url, headers=headers)


def app_queries(captured) -> list[str]:
    # The embedded default keeps the cache in a table: its own queries are the cache's.
    return [q["sql"] for q in captured if "django_cache" not in q["sql"]]


def test_the_second_reader_gets_the_page_from_the_cache_without_a_query(post):
    first = visit(post.get_absolute_url())
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = visit(post.get_absolute_url())
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert app_queries(queries.captured_queries) == []


@pytest.mark.parametrize(
    "name", ["home", "article", "tag", "writer", "archive", "feed", "tag feed", "sitemap"]
)
def test_every_public_page_is_cached(post, name):
    url = {
        "home": "/",
        "article": post.get_absolute_url(),
        "tag": reverse("blog:tag_detail", kwargs={"slug": "water"}),
        "writer": post.credited_authors[0].get_absolute_url(),
        "archive": reverse(
            "blog:archive_month",
            kwargs={"year": post.published_at.year, "month": post.published_at.month},
        ),  # fmt: skip
        "feed": reverse("blog:feed"),
        "tag feed": reverse("blog:tag_feed", kwargs={"slug": "water"}),
        "sitemap": reverse("blog:sitemap"),
    }[name]
    assert visit(url)["X-Cache"] == "miss"
    assert visit(url)["X-Cache"] == "hit"


def test_a_shared_page_holds_nothing_of_one_reader_and_says_how_to_cache_it(post):
    response = visit(post.get_absolute_url())
    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=1" in cache_control
    assert "max-age=0" in cache_control and "must-revalidate" in cache_control
    assert "Cookie" in response["Vary"]
    assert response["ETag"] and response["Last-Modified"]


@pytest.mark.parametrize("cache_seconds", [300, 0])
def test_a_page_that_sets_a_cookie_or_holds_a_csrf_token_is_never_shared(
    rf, settings, cache_seconds
):
    settings.PAGE_CACHE_SECONDS = cache_seconds

    @pagecache.cached_for_readers
    def with_token(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    @pagecache.cached_for_readers
    def with_cookie(request):
        response = HttpResponse("Welcome back")
        response.set_cookie("seen", "1")
        return response

    for view in (with_token, with_cookie):
        response = view(rf.get(f"/{view.__name__}/"))
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        if cache_seconds:  # and not stored for the next reader
            assert view(rf.get(f"/{view.__name__}/")).get("X-Cache") != "hit"


def test_an_unchanged_page_is_answered_with_304(post):
    first = visit(post.get_absolute_url())
    again = visit(post.get_absolute_url(), **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = visit(post.get_absolute_url(), **{"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    post.title = "Water for three villages"
    post.save()
    changed = visit(post.get_absolute_url(), **{"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert "Water for three villages" in changed.text


def test_a_cached_page_goes_out_compressed_once_and_for_all(post):
    plain = visit(post.get_absolute_url())
    hit = visit(post.get_absolute_url(), **{"Accept-Encoding": "gzip, br"})
    assert hit["X-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in hit["Vary"] and "Cookie" in hit["Vary"]
    assert gzip.decompress(hit.content) == plain.content
    assert hit["ETag"] == f"W/{plain['ETag']}"
    again = visit(post.get_absolute_url(), **{"Accept-Encoding": "gzip",
                                              "If-None-Match": hit["ETag"]})  # fmt: skip
    assert again.status_code == 304
    assert "Content-Encoding" not in visit(post.get_absolute_url())


def test_query_strings_the_page_does_not_read_share_its_copy(post):
    visit("/")
    assert visit("/?fbclid=abc123&utm_source=x")["X-Cache"] == "hit"


def test_each_host_has_its_own_copy(post, settings):
    # Canonical and share links are absolute: www. must not get the bare domain's.
    settings.ALLOWED_HOSTS = ["testserver", "www.testserver"]
    visit(post.get_absolute_url())
    other = Client(HTTP_HOST="www.testserver").get(post.get_absolute_url())
    assert other["X-Cache"] == "miss"
    assert "http://www.testserver/post/" in other.text


def test_a_reply_link_is_rendered_fresh_and_not_stored(post):
    comment = CommentFactory(post=post)
    url = f"{post.get_absolute_url()}?reply_to={comment.pk}"
    response = visit(url)
    assert "X-Cache" not in response
    assert f"Reply to {comment.author_name}" in response.text
    assert "public" in response["Cache-Control"]


def test_the_page_cache_can_be_turned_off(post, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visit(post.get_absolute_url())
    assert "X-Cache" not in visit(post.get_absolute_url())


def test_a_lost_generation_is_a_miss_not_a_stale_page(post):
    visit(post.get_absolute_url())
    cache.delete(pagecache.STATE_KEY)  # Redis restarted, say
    assert visit(post.get_absolute_url())["X-Cache"] == "miss"
    assert visit(post.get_absolute_url())["X-Cache"] == "hit"


# --- Never stale: each change readers can see reaches the next reader. ---


def warm(*urls):
    for url in urls:
        visit(url)
        assert visit(url)["X-Cache"] == "hit"


def test_a_published_post_appears_at_once(post):
    draft = PostFactory(title="Bridges, not walls", tags=["water"])
    tag_url = reverse("blog:tag_detail", kwargs={"slug": "water"})
    warm("/", tag_url, reverse("blog:feed"), post.get_absolute_url())
    publish_posts(posts=Post.objects.filter(pk=draft.pk))
    assert "Bridges, not walls" in visit("/").text
    assert "Bridges, not walls" in visit(tag_url).text
    assert "Bridges, not walls" in visit(reverse("blog:feed")).text
    # The older article now links to it as the next one.
    assert "Bridges, not walls" in visit(post.get_absolute_url()).text


def test_an_unpublished_post_disappears_at_once(post):
    warm("/", post.get_absolute_url())
    unpublish_posts(posts=Post.objects.filter(pk=post.pk))
    assert visit(post.get_absolute_url()).status_code == 404
    assert "Water for two villages" not in visit("/").text


def test_an_edited_post_shows_its_new_text_everywhere(post):
    tag_url = reverse("blog:tag_detail", kwargs={"slug": "water"})
    warm("/", post.get_absolute_url(), tag_url)
    post.title = "Clean water for two villages"
    post.body = "<p>Updated with the report of the engineers.</p>"
    post.save()
    assert "report of the engineers" in visit(post.get_absolute_url()).text
    assert "Clean water for two villages" in visit("/").text
    assert "Clean water for two villages" in visit(tag_url).text


def test_a_scheduled_post_appears_when_its_time_comes(post):
    PostFactory(title="Tomorrow's story", status=PostStatus.PUBLISHED,
                published_at=timezone.now() + timedelta(hours=1))  # fmt: skip
    warm("/")
    assert "Tomorrow" not in visit("/").text
    later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "Tomorrow" in visit("/").text


def test_an_approved_comment_appears_and_is_counted(post):
    warm("/", post.get_absolute_url())
    client = Client()
    client.post(reverse("blog:comment_create", kwargs={"slug": post.slug}),
                comment_data(body="Held until an editor reads it."))  # fmt: skip
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    # Waiting for moderation, it shows nowhere public: the cached pages stay.
    assert visit(post.get_absolute_url())["X-Cache"] == "hit"
    moderate_comments(Comment.objects.all(), status=CommentStatus.APPROVED)
    page = visit(post.get_absolute_url())
    assert "Held until an editor reads it." in page.text
    assert "1 comment" in page.text
    assert "1 comment" in visit("/").text


def test_a_comment_taken_down_or_deleted_disappears(post):
    spam = CommentFactory(post=post, body="Buy cheap watches.")
    mine = CommentFactory(post=post, body="Written in haste.")
    warm(post.get_absolute_url())
    moderate_comments(Comment.objects.filter(pk=spam.pk), status=CommentStatus.SPAM)
    assert "Buy cheap watches." not in visit(post.get_absolute_url()).text
    delete_comment(mine)
    assert "Written in haste." not in visit(post.get_absolute_url()).text


def test_a_renamed_tag_shows_its_new_name(post):
    warm(post.get_absolute_url())
    tag = Tag.objects.get(slug="water")
    tag.name = "Water and sanitation"
    tag.save()
    assert "Water and sanitation" in visit(post.get_absolute_url()).text


def test_a_tag_added_to_a_post_shows(post):
    warm(post.get_absolute_url())
    post.tags.add("peacebuilding")
    assert "peacebuilding" in visit(post.get_absolute_url()).text


def test_a_writers_new_name_shows_on_their_posts(post):
    writer = post.credited_authors[0]
    warm(post.get_absolute_url(), writer.get_absolute_url())
    writer.name = "Leyla Aliyeva"
    writer.save()
    assert "Leyla Aliyeva" in visit(post.get_absolute_url()).text
    assert "Leyla Aliyeva" in visit(writer.get_absolute_url()).text


def test_a_pictures_new_description_shows(post):
    post.cover = ImageFactory(alt="Two wells in the morning")
    post.save()
    warm(post.get_absolute_url())
    cover = post.cover
    cover.alt = "Two wells at dusk, with the villagers who dug them"
    cover.save()
    assert "Two wells at dusk" in visit(post.get_absolute_url()).text


# --- Personal pages are the reader's own, and never cached. ---


def test_a_commenter_sees_their_held_comment_and_others_the_cached_page(post):
    warm(post.get_absolute_url())
    commenter = Client()
    commenter.post(reverse("blog:comment_create", kwargs={"slug": post.slug}),
                   comment_data(body="Only I see this for now."), follow=False)  # fmt: skip
    own = commenter.get(post.get_absolute_url())
    assert "Only I see this for now." in own.text
    assert "Awaiting moderation" in own.text
    assert "X-Cache" not in own
    assert "private" in own["Cache-Control"]
    stranger = visit(post.get_absolute_url())
    assert stranger["X-Cache"] == "hit"
    assert "Only I see this for now." not in stranger.text


def test_a_logged_in_editor_gets_their_own_page(post, admin_user):
    warm(post.get_absolute_url())
    editor = Client()
    editor.force_login(admin_user)
    page = editor.get(post.get_absolute_url())
    assert "X-Cache" not in page
    assert b"csrfmiddlewaretoken" in page.content
    assert "private" in page["Cache-Control"]
    assert b"csrfmiddlewaretoken" not in visit(post.get_absolute_url()).content
