"""Series (issue 22): editors group posts to be read in order; each published part says
"Part 2 of 5 in …" and links to the parts either side and to the series page, which
lists the parts in order, has its feeds and is in the sitemap. Drafts and scheduled
parts are neither shown nor counted."""

from datetime import timedelta

import feedparser
import pytest
from defusedxml import ElementTree
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import Post, PostStatus, Series, SeriesPart
from tests.factories import PostFactory, SeriesFactory

pytestmark = pytest.mark.django_db

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def in_language(code, name, **kwargs):
    with translation.override(code):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def water():
    """Five parts: the second is a draft and the fourth is scheduled, so readers see
    three, as parts 1, 2 and 3."""
    later = timezone.now() + timedelta(days=3)
    parts = [
        PostFactory(published=True, title="The spring", slug="spring"),
        PostFactory(title="Unfinished draft", slug="draft"),
        PostFactory(published=True, title="The river", slug="river"),
        PostFactory(
            status=PostStatus.PUBLISHED, published_at=later, title="Coming soon", slug="soon"
        ),
        PostFactory(published=True, title="The sea", slug="sea"),
    ]
    description = "Where water goes.\n\nAnd who it meets."
    return SeriesFactory(title="Water stories", slug="water-stories", description=description,
                         parts=parts)  # fmt: skip


def series_url(slug="water-stories", language="en"):
    return in_language(language, "blog:series_detail", slug=slug)


# --- The article ---


def test_a_part_says_its_place_counting_only_published_parts(client, water):
    response = client.get(reverse("blog:post_detail", kwargs={"slug": "river"}))
    assertContains(response, "Part 2 of 3 in “Water stories”")
    nav = response.content.decode().split('class="series-nav"')[1].split("</nav>")[0]
    assert 'href="/post/spring/"' in nav and "Previous part" in nav
    assert 'href="/post/sea/"' in nav and "Next part" in nav
    assert f'href="{series_url()}"' in nav
    assert "Unfinished draft" not in nav and "Coming soon" not in nav


def test_the_first_part_leads_on_and_the_last_only_back(client, water):
    first = client.get(reverse("blog:post_detail", kwargs={"slug": "spring"}))
    assertContains(first, "Part 1 of 3 in “Water stories”")
    assertContains(first, 'class="series-nav__next" href="/post/river/"')
    assertNotContains(first, "series-nav__previous")
    last = client.get(reverse("blog:post_detail", kwargs={"slug": "sea"}))
    assertContains(last, "Part 3 of 3 in “Water stories”")
    assertContains(last, 'class="series-nav__previous" href="/post/river/"')
    assertNotContains(last, "series-nav__next")


def test_a_post_in_no_series_says_nothing_of_series(client, water):
    alone = PostFactory(published=True, title="On its own")
    response = client.get(alone.get_absolute_url())
    assert response.context["series_place"] is None
    assertNotContains(response, "series-nav")


def test_parts_follow_the_editors_positions_not_publication_dates(client, water):
    SeriesPart.objects.filter(post__slug="sea").update(position=0)
    response = client.get(reverse("blog:post_detail", kwargs={"slug": "sea"}))
    assertContains(response, "Part 1 of 3 in “Water stories”")
    assertContains(response, 'class="series-nav__next" href="/post/spring/"')


def test_a_preview_of_a_draft_part_shows_no_place_in_the_series(water):
    from blog.publishing.previews import preview_url

    draft = water.parts.get(post__slug="draft").post
    response = Client().get(preview_url(draft))
    assert response.status_code == 200
    assertNotContains(response, "series-nav")


def test_the_article_nav_is_in_the_posts_language(client):
    russian = [PostFactory(published=True, language="ru", title=f"Часть {n}") for n in (1, 2)]
    SeriesFactory(title="Дорога", language="ru", parts=russian)
    response = client.get(russian[1].get_absolute_url())
    assertContains(response, "Часть 2 из 2 в серии «Дорога»")
    assertContains(response, 'href="/ru/series/')


# --- The series page ---


def test_the_series_page_lists_published_parts_in_order(client, water):
    response = client.get(series_url())
    assert [post.slug for post in response.context["page"]] == ["spring", "river", "sea"]
    html = response.content.decode()
    assert html.index("The spring") < html.index("The river") < html.index("The sea")
    assertNotContains(response, "Unfinished draft")
    assertNotContains(response, "Coming soon")
    assertContains(response, '<h1 class="page-title">Water stories</h1>', html=True)
    assertContains(response, "3 parts, read in order")
    assertContains(response, "<p>Where water goes.</p>", html=True)
    assertContains(response, "<p>And who it meets.</p>", html=True)


def test_the_series_page_announces_its_feeds_and_its_one_language(client, water):
    response = client.get(series_url())
    rss = reverse("blog:series_feed", kwargs={"slug": "water-stories"})
    atom = reverse("blog:series_feed_atom", kwargs={"slug": "water-stories"})
    assertContains(response, f'rss+xml" title="Water stories (RSS)" href="{rss}"')
    assertContains(response, f'atom+xml" title="Water stories (Atom)" href="{atom}"')
    assert response.context["language_versions"] == {"en": series_url()}
    assertContains(response, '<link rel="alternate" hreflang="en"')
    assertNotContains(response, '<link rel="alternate" hreflang="ru"')


def test_an_unknown_series_and_one_without_published_parts_are_not_found(client, water):
    assert client.get(series_url("no-such-series")).status_code == 404
    SeriesFactory(slug="drafts-only", parts=[PostFactory(title="Still a draft")])
    assert client.get(series_url("drafts-only")).status_code == 404


def test_a_series_answers_only_at_its_own_languages_address(client, water):
    for code in ("az", "ru"):
        assert client.get(series_url(language=code)).status_code == 404
    yol = PostFactory(published=True, language="az", title="Yol")
    azerbaijani = SeriesFactory(slug="yol", language="az", parts=[yol])
    assert azerbaijani.get_absolute_url() == "/az/series/yol/"
    assert client.get("/az/series/yol/").status_code == 200
    assert client.get("/series/yol/").status_code == 404


def test_a_series_gets_an_ascii_slug_from_its_title():
    series = Series(title="Şəki yolu: çay və söhbət")
    series.save()
    assert series.slug == "seki-yolu-cay-ve-sohbet"
    again = Series(title="Şəki yolu: çay və söhbət")
    again.save()
    assert again.slug == "seki-yolu-cay-ve-sohbet-2"


# --- Feeds and sitemap ---


@pytest.mark.parametrize(("name", "version"), [("blog:series_feed", "rss20"),
                                               ("blog:series_feed_atom", "atom10")])  # fmt: skip
def test_the_series_feeds_carry_its_published_parts_newest_first(client, water, name, version):
    now = timezone.now()
    for days, slug in ((3, "spring"), (2, "sea"), (1, "river")):
        Post.objects.filter(slug=slug).update(published_at=now - timedelta(days=days))
    response = client.get(reverse(name, kwargs={"slug": "water-stories"}))
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title.startswith("Water stories")
    assert [entry.title for entry in feed.entries] == ["The river", "The sea", "The spring"]


def test_a_series_feed_is_not_found_where_its_page_is_not(client, water):
    SeriesFactory(slug="drafts-only", parts=[PostFactory(title="Still a draft")])
    for language, slug in (("en", "drafts-only"), ("ru", "water-stories")):
        feed = in_language(language, "blog:series_feed", slug=slug)
        assert client.get(feed).status_code == 404


def test_the_sitemap_lists_series_with_published_parts_at_their_address(client, water):
    SeriesFactory(slug="drafts-only", parts=[PostFactory(title="Still a draft")])
    SeriesFactory(slug="yol", language="az",
                  parts=[PostFactory(published=True, language="az", title="Yol")])  # fmt: skip
    root = ElementTree.fromstring(client.get(reverse("blog:sitemap")).content)
    locations = [loc.text for loc in root.iterfind("s:url/s:loc", SITEMAP)]
    assert any(loc.endswith("/series/water-stories/") and "/az/" not in loc for loc in locations)
    assert any(loc.endswith("/az/series/yol/") for loc in locations)
    assert not any("drafts-only" in loc for loc in locations)


# --- The page cache ---


@pytest.mark.django_db(transaction=True)
def test_saving_a_series_or_its_parts_refreshes_cached_pages(settings, water):
    settings.PAGE_CACHE_SECONDS = 300
    article = reverse("blog:post_detail", kwargs={"slug": "river"})
    for url in (series_url(), article):
        Client().get(url)
        assert Client().get(url)["X-Cache"] == "hit"
    water.title = "Stories of water"
    water.save()
    assert "Stories of water" in Client().get(series_url()).text
    assert "Part 2 of 3 in “Stories of water”" in Client().get(article).text
    SeriesPart.objects.create(series=water, post=PostFactory(published=True, title="The rain"),
                              position=9)  # fmt: skip
    assert "The rain" in Client().get(series_url()).text
    assert "Part 2 of 4" in Client().get(article).text
    water.parts.get(post__slug="spring").delete()
    assert "Part 1 of 3" in Client().get(article).text


# --- The admin ---


def series_form(**fields) -> dict:
    data = {
        "title": "Bridges", "slug": "bridges", "language": "en", "description": "",
        "parts-TOTAL_FORMS": "0", "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0", "parts-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    return data | fields


def with_parts(data: dict, *parts) -> dict:
    data["parts-TOTAL_FORMS"] = str(len(parts))
    for n, (post, position) in enumerate(parts):
        data[f"parts-{n}-post"] = str(post.pk)
        data[f"parts-{n}-position"] = str(position)
    return data


def test_editors_order_the_parts_in_the_inline(admin_client):
    first, second, third = (PostFactory(published=True, title=f"Bridge {n}") for n in (1, 2, 3))
    data = with_parts(series_form(), (third, 3), (first, 1), (second, 2))
    response = admin_client.post(reverse("admin:blog_series_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    series = Series.objects.get(slug="bridges")
    assert list(series.published_parts().values_list("title", flat=True)) == [
        "Bridge 1", "Bridge 2", "Bridge 3"
    ]  # fmt: skip
    change = admin_client.get(reverse("admin:blog_series_change", args=[series.pk]))
    assertContains(change, "Bridge 2")
    assertContains(change, 'aria-label="Position in the series"')
    listing = admin_client.get(reverse("admin:blog_series_changelist"))
    assertContains(listing, "Bridges")


def test_a_post_joins_one_series_in_its_language(admin_client, water):
    river = water.parts.get(post__slug="river").post
    russian = PostFactory(published=True, language="ru", title="Мост")
    data = with_parts(series_form(), (river, 1), (russian, 2))
    response = admin_client.post(reverse("admin:blog_series_add"), data)
    assert response.status_code == 200
    assertContains(response, "Choose a post in the language of the series.")
    assertContains(response, "already exists")
    assert not Series.objects.filter(slug="bridges").exists()


def test_the_part_chooser_finds_posts_by_title(admin_client, water):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "blog", "model_name": "seriespart", "field_name": "post", "term": "river"},
    )
    assert [row["text"] for row in response.json()["results"]] == ["The river"]


def test_editors_may_make_series_and_the_admin_home_lists_them(client, django_user_model):
    editor = django_user_model.objects.create_user("eddie", "e@example.org", "pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    assert editor.has_perms(["blog.add_series", "blog.change_series", "blog.add_seriespart",
                             "blog.change_seriespart", "blog.delete_seriespart"])  # fmt: skip
    client.force_login(editor)
    assertContains(client.get(reverse("admin:index")), reverse("admin:blog_series_changelist"))
