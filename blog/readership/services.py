"""Writes with side effects on view counts: the beacon's count and the daily fold."""

from datetime import date

from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone

from blog.models import DailyPostViews, Post, PostStatus, PostView


def record_view(*, slug: str, visitor: str) -> int | None:
    """Count a view of the published post `slug` unless this visitor was counted today;
    answer the post's total views, or None if there is no such published post.

    Two queries. The deduplication row is inserted straight from the post lookup and
    skipped on conflict, so the unique constraint, not a per-process cache, dedupes
    across gunicorn workers; the total grows in an UPDATE that adds one in the database, so
    concurrent views never overwrite each other."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PostView._meta.db_table} (post_id, visitor, day) "  # noqa: S608 - table names, not input
            f"SELECT id, %s, %s FROM {Post._meta.db_table} "
            "WHERE slug = %s AND status = %s AND published_at <= %s "
            "ON CONFLICT DO NOTHING",
            [visitor, timezone.localdate(), slug, PostStatus.PUBLISHED, now],
        )
        inserted = cursor.rowcount == 1
        if inserted:
            # RETURNING (SQLite 3.35+, PostgreSQL): the new total without a third query.
            cursor.execute(
                f"UPDATE {Post._meta.db_table} SET view_count = view_count + 1 "  # noqa: S608
                "WHERE slug = %s RETURNING view_count + imported_views",
                [slug],
            )
            return cursor.fetchone()[0]
    totals = Post.objects.published().filter(slug=slug).values_list("view_count", "imported_views")
    found = totals.first()
    return sum(found) if found else None


@transaction.atomic
def fold_past_views(*, today: date | None = None) -> int:
    """Turn the per-visitor rows of past days into per-day totals and delete them, so
    deduplication state never outlives its day. Run daily (`manage.py fold_views`)."""
    today = today or timezone.localdate()
    past = PostView.objects.filter(day__lt=today)
    totals = list(past.values("post", "day").annotate(n=Count("pk")).order_by())
    for row in totals:
        daily, _ = DailyPostViews.objects.select_for_update().get_or_create(
            post_id=row["post"], day=row["day"]
        )
        DailyPostViews.objects.filter(pk=daily.pk).update(count=F("count") + row["n"])
    past.delete()
    return len(totals)
