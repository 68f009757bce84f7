"""A reader meets a video in an article: nothing is asked of YouTube or Vimeo until they
press play, and then only the privacy-mode player of that one video; without JavaScript
the video is a link to it."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, ROOT

pytestmark = E2E

WATCH = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
TITLE = "Peace talks in Şəki"
VIMEO_TITLE = "Letters from the coast"

# Titled already, as after the tasks worker asked the providers (tests/test_videos.py),
# and dated years back: the journeys that open the newest articles never meet it.
WRITE_A_POST_WITH_VIDEOS = f"""
import uuid
from datetime import timedelta
from django.utils import timezone
from blog.models import Author, Post, PostAuthor
post = Post(title="Two videos", slug=f"videos-{{uuid.uuid4().hex[:8]}}", status="published",
            published_at=timezone.now() - timedelta(days=3650),
            body='<p>Before.</p><p><a href="{WATCH}" title="{TITLE}">{WATCH}</a></p>'
                 '<p>Between.</p><p><a href="https://vimeo.com/76979871" '
                 'title="{VIMEO_TITLE}">https://vimeo.com/76979871</a></p>')
post.save()
PostAuthor.objects.create(post=post, author=Author.objects.first(), position=1)
print(post.slug)
"""


@pytest.fixture(scope="module")
def article(site_env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", WRITE_A_POST_WITH_VIDEOS],
        cwd=ROOT, env=site_env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return f"/post/{result.stdout.strip().splitlines()[-1]}/"


def elsewhere(urls: list[str], live_url: str) -> list[str]:
    return [url for url in urls if not url.startswith((live_url, "data:", "blob:", "about:"))]


def test_a_video_loads_nothing_from_its_site_until_the_reader_presses_play(page, article, live_url):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(article)
    page.wait_for_load_state("networkidle")
    play = page.get_by_role("button", name=f"Play video: {TITLE}")
    expect(play).to_be_visible()
    expect(page.get_by_role("button", name=f"Play video: {VIMEO_TITLE}")).to_be_visible()
    expect(page.locator(".article__body iframe")).to_have_count(0)
    link = page.get_by_role("link", name=f"Watch “{TITLE}” on YouTube")
    expect(link).to_have_attribute("href", WATCH)
    assert elsewhere(asked, live_url) == []  # no player, no thumbnail, no script

    with page.expect_request(lambda request: request.url == PLAYER):
        play.click()
    frame = page.locator(".article__body iframe")
    expect(frame).to_have_count(1)
    expect(frame).to_have_attribute("src", PLAYER)
    expect(frame).to_have_attribute("title", TITLE)
    expect(frame).to_be_focused()  # keyboard users go on in the player
    # Only the video the reader asked for: the other is still a box.
    expect(page.get_by_role("button", name=f"Play video: {VIMEO_TITLE}")).to_be_visible()
    assert [url for url in elsewhere(asked, live_url) if "vimeo" in url] == []


@pytest.mark.parametrize("javascript", [False])
def test_without_javascript_the_video_is_a_link_to_it(page, article, live_url):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(article)
    expect(page.get_by_role("button", name=f"Play video: {TITLE}")).to_have_count(0)
    link = page.get_by_role("link", name=f"Watch “{TITLE}” on YouTube")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", WATCH)
    expect(page.get_by_role("link", name=f"Watch “{VIMEO_TITLE}” on Vimeo")).to_be_visible()
    expect(page.locator(".article__body iframe")).to_have_count(0)
    assert elsewhere(asked, live_url) == []
