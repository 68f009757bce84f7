from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from blog.models import DailyPostViews, PostView
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_dashboard_is_for_editors_only(client):
    response = client.get(reverse("reader_stats"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_dashboard_charts_views_and_comments_with_tables(admin_client):
    today = timezone.localdate()
    post = PostFactory(title="Counted piece", published=True)
    DailyPostViews.objects.create(post=post, day=today - timedelta(days=3), count=40)
    PostView.objects.create(post=post, visitor="a", day=today)
    CommentFactory(post=post)
    response = admin_client.get(reverse("reader_stats"))
    assertContains(response, "Views per day, last 30 days, the whole site")
    assertContains(response, "Views per day, last 90 days")
    assertContains(response, "Comments per day, last 30 days")
    assertContains(response, "41 in all; the busiest day had 40.", count=2)
    assertContains(response, 'role="img"', count=3, html=False)
    assertContains(response, '<th scope="row">', html=False)
    assertContains(response, "Most read this week")
    assertContains(response, "Counted piece")


def test_dashboard_shows_one_post(admin_client):
    today = timezone.localdate()
    chosen, other = PostFactory(title="Chosen", published=True), PostFactory(published=True)
    DailyPostViews.objects.create(post=chosen, day=today - timedelta(days=1), count=7)
    DailyPostViews.objects.create(post=other, day=today - timedelta(days=1), count=100)
    response = admin_client.get(reverse("reader_stats"), {"post": chosen.pk})
    assertContains(response, "last 30 days, “Chosen”")
    assertContains(response, "7 in all")


def test_dashboard_shows_the_demo_content(admin_client, settings, tmp_path):
    call_command("loaddemo", verbosity=0)
    response = admin_client.get(reverse("reader_stats"))
    chart = response.context["charts"][0]
    assert chart.total > 100
    assert sum(value > 0 for _, value in chart.rows) > 14  # weeks of daily views


def test_admin_index_links_to_the_dashboard(admin_client):
    assertContains(admin_client.get(reverse("admin:index")), reverse("reader_stats"))


def test_post_list_has_a_sparkline_per_post_without_a_query_per_row(admin_client):
    today = timezone.localdate()
    post = PostFactory(published=True)
    DailyPostViews.objects.create(post=post, day=today - timedelta(days=2), count=9)
    with CaptureQueriesContext(connection) as few:
        response = admin_client.get(reverse("admin:blog_post_changelist"))
    assertContains(response, 'class="sparkline"', html=False)
    assertContains(response, "9 in all")
    for _ in range(10):
        other = PostFactory(published=True)
        DailyPostViews.objects.create(post=other, day=today - timedelta(days=1), count=3)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(reverse("admin:blog_post_changelist"))
    assert len(many) == len(few)
