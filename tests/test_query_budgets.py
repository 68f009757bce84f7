"""Every public page costs a fixed number of queries, whatever the amount of data:
each test measures a page with little data and with much more, and both must fit
the same budget. A new N+1 shows here."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AuthorFactory,
    CommentFactory,
    ImageFactory,
    PostFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.django_db

# count + posts (with covers and comment counts) + writers (with pictures)
# + the writers' pictures' renditions + the covers' renditions
LIST_BUDGET = 5
# the list + most read this month + months of the archive
HOME_BUDGET = LIST_BUDGET + 2
# post (with cover and tags) + writers (with pictures) + all pictures' renditions
# + comment thread + previous, next and related articles
ARTICLE_BUDGET = 5
# an article that is a part of a series: its series' published parts in order (the
# series itself comes with the post); an article in no series costs nothing more
ARTICLE_IN_SERIES_BUDGET = ARTICLE_BUDGET + 1
# tag + the languages it is used in (the switcher's links) + the list
TAG_BUDGET = 2 + LIST_BUDGET
# series (it has one language: no query for the switcher) + the list
SERIES_BUDGET = 1 + LIST_BUDGET
# author (with picture) + its renditions + the list
AUTHOR_BUDGET = 2 + LIST_BUDGET
# the list + months of the archive + the languages with posts that month
ARCHIVE_BUDGET = LIST_BUDGET + 2
# count + ranked posts with snippets + writers, pictures and covers as in the list
SEARCH_BUDGET = LIST_BUDGET


def pictured_writer():
    # Renditions are not made: the queries that read them run all the same.
    return AuthorFactory(picture=ImageFactory(renditions=False))


def seed_posts(count, *, author=None, tags=("peace",)):
    """`count` posts in the default language; with more than one, each is translated into
    every other language too, so the budgets hold however many languages there are."""
    for _ in range(count):
        authors = [author or pictured_writer(), pictured_writer()]
        post = PostFactory(
            published=True, cover=ImageFactory(renditions=False), authors=authors, tags=list(tags)
        )
        CommentFactory.create_batch(2, post=post)
        if count > 1:
            translate(post, authors=authors, tags=list(tags))


def translate(post, **fields):
    for code, _name in settings.LANGUAGES[1:]:
        PostFactory(
            published=True,
            language=code,
            translation_group=post.translation_group,
            translated_from=post,
            **fields,
        )


@pytest.mark.parametrize("posts", [1, 12])
def test_home(client, django_assert_num_queries, posts):
    seed_posts(posts)
    with django_assert_num_queries(HOME_BUDGET):
        response = client.get(reverse("blog:post_list"))
    assert len(response.context["page"].object_list) == min(posts, 10)


@pytest.mark.parametrize(("comments", "tags"), [(1, 1), (30, 5), (500, 5)])
def test_article_with_comments_and_tags(client, django_assert_num_queries, comments, tags):
    post = PostFactory(
        published=True,
        cover=ImageFactory(renditions=False),
        authors=[pictured_writer(), pictured_writer()],
        tags=[f"tag{n}" for n in range(tags)],
    )
    PostFactory.create_batch(2, published=True, tags=[f"tag{n}" for n in range(tags)])
    if comments > 1:  # and in every language: the switcher and alternates are in the budget
        translate(post, tags=[f"tag{n}" for n in range(tags)])
    parents = CommentFactory.create_batch(comments // 2 or 1, post=post)
    for parent in parents[: comments - len(parents)]:
        CommentFactory(post=post, parent=parent)
    with django_assert_num_queries(ARTICLE_BUDGET):
        response = client.get(post.get_absolute_url())
    assert response.context["comment_count"] == comments
    assert len(response.context["tags"]) == tags
    versions = len(settings.LANGUAGES) if comments > 1 else 1
    assert len(response.context["language_versions"]) == versions


def series_of(count):
    parts = [
        PostFactory(published=True, cover=ImageFactory(renditions=False),
                    authors=[pictured_writer(), pictured_writer()], tags=["peace"])
        for _ in range(count)
    ]  # fmt: skip
    for part in parts:
        CommentFactory.create_batch(2, post=part)
    return SeriesFactory(slug="river", parts=parts), parts


@pytest.mark.parametrize("parts", [2, 20])
def test_article_in_a_series(client, django_assert_num_queries, parts):
    _series, posts = series_of(parts)
    with django_assert_num_queries(ARTICLE_IN_SERIES_BUDGET):
        response = client.get(posts[1].get_absolute_url())
    place = response.context["series_place"]
    assert (place.number, place.count) == (2, parts)


@pytest.mark.parametrize("parts", [2, 20])
def test_series_page(client, django_assert_num_queries, parts):
    series, _posts = series_of(parts)
    with django_assert_num_queries(SERIES_BUDGET):
        response = client.get(series.get_absolute_url())
    assert len(response.context["page"].object_list) == min(parts, 10)


@pytest.mark.parametrize("posts", [1, 12])
def test_tag_page(client, django_assert_num_queries, posts):
    seed_posts(posts, tags=("peace", "youth"))
    with django_assert_num_queries(TAG_BUDGET):
        response = client.get(reverse("blog:tag_detail", kwargs={"slug": "peace"}))
    assert len(response.context["page"].object_list) == min(posts, 10)


@pytest.mark.parametrize("posts", [1, 12])
def test_author_page(client, django_assert_num_queries, posts):
    author = pictured_writer()
    seed_posts(posts, author=author)
    with django_assert_num_queries(AUTHOR_BUDGET):
        response = client.get(author.get_absolute_url())
    assert len(response.context["page"].object_list) == min(posts, 10)


@pytest.mark.parametrize("posts", [1, 12])
def test_archive_month(client, django_assert_num_queries, posts):
    seed_posts(posts)
    PostFactory(published=True, published_at=timezone.now() - timedelta(days=400))
    today = timezone.localdate()
    with django_assert_num_queries(ARCHIVE_BUDGET):
        response = client.get(
            reverse("blog:archive_month", kwargs={"year": today.year, "month": today.month})
        )
    assert len(response.context["page"].object_list) == min(posts, 10)


@pytest.mark.parametrize("posts", [1, 12])
def test_search_page(client, django_assert_num_queries, posts):
    seed_posts(posts)
    with django_assert_num_queries(SEARCH_BUDGET):
        response = client.get(reverse("blog:search"), {"q": "peace"})
    assert len(response.context["page"].object_list) == min(posts, 10)


def test_empty_search_page_asks_nothing(client, django_assert_num_queries):
    seed_posts(3)
    with django_assert_num_queries(0):
        client.get(reverse("blog:search"))


# posts (with covers) + writers + their pictures' renditions + covers' renditions + tags
FEED_BUDGET = 5


@pytest.mark.parametrize("posts", [1, 12])
@pytest.mark.parametrize(
    ("name", "lookups"),
    [("blog:feed", 0), ("blog:tag_feed", 2), ("blog:author_feed", 1)],  # tag + exists; author
)
def test_feeds(client, django_assert_num_queries, posts, name, lookups):
    author = AuthorFactory(slug="ani")
    seed_posts(posts, author=author)
    slugs = {"blog:tag_feed": "peace", "blog:author_feed": "ani"}
    kwargs = {"slug": slugs[name]} if name in slugs else {}
    with django_assert_num_queries(FEED_BUDGET + lookups):
        response = client.get(reverse(name, kwargs=kwargs))
    assert response.content.count(b"<item>") == posts


@pytest.mark.parametrize("parts", [2, 20])
@pytest.mark.parametrize("name", ["blog:series_feed", "blog:series_feed_atom"])
def test_series_feeds(client, django_assert_num_queries, parts, name):
    series_of(parts)
    with django_assert_num_queries(FEED_BUDGET + 1):  # series, with a published part
        response = client.get(reverse(name, kwargs={"slug": "river"}))
    assert response.content.count(b"<item>" if name == "blog:series_feed" else b"<entry>") == parts


# latest edit per language for the home page; count + items for posts (with their
# translations); tags, writers and series, each with its languages, in one query each (a
# list, which the sitemap framework pages without asking again)
SITEMAP_BUDGET = 1 + 2 + 1 + 1 + 1


@pytest.mark.parametrize("posts", [1, 12])
def test_sitemap(client, django_assert_num_queries, posts):
    seed_posts(posts)
    with django_assert_num_queries(SITEMAP_BUDGET):
        response = client.get(reverse("blog:sitemap"))
    versions = len(settings.LANGUAGES) if posts > 1 else 1  # seed_posts translates many
    homes = len(settings.LANGUAGES)
    assert response.content.count(b"<url>") == homes + versions * (posts + 1 + 2 * posts)


def test_robots_txt_asks_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("blog:robots_txt"))
