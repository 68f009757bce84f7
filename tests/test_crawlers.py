"""sitemap.xml, robots.txt and favicon.ico: what crawlers, feed readers and browsers ask
for at the root, on the site's real host."""

import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertContains

from tests.factories import AuthorFactory, PostFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://blog.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get(reverse("blog:sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_home_published_posts_tags_and_writers(client):
    writer = AuthorFactory(slug="ani")
    post = PostFactory(published=True, tags=["water"], authors=[writer])
    draft = PostFactory(tags=["secret"], authors=[AuthorFactory(slug="hidden")])
    entries = sitemap_entries(client)
    assert set(entries) == {
        # every language has its home page; the rest exists in English only here
        f"{SITE_URL}/", f"{SITE_URL}/az/", f"{SITE_URL}/ru/",
        f"{SITE_URL}{post.get_absolute_url()}",
        f"{SITE_URL}/tags/water/",
        f"{SITE_URL}/authors/ani/",
    }
    assert f"{SITE_URL}{draft.get_absolute_url()}" not in entries


def test_sitemap_lastmod_is_the_last_edit(client):
    post = PostFactory(published=True, tags=["water"])
    edited = timezone.localdate(post.updated_at).isoformat()
    entries = sitemap_entries(client)
    assert entries[f"{SITE_URL}{post.get_absolute_url()}"] == edited
    assert entries[f"{SITE_URL}/tags/water/"] == edited
    assert entries[f"{SITE_URL}/"] == edited


def test_sitemap_uses_site_url_whatever_host_was_asked(client):
    PostFactory(published=True)
    response = client.get(reverse("blog:sitemap"), HTTP_HOST="localhost")
    assert b"https://blog.example.org/" in response.content
    assert b"localhost" not in response.content
    assert b"example.com" not in response.content


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin_and_search(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert {"Disallow: /search/", "Disallow: /az/search/", "Disallow: /ru/search/"} <= set(lines)
    assert "User-agent: *" in lines


def test_the_site_icon_is_at_favicon_ico(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(BytesIO(response.content))
    assert icon.format == "ICO" and {(16, 16), (32, 32)} <= icon.info["sizes"]


@pytest.mark.parametrize(
    "path", ["admin:index", "admin:blog_post_changelist", "admin:blog_post_add"]
)
def test_admin_pages_link_the_site_icon(admin_client, client, path):
    for response in admin_client.get(reverse(path)), client.get(reverse("admin:login")):
        assertContains(response, '<link rel="icon" href="/favicon.ico" sizes="32x32">')
        assertContains(response, 'type="image/svg+xml"')


def test_public_pages_link_the_site_icon(client):
    response = client.get(reverse("blog:post_list"))
    assertContains(response, '<link rel="icon" href="/favicon.ico" sizes="32x32">')
