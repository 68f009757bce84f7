"""The site started as `PORT=... make run` starts it, with no SITE_URL: every address it
gives out (feeds, the sitemap, robots.txt, an article's canonical and share links) is on
the port it serves on, not on :8000."""

import re
import urllib.parse
import urllib.request

import feedparser

from tests.e2e.conftest import E2E

pytestmark = E2E


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
        return response.read().decode()


def test_feeds_sitemap_and_article_links_use_the_port_served_on(live_url, site_env):
    assert ":8000" not in live_url and "SITE_URL" not in site_env
    article = f"{live_url}/post/{site_env['E2E_NEWEST_POST']}/"

    feed = feedparser.parse(fetch(f"{live_url}/feed/"))
    assert feed.entries and feed.feed.link.startswith(live_url)
    assert article in [entry.link for entry in feed.entries]

    sitemap = re.findall(r"<loc>([^<]+)</loc>", fetch(f"{live_url}/sitemap.xml"))
    assert sitemap and all(loc.startswith(live_url + "/") for loc in sitemap)
    assert f"Sitemap: {live_url}/sitemap.xml" in fetch(f"{live_url}/robots.txt")

    page = fetch(article)
    assert f'<link rel="canonical" href="{article}">' in page
    assert f'href="{article}" data-copy-link' in page
    shared = urllib.parse.quote(article, safe="")
    assert shared in page  # the address handed to Facebook, X, Telegram ... by email
    assert "127.0.0.1:8000" not in page
