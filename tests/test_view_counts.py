"""What counts as a view, rule by rule (see blog/readership/counting.py)."""

import threading
from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from blog.models import DailyPostViews, Post, PostStatus, PostView
from blog.readership.counting import is_bot, views_per_day, visitor_key
from blog.readership.services import fold_past_views, record_view
from tests.factories import PostFactory, form_token

pytestmark = pytest.mark.django_db

READER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/150.0 Safari/537.36"
)


def beacon(client, post, **headers):
    headers.setdefault("HTTP_USER_AGENT", READER)
    return client.post(reverse("blog:view_record", kwargs={"slug": post.slug}), **headers)


def views_of(post):
    return Post.objects.get(pk=post.pk).view_count


def test_a_reader_counts_once_a_day(client):
    post = PostFactory(published=True)
    assert beacon(client, post).status_code == 204
    beacon(client, post)
    assert views_of(post) == 1


def test_different_readers_count_apart(client):
    post = PostFactory(published=True)
    beacon(client, post, REMOTE_ADDR="10.0.0.1")
    beacon(client, post, REMOTE_ADDR="10.0.0.2")
    beacon(client, post, REMOTE_ADDR="10.0.0.2", HTTP_USER_AGENT=READER + " Firefox")
    assert views_of(post) == 3


def test_the_same_reader_counts_again_the_next_day(client):
    post = PostFactory(published=True)
    beacon(client, post)
    tomorrow = timezone.now() + timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        beacon(client, post)
    assert views_of(post) == 2


def test_visitor_key_changes_every_day(rf):
    request = rf.get("/", HTTP_USER_AGENT=READER)
    today, tomorrow = date(2026, 5, 1), date(2026, 5, 2)
    assert visitor_key(request, day=today) == visitor_key(request, day=today)
    assert visitor_key(request, day=today) != visitor_key(request, day=tomorrow)
    assert "127.0.0.1" not in visitor_key(request, day=today)


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "TelegramBot (like TwitterBot)",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/150.0 Safari/537.36",
        "Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "python-requests/2.32",
        "curl/8.5.0",
        "",
    ],
)
def test_bots_and_previews_do_not_count(client, agent):
    post = PostFactory(published=True)
    beacon(client, post, HTTP_USER_AGENT=agent)
    assert is_bot(agent)
    assert views_of(post) == 0


def test_ordinary_browsers_are_not_bots():
    assert not is_bot(READER)
    iphone = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 "
        "Mobile/15E148 Safari/604.1"
    )
    assert not is_bot(iphone)


def test_logged_in_editors_do_not_count(admin_client):
    post = PostFactory(published=True)
    beacon(admin_client, post)
    assert views_of(post) == 0


@pytest.mark.parametrize("header", ["HTTP_SEC_PURPOSE", "HTTP_PURPOSE"])
def test_prefetches_do_not_count(client, header):
    post = PostFactory(published=True)
    beacon(client, post, **{header: "prefetch"})
    assert views_of(post) == 0


def test_head_requests_do_not_count(client):
    post = PostFactory(published=True)
    client.head(reverse("blog:view_pixel", kwargs={"slug": post.slug}), HTTP_USER_AGENT=READER)
    assert views_of(post) == 0


@pytest.mark.parametrize("kind", ["draft", "scheduled", "unknown"])
def test_unpublished_or_unknown_posts_are_404_and_uncounted(client, kind):
    if kind == "unknown":
        post = PostFactory.build(slug="nope")
    elif kind == "draft":
        post = PostFactory()
    else:
        post = PostFactory(
            status=PostStatus.PUBLISHED, published_at=timezone.now() + timedelta(days=1)
        )
    assert beacon(client, post).status_code == 404
    assert not PostView.objects.exists()


def test_rendering_the_page_counts_nothing_so_cached_pages_count_the_same(client):
    """The page only carries the beacon; a page served from any cache still sends it."""
    post = PostFactory(published=True)
    for _ in range(3):
        page = client.get(post.get_absolute_url(), HTTP_USER_AGENT=READER)
    assert views_of(post) == 0
    assertContains(
        page,
        f'data-view-url="{reverse("blog:view_record", kwargs={"slug": post.slug})}"',
        html=False,
    )
    beacon(client, post)
    assert views_of(post) == 1


def test_readers_without_javascript_count_through_the_pixel(client):
    post = PostFactory(published=True)
    page = client.get(post.get_absolute_url())
    pixel_url = reverse("blog:view_pixel", kwargs={"slug": post.slug})
    assertContains(page, f'<noscript><img class="view-pixel" src="{pixel_url}"', html=False)
    response = client.get(pixel_url, HTTP_USER_AGENT=READER)
    assert response["Content-Type"] == "image/gif"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert views_of(post) == 1


def test_beacon_needs_no_csrf_token():
    post = PostFactory(published=True)
    beacon(Client(enforce_csrf_checks=True), post)
    assert views_of(post) == 1


@pytest.mark.parametrize("repeat", [False, True])
def test_counting_costs_at_most_two_queries(
    client, django_assert_max_num_queries, settings, repeat
):
    # The rate limit's counter lives in the cache: Redis in production, which is no SQL;
    # the embedded setup's database cache would add its own queries here.
    settings.VIEW_RATE_LIMITS = "off"
    post = PostFactory(published=True)
    if repeat:
        beacon(client, post)
    with django_assert_max_num_queries(2):
        answer = beacon(client, post, HTTP_ACCEPT="application/json")
    assert answer.json() == {"views": 1}  # the total comes with the same two queries


def test_views_js_gets_the_live_total_for_a_page_that_may_be_cached(client):
    # The article may come from the page cache, minutes old: views.js shows this total.
    post = PostFactory(published=True, imported_views=40)
    first = beacon(client, post, HTTP_ACCEPT="application/json")
    assert first.status_code == 200
    assert first.json() == {"views": 41}
    assert beacon(client, post, HTTP_ACCEPT="application/json").json() == {"views": 41}
    other = beacon(client, post, HTTP_ACCEPT="application/json", HTTP_USER_AGENT=READER + " 2")
    assert other.json() == {"views": 42}
    assert "no-cache" in other["Cache-Control"] or "max-age=0" in other["Cache-Control"]


def test_a_flood_of_beacons_from_one_address_is_refused(client, settings, fresh_minute):
    settings.VIEW_RATE_LIMITS = "3/m"
    posts = PostFactory.create_batch(5, published=True)
    answers = [beacon(client, post).status_code for post in posts]
    assert answers == [204, 204, 204, 429, 429]
    assert [views_of(post) for post in posts] == [1, 1, 1, 0, 0]
    pixel = reverse("blog:view_pixel", kwargs={"slug": posts[4].slug})
    refused = client.get(pixel, HTTP_USER_AGENT=READER)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    # Another address is not held back by this one.
    other = beacon(client, posts[4], REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 204
    assert views_of(posts[4]) == 1


def test_reading_never_uses_up_the_right_to_comment(client, settings, fresh_minute):
    settings.COMMENT_RATE_LIMITS = "2/m"
    settings.COMMENT_MODERATION = "open"
    posts = PostFactory.create_batch(4, published=True)
    for post in posts:
        assert beacon(client, post).status_code == 204
    response = client.post(
        reverse("blog:comment_create", kwargs={"slug": posts[0].slug}),
        {"author_name": "Reader", "author_email": "r@example.org", "body": "Read four, say one.",
         "issued": form_token()},
    )  # fmt: skip
    assert response.status_code == 302


def test_imported_views_are_added_to_the_count(client):
    post = PostFactory(published=True, imported_views=1200)
    beacon(client, post)
    assertContains(client.get("/"), "1201 views")


def test_views_link_to_how_we_count(client):
    post = PostFactory(published=True)
    page = client.get(post.get_absolute_url())
    assertContains(page, reverse("blog:views_explained"))
    assertContains(client.get(reverse("blog:views_explained")), "How we count views")


def test_past_days_fold_into_daily_totals_and_the_rows_go(client):
    post = PostFactory(published=True)
    today = timezone.localdate()
    PostView.objects.bulk_create(
        [PostView(post=post, visitor=f"v{n}", day=today - timedelta(days=1)) for n in range(3)]
        + [PostView(post=post, visitor="today", day=today)]
    )
    DailyPostViews.objects.create(post=post, day=today - timedelta(days=1), count=2)
    fold_past_views()
    assert list(PostView.objects.values_list("day", flat=True)) == [today]
    assert DailyPostViews.objects.get(day=today - timedelta(days=1)).count == 5
    series = dict(views_per_day(days=2))
    assert series == {today - timedelta(days=1): 5, today: 1}


def test_home_lists_the_most_read_of_the_last_30_days(client):
    today = timezone.localdate()
    popular = PostFactory(title="Popular piece", published=True)
    quiet = PostFactory(title="Quiet piece", published=True)
    old = PostFactory(title="Old favourite", published=True)
    DailyPostViews.objects.create(post=popular, day=today - timedelta(days=2), count=50)
    DailyPostViews.objects.create(post=quiet, day=today - timedelta(days=2), count=5)
    DailyPostViews.objects.create(post=old, day=today - timedelta(days=40), count=900)
    content = client.get("/").content.decode()
    section = content[content.index("Most read this month") :]
    assert section.index("Popular piece") < section.index("Quiet piece")
    assert "Old favourite" not in section


@pytest.mark.django_db(transaction=True)
def test_concurrent_views_are_all_counted():
    """Many workers counting at once lose nothing: run on PostgreSQL in CI."""
    post = PostFactory(published=True)
    visitors = [f"visitor-{n}" for n in range(24)]
    errors = []

    def count(visitor):
        try:
            record_view(slug=post.slug, visitor=visitor)
            record_view(slug=post.slug, visitor=visitor)  # the same reader again
        except Exception as error:  # noqa: BLE001 - reported below, with the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=count, args=(v,)) for v in visitors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert views_of(post) == len(visitors)
    assert PostView.objects.filter(post=post).count() == len(visitors)
