"""Readers' pages in each language (issue 21): the address says the language (/ for the
default one, /az/, /ru/; a post's page in the post's own language), never the browser;
each page lists its versions in the other languages (switcher, hreflang, sitemap) and
each language has its feeds."""

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import translation

from blog.models import Post
from tests.factories import AuthorFactory, PostFactory

pytestmark = pytest.mark.django_db

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def in_language(code, name, **kwargs):
    with translation.override(code):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def peace():
    """One article in English, translated into Russian; no Azerbaijani version."""
    english = PostFactory(published=True, slug="peace", title="Peace", tags=["dialogue"])
    russian = PostFactory(
        published=True, slug="mir", title="Мир", language="ru", tags=["dialogue"],
        translation_group=english.translation_group, translated_from=english,
    )  # fmt: skip
    return english, russian


def alternates(html: str) -> dict[str, str]:
    from html.parser import HTMLParser

    found = {}

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
                found[attrs["hreflang"]] = attrs["href"]

    Links().feed(html)
    return found


def test_the_default_language_has_no_prefix_and_the_others_have_theirs(client):
    PostFactory(published=True, title="In English")
    PostFactory(published=True, title="По-русски", slug="po-russki", language="ru")
    english = client.get("/")
    russian = client.get("/ru/")
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="ru">' in russian.content.decode()
    assert (english["Content-Language"], russian["Content-Language"]) == ("en", "ru")
    # Each home lists its own language's posts.
    assert [p.title for p in english.context["page"]] == ["In English"]
    assert [p.title for p in russian.context["page"]] == ["По-русски"]
    assert in_language("az", "blog:post_list") == "/az/"
    assert in_language("ru", "blog:feed") == "/ru/feed/"


def test_the_browser_language_is_never_guessed_and_pages_do_not_vary_on_it(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru", HTTP_COOKIE="django_language=az")
    assert '<html lang="en">' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize("path", ["/en/", "/fr/", "/ru/post/mir/", "/az/nothing/"])
def test_an_address_with_no_such_language_or_page_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_posts_page_is_in_the_posts_language_at_its_unprefixed_address(client, peace):
    _english, russian = peace
    response = client.get("/post/mir/")
    assert response.status_code == 200
    assert '<html lang="ru">' in response.content.decode()
    assert response["Content-Language"] == "ru"


def test_a_cached_posts_page_keeps_its_language(client, peace, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/post/mir/")
    hit = client.get("/post/mir/")
    assert hit["X-Cache"] == "hit"
    assert hit["Content-Language"] == "ru"
    assert '<html lang="ru">' in hit.content.decode()


def test_an_article_lists_its_translations_and_the_default_one(client, peace):
    page = client.get("/post/peace/").content.decode()
    assert alternates(page) == {
        "en": "http://testserver/post/peace/",
        "ru": "http://testserver/post/mir/",
        "x-default": "http://testserver/post/peace/",
    }
    # A draft translation is no version for readers.
    english, _russian = peace
    PostFactory(language="az", slug="sulh", translation_group=english.translation_group)
    assert "az" not in alternates(client.get("/post/peace/").content.decode())


def test_the_switcher_goes_to_the_translation_or_to_that_languages_home(client, peace):
    response = client.get("/post/peace/")
    links = {link.code: link for link in response.context["languages"]}
    assert links["ru"].url == "/post/mir/" and links["ru"].has_page
    assert links["az"].url == "/az/" and not links["az"].has_page
    assert links["en"].is_current
    page = response.content.decode()
    assert '<a href="/post/mir/" hreflang="ru">Русский</a>' in page
    assert '<a href="/az/" hreflang="az"' in page


def test_language_wide_pages_have_every_language_and_a_tag_only_those_it_is_used_in(
    client, peace
):
    home = alternates(client.get("/ru/").content.decode())
    assert home == {
        "en": "http://testserver/",
        "az": "http://testserver/az/",
        "ru": "http://testserver/ru/",
        "x-default": "http://testserver/",
    }
    writer = AuthorFactory(slug="leyla")
    PostFactory(published=True, authors=[writer])
    assert set(alternates(client.get("/az/authors/leyla/").content.decode())) == {
        "en", "az", "ru", "x-default",
    }  # fmt: skip
    tag = alternates(client.get("/tags/dialogue/").content.decode())
    assert set(tag) == {"en", "ru", "x-default"}
    assert client.get("/az/tags/dialogue/").status_code == 404  # no Azerbaijani post has it
    search = client.get("/ru/search/", {"q": "мир"})
    search_az = alternates(search.content.decode())["az"]
    assert search_az == "http://testserver/az/search/?q=%D0%BC%D0%B8%D1%80"


def test_each_language_has_its_feeds_with_its_language_set(client, peace):
    rss = ElementTree.fromstring(client.get("/ru/feed/").content)
    assert rss.findtext("channel/language") == "ru"
    assert [item.findtext("title") for item in rss.iter("item")] == ["Мир"]
    english = ElementTree.fromstring(client.get("/feed/").content)
    assert english.findtext("channel/language") == "en"
    assert [item.findtext("title") for item in english.iter("item")] == ["Peace"]
    atom = ElementTree.fromstring(client.get("/ru/tags/dialogue/feed/atom/").content)
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert client.get("/az/tags/dialogue/feed/").status_code == 404


def test_the_sitemap_carries_each_pages_versions(client, peace, settings):
    settings.SITE_URL = "https://blog.example.org"
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = {
        url.findtext("s:loc", namespaces=SITEMAP): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link", SITEMAP)
        }
        for url in root.findall("s:url", SITEMAP)
    }  # fmt: skip
    site = "https://blog.example.org"
    article = {"en": f"{site}/post/peace/", "ru": f"{site}/post/mir/",
               "x-default": f"{site}/post/peace/"}  # fmt: skip
    assert urls[f"{site}/post/peace/"] == article
    assert urls[f"{site}/post/mir/"] == article
    # Every language has a home page; a tag only those it has posts in.
    assert {f"{site}/", f"{site}/az/", f"{site}/ru/"} <= set(urls)
    assert f"{site}/ru/tags/dialogue/" in urls and f"{site}/az/tags/dialogue/" not in urls
    assert set(urls[f"{site}/ru/tags/dialogue/"]) == {"en", "ru", "x-default"}


def test_neighbours_and_related_posts_stay_in_the_articles_language(client, peace):
    PostFactory(published=True, slug="voyna", language="ru", tags=["dialogue"])
    english, _russian = peace
    response = client.get("/post/mir/")
    assert [p.slug for p in response.context["related"]] == ["voyna"]
    neighbours = [response.context["older"], response.context["newer"]]
    assert all(p.pk != english.pk for p in neighbours if p)
    assert Post.objects.filter(language="ru").count() == 2


def test_share_cards_name_the_articles_locale_and_its_translations(client, peace):
    page = client.get("/post/mir/").content.decode()
    assert '<meta property="og:locale" content="ru_RU">' in page
    assert '<meta property="og:locale:alternate" content="en_US">' in page
    assert "az_AZ" not in page  # no Azerbaijani version
    assert '"inLanguage": "ru"' in page
