"""What link previews and search engines read in an article's head."""

import json
import re

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import AuthorFactory, ImageFactory, PostFactory

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def meta(response, key: str) -> list[str]:
    html = response.content.decode()
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">'
    return re.findall(pattern, html)


def json_ld(response) -> dict:
    html = response.content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


@pytest.fixture
def post():
    ani = AuthorFactory(name="Ani Petrosyan", slug="ani", picture=ImageFactory())
    return PostFactory(
        title="Water knows no borders",
        excerpt="Shared rivers need shared work.",
        cover=ImageFactory(alt="A river between hills"),
        authors=[ani, AuthorFactory(name="Giorgi Beridze", slug="giorgi")],
        tags=["water"],
        published=True,
    )


def test_opengraph_tags_describe_the_article(client, post):
    response = client.get(post.get_absolute_url())
    url = f"{HOST}{post.get_absolute_url()}"
    assert meta(response, "og:type") == ["article"]
    assert meta(response, "og:title") == ["Water knows no borders"]
    assert meta(response, "og:description") == ["Shared rivers need shared work."]
    assert meta(response, "og:url") == [url]
    share = post.cover.rendition("share")
    assert meta(response, "og:image") == [f"{HOST}{share.url}"]
    assert meta(response, "og:image:width") == ["1200"]
    assert meta(response, "og:image:height") == ["630"]
    assert meta(response, "og:image:alt") == ["A river between hills"]
    published = timezone.localtime(post.published_at).isoformat(timespec="seconds")
    assert meta(response, "article:published_time") == [published]
    assert meta(response, "article:author") == [f"{HOST}/authors/ani/", f"{HOST}/authors/giorgi/"]
    assertContains(response, f'<link rel="canonical" href="{url}">', html=False)
    assertContains(response, '<meta name="description" content="Shared rivers need shared work.">',
                   html=False)  # fmt: skip


def test_twitter_card_shows_the_cover_large(client, post):
    response = client.get(post.get_absolute_url())
    assert meta(response, "twitter:card") == ["summary_large_image"]
    assert meta(response, "twitter:title") == ["Water knows no borders"]
    assert meta(response, "twitter:image") == [f"{HOST}{post.cover.rendition('share').url}"]


def test_without_a_cover_the_logo_stands_in(client):
    post = PostFactory(published=True)
    response = client.get(post.get_absolute_url())
    [logo] = meta(response, "og:image")
    assert logo.startswith(f"{HOST}/static/img/logo.") and logo.endswith(".png")
    assert meta(response, "twitter:card") == ["summary"]
    assert json_ld(response)["image"] == logo


def test_json_ld_is_a_blog_posting(client, post):
    data = json_ld(client.get(post.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Water knows no borders"
    assert data["image"] == f"{HOST}{post.cover.rendition('share').url}"
    assert data["datePublished"] == timezone.localtime(post.published_at).isoformat(
        timespec="seconds"
    )
    assert data["dateModified"] == timezone.localtime(post.updated_at).isoformat(timespec="seconds")
    ani, giorgi = data["author"]
    assert ani == {
        "@type": "Person",
        "name": "Ani Petrosyan",
        "url": f"{HOST}/authors/ani/",
        "image": f"{HOST}{post.credited_authors[0].picture.rendition('square').url}",
    }
    assert "image" not in giorgi
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Bridges for Peace Foundation"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].endswith(".png")
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (512, 512)


def test_the_logo_is_a_real_png_of_its_stated_size(client):
    from django.contrib.staticfiles import finders
    from PIL import Image

    with Image.open(finders.find("img/logo.png")) as logo:
        assert (logo.format, logo.size) == ("PNG", (512, 512))


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    post = PostFactory(title='</script><script>alert("x")</script> & more', published=True)
    response = client.get(post.get_absolute_url())
    assertNotContains(response, '<script>alert("x")', html=False)
    assert json_ld(response)["headline"] == '</script><script>alert("x")</script> & more'
    assert meta(response, "og:title") == [
        "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"
    ]
