"""Writes with side effects. Views and the admin call these; nothing else writes."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, QuerySet
from django.utils import timezone

from blog import moderation, notifications, pagecache
from blog.models import (
    Comment,
    CommentStatus,
    DailyPostViews,
    ModerationEvent,
    Post,
    PostStatus,
    PostView,
    PublicationEvent,
)


@transaction.atomic
def add_comment(
    *,
    post: Post,
    author_name: str,
    author_email: str,
    body: str,
    parent: Comment | None = None,
    notify_replies: bool = False,
    ip_hash: str = "",
    user=None,
    spam_reason: str = "",
) -> Comment:
    """Save a reader's comment or reply with the status the moderation rules give it,
    record that decision, and queue the notifications (after the commit)."""
    if not post.accepts_comments():
        raise ValidationError("Comments are closed on this article.")
    body = body.strip()
    if post.comments.filter(body=body).exclude(status=CommentStatus.REMOVED).exists():
        raise ValidationError(
            {
                "body": "This exact comment is already posted on this article, so it was not "
                "posted twice."
            }  # fmt: skip
        )
    comment = Comment(
        post=post,
        parent=parent,
        author_name=author_name.strip(),
        author_email=author_email.strip(),
        body=body,
        notify_replies=notify_replies,
        ip_hash=ip_hash,
        user=user,
        by_editor=bool(user and user.is_staff),
    )
    decision = moderation.decide(comment, spam_reason=spam_reason)
    comment.status, comment.held_reason = decision.status, decision.reason
    comment.full_clean()  # runs clean() (parent on the same post) and the constraints
    comment.save()
    ModerationEvent.objects.create(
        comment=comment, actor=user, action="posted", to_status=comment.status,
        note=decision.reason,
    )  # fmt: skip
    if decision.notifies:
        notifications.comment_posted(comment)
    return comment


def add_editor_reply(*, parent: Comment, user, body: str) -> Comment:
    """An editor answers a comment, from the admin or while logged in on the site."""
    author = getattr(user, "author_profile", None)
    return add_comment(
        post=parent.post,
        parent=parent,
        author_name=author.name if author else (user.get_full_name() or user.get_username()),
        author_email=user.email or "editors@invalid",
        body=body,
        user=user,
    )


@transaction.atomic
def edit_comment(comment: Comment, *, body: str) -> Comment:
    """The writer changes their text within the edit window. The new text goes through
    the blocklist and link rules again; it is shown as edited."""
    comment.body = body.strip()
    comment.edited_at = timezone.now()
    decision = moderation.decide(comment, is_edit=True)
    if decision.status != CommentStatus.APPROVED:  # an edit never approves a held comment
        comment.status, comment.held_reason = decision.status, decision.reason
    comment.full_clean()
    comment.save()
    ModerationEvent.objects.create(
        comment=comment, action="edited by its writer", to_status=comment.status
    )
    return comment


@transaction.atomic
def delete_comment(comment: Comment) -> None:
    """The writer deletes their comment. With replies it stays as a "comment deleted"
    placeholder, so the replies keep their context; without, it is gone."""
    if comment.replies.approved().exists():
        Comment.objects.filter(pk=comment.pk).update(
            is_deleted=True, body="", rendered_body="", author_name="", notify_replies=False
        )
        pagecache.invalidate_on_commit()
        ModerationEvent.objects.create(comment=comment, action="deleted by its writer")
    else:
        comment.delete()


@transaction.atomic
def moderate_comments(comments: QuerySet[Comment], *, status: str, actor=None) -> int:
    """Set the status of comments, record who did it, and tell the people replied to
    about replies that have just become public."""
    changed = list(comments.exclude(status=status).select_related("post", "parent"))
    for comment in changed:
        ModerationEvent.objects.create(
            comment=comment, actor=actor, action=f"set to {status}",
            from_status=comment.status, to_status=status,
        )  # fmt: skip
    Comment.objects.filter(pk__in=[c.pk for c in changed]).update(status=status)
    if any(CommentStatus.APPROVED in (c.status, status) for c in changed):
        pagecache.invalidate_on_commit()  # shown or hidden: the thread readers see changed
    if status == CommentStatus.APPROVED:
        for comment in changed:
            comment.status = status
            notifications.comment_approved(comment)
    return len(changed)


def stop_reply_mail(comment: Comment) -> int:
    """The one-click link in a reply mail: no more mail to that address for the thread."""
    return Comment.objects.filter(
        post=comment.post_id, author_email__iexact=comment.author_email
    ).update(notify_replies=False)


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


def record_publication(*, post: Post, actor, before: dict | None) -> PublicationEvent | None:
    """Record a change of a post's status or schedule; nothing when neither changed."""
    old_status = before["status"] if before else ""
    old_time = before["published_at"] if before else None
    if old_status == post.status and (
        post.status != PostStatus.PUBLISHED or old_time == post.published_at
    ):
        return None
    if post.status == PostStatus.PUBLISHED:
        action = "scheduled" if post.published_at > timezone.now() else "published"
    elif post.status == PostStatus.REVIEW:
        action = "sent to review"
    else:
        action = "unpublished" if old_status == PostStatus.PUBLISHED else "saved as draft"
    return PublicationEvent.objects.create(
        post=post, actor=actor, action=action, from_status=old_status, to_status=post.status,
        published_at=post.published_at,
    )  # fmt: skip


@transaction.atomic
def publish_posts(*, posts: QuerySet[Post], actor=None) -> int:
    """Publish posts; a post keeps a publish time it already had (a schedule stays one)."""
    changed = list(posts.exclude(status=PostStatus.PUBLISHED))
    now = timezone.now()
    for post in changed:
        before = {"status": post.status, "published_at": post.published_at}
        post.status, post.published_at = PostStatus.PUBLISHED, post.published_at or now
        Post.objects.filter(pk=post.pk).update(status=post.status, published_at=post.published_at)
        record_publication(post=post, actor=actor, before=before)
    if changed:
        pagecache.invalidate_on_commit()
    return len(changed)


@transaction.atomic
def unpublish_posts(*, posts: QuerySet[Post], actor=None) -> int:
    changed = list(posts.exclude(status=PostStatus.DRAFT))
    for post in changed:
        before = {"status": post.status, "published_at": post.published_at}
        post.status = PostStatus.DRAFT
        Post.objects.filter(pk=post.pk).update(status=PostStatus.DRAFT)
        record_publication(post=post, actor=actor, before=before)
    if changed:
        pagecache.invalidate_on_commit()
    return len(changed)
