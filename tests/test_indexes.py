"""Every query the public pages run finds its rows through an index, on both databases:
each page is rendered, and the database explains each of its queries. A full scan of a
table that grows with the site (posts, comments, tags on posts, credits, pictures'
renditions, views, search documents) fails the test, with the plan.

PostgreSQL would rightly scan tables this small; `enable_seqscan = off` makes it show
whether an index *could* serve the query. SQLite plans by the indexes it has.

PostgreSQL also reuses one "generic" plan for a query prepared on a connection
(settings: DATABASE_PREPARED_STATEMENTS), made without the values: each query is checked
again in that plan, where an index on an expression with values in it can go unused."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import AuthorFactory, CommentFactory, PostFactory

pytestmark = pytest.mark.django_db

GROWING = ("blog_post", "blog_comment", "blog_taggedpost", "blog_postauthor", "blog_rendition",
           "blog_postview", "blog_dailypostviews", "blog_searchdocument")  # fmt: skip


def full_scans(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            return postgres_scans(row[0] for row in cursor.fetchall())
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = [row[-1] for row in cursor.fetchall()]
            # "SCAN t" reads every row; "SEARCH t USING INDEX" and "SCAN t USING
            # (COVERING) INDEX" for an ORDER BY ... LIMIT do not.
            found = [re.fullmatch(r"SCAN (\w+)(?: AS \w+)?", line) for line in plan]
    return [m.group(1) for m in found if m and m.group(1) in GROWING]


def postgres_scans(plan) -> list[str]:
    found = [re.search(r"Seq Scan on (\w+)", line) for line in plan]
    return [m.group(1) for m in found if m and m.group(1) in GROWING]


def explain_prepared(sql: str, params: tuple, *, plan: str = "generic") -> list[str]:
    """PostgreSQL's plan for `sql` prepared with $1, $2... for its values: the "generic"
    plan it reuses once a statement is prepared (made without the values), or the
    "custom" one made for these values. Index scans where an index could serve."""
    numbered = iter(range(1, len(params) + 1))
    prepared = re.sub(r"%%|%s", lambda m: "%" if m[0] == "%%" else f"${next(numbered)}", sql)
    values = connection.ops.compose_sql(", ".join(["%s"] * len(params)), params)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"SET LOCAL plan_cache_mode = force_{plan}_plan")
        cursor.execute(f"PREPARE plan_check AS {prepared}")
        try:
            cursor.execute(f"EXPLAIN EXECUTE plan_check({values})" if params else
                           "EXPLAIN EXECUTE plan_check")  # fmt: skip
            return [row[0] for row in cursor.fetchall()]
        finally:
            cursor.execute("DEALLOCATE plan_check")


def generic_plan_scans(sql: str, params: tuple) -> list[str]:
    """Full scans in the plan PostgreSQL reuses for `sql` once prepared."""
    return postgres_scans(explain_prepared(sql, params))


@pytest.fixture
def site():
    writer = AuthorFactory()
    posts = [
        PostFactory(
            published=True,
            authors=[writer],
            tags=["water", "youth"],
            published_at=timezone.now() - timedelta(days=n),
        )  # fmt: skip
        for n in range(3)
    ]
    CommentFactory(post=posts[0])
    return {"post": posts[0], "writer": writer}


def page_urls(site) -> dict[str, str]:
    post = site["post"]
    return {
        "home": "/",
        "article": post.get_absolute_url(),
        "tag": reverse("blog:tag_detail", kwargs={"slug": "water"}),
        "writer": site["writer"].get_absolute_url(),
        "archive": reverse(
            "blog:archive_month",
            kwargs={"year": post.published_at.year, "month": post.published_at.month},
        ),  # fmt: skip
        "search": reverse("blog:search") + "?q=peace",
        "feed": reverse("blog:feed"),
        "tag feed": reverse("blog:tag_feed", kwargs={"slug": "water"}),
        "sitemap": reverse("blog:sitemap"),
    }


@pytest.mark.parametrize("name", ["home", "article", "tag", "writer", "archive", "search",
                                  "feed", "tag feed", "sitemap"])  # fmt: skip
def test_public_pages_read_through_indexes(client, site, name):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page_urls(site)[name]).status_code == 200
    queries = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert queries
    scans = {sql: full_scans(sql) for sql in queries}
    assert {sql: tables for sql, tables in scans.items() if tables} == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
@pytest.mark.parametrize("name", ["home", "article", "tag", "writer", "archive", "search",
                                  "feed", "tag feed", "sitemap"])  # fmt: skip
def test_public_pages_read_through_indexes_in_reused_plans(client, site, name):
    sent = []

    def record(execute, sql, params, many, context):
        if sql.startswith("SELECT"):
            sent.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(page_urls(site)[name]).status_code == 200
    assert sent
    scans = {sql: generic_plan_scans(sql, params) for sql, params in sent}
    assert {sql: tables for sql, tables in scans.items() if tables} == {}


def test_finding_a_commenters_earlier_comments_uses_an_index():
    # Every comment from a new address asks this (first-time moderation, mail limits).
    from blog.models import Comment

    with CaptureQueriesContext(connection) as captured:
        assert not Comment.objects.by_email(" Aysel@Example.org ").exists()
    assert full_scans(captured.captured_queries[-1]["sql"]) == []


def test_the_check_sees_a_full_scan_and_an_index():
    assert full_scans("SELECT * FROM blog_comment WHERE body = 'x'") == ["blog_comment"]
    assert full_scans("SELECT * FROM blog_post ORDER BY title") == ["blog_post"]
    assert full_scans("SELECT * FROM blog_post WHERE slug = 'x'") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_the_reused_plan_check_sees_a_full_scan_and_an_index():
    assert generic_plan_scans("SELECT * FROM blog_comment WHERE body = %s", ("x",)) == [
        "blog_comment"
    ]
    assert generic_plan_scans("SELECT * FROM blog_post WHERE slug = %s", ("x",)) == []
    assert generic_plan_scans("SELECT * FROM blog_post WHERE title LIKE '%%a'", ()) == ["blog_post"]
