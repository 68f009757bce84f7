"""Finding older articles: months with their counts, a page per month, related posts."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import PostStatus
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

BAKU = ZoneInfo("Asia/Baku")


def published_on(*args, **kwargs):
    return PostFactory(status=PostStatus.PUBLISHED, published_at=datetime(*args, tzinfo=BAKU),
                       **kwargs)  # fmt: skip


def test_month_page_lists_the_posts_of_that_month(client):
    march = published_on(2025, 3, 10, 12, title="March news")
    published_on(2025, 4, 2, 12, title="April news")
    PostFactory(title="March draft")
    response = client.get(reverse("blog:archive_month", kwargs={"year": 2025, "month": 3}))
    assertContains(response, "Articles of March 2025")
    assertContains(response, march.get_absolute_url())
    assertNotContains(response, "April news")
    assertNotContains(response, "March draft")


def test_month_follows_the_site_time_zone(client):
    # 00:30 on 1 April in Baku is still 31 March in UTC.
    published_on(2025, 4, 1, 0, 30, title="Just after midnight")
    march = client.get(reverse("blog:archive_month", kwargs={"year": 2025, "month": 3}))
    april = client.get(reverse("blog:archive_month", kwargs={"year": 2025, "month": 4}))
    assert march.status_code == 404
    assertContains(april, "Just after midnight")


def test_month_addresses_have_two_digits():
    assert reverse("blog:archive_month", kwargs={"year": 2025, "month": 3}) == "/archive/2025/03/"


@pytest.mark.parametrize("path", ["/archive/2025/13/", "/archive/2025/00/", "/archive/25/03/",
                                  "/archive/2025/02/"])  # fmt: skip
def test_impossible_or_empty_months_are_not_found(client, path):
    published_on(2025, 3, 10, 12)
    assert client.get(path).status_code == 404


def test_home_lists_months_with_counts_newest_first(client):
    published_on(2025, 3, 10, 12)
    published_on(2025, 3, 20, 12)
    published_on(2025, 5, 1, 12)
    PostFactory()  # a draft counts for nothing
    response = client.get(reverse("blog:post_list"))
    assert [(entry["month"].month, entry["count"]) for entry in response.context["months"]] == [
        (5, 1),
        (3, 2),
    ]
    link = '"/archive/2025/03/">March 2025</a> <span class="archive-months__count">(2)</span>'
    assertContains(response, link, html=False)


def test_month_page_marks_the_current_month(client):
    published_on(2025, 3, 10, 12)
    response = client.get("/archive/2025/03/")
    assertContains(response, 'href="/archive/2025/03/" aria-current="page"', html=False)


def test_related_posts_share_tags_most_shared_first(client):
    post = PostFactory(tags=["water", "youth", "dialogue"], published=True)
    one = PostFactory(title="Shares one", tags=["water"], published=True)
    two = PostFactory(title="Shares two", tags=["water", "youth"], published=True)
    PostFactory(title="Shares none", tags=["mountains"], published=True)
    PostFactory(title="Draft sharing all", tags=["water", "youth", "dialogue"])
    response = client.get(post.get_absolute_url())
    assert response.context["related"] == [two, one]
    assertContains(response, "Related articles")
    assertContains(response, two.get_absolute_url())
    assertNotContains(response, "Shares none")
    assertNotContains(response, "Draft sharing all")


def test_related_posts_are_a_few(client):
    post = PostFactory(tags=["water"], published=True)
    PostFactory.create_batch(5, tags=["water"], published=True)
    assert len(client.get(post.get_absolute_url()).context["related"]) == 3


def test_a_post_without_tags_has_no_related_section(client):
    post = PostFactory(published=True)
    PostFactory(tags=["water"], published=True)
    assertNotContains(client.get(post.get_absolute_url()), "Related articles")
