"""Writes with side effects. Views and the admin call these; nothing else writes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from blog.models import Comment, CommentStatus, Post, PostStatus


def initial_comment_status() -> str:
    """COMMENT_MODERATION=open publishes at once; anything else waits for an editor."""
    if settings.COMMENT_MODERATION == "open":
        return CommentStatus.APPROVED
    return CommentStatus.PENDING


def add_comment(
    *,
    post: Post,
    author_name: str,
    author_email: str,
    body: str,
    parent: Comment | None = None,
) -> Comment:
    """Save a reader's comment or reply, held or approved by the moderation setting."""
    if not post.comments_enabled:
        raise ValidationError("Comments are closed on this article.")
    comment = Comment(
        post=post,
        parent=parent,
        author_name=author_name.strip(),
        author_email=author_email.strip(),
        body=body.strip(),
        status=initial_comment_status(),
    )
    comment.full_clean()  # runs clean() (parent on the same post) and the constraints
    comment.save()
    return comment


@transaction.atomic
def publish_posts(posts) -> int:
    """Publish drafts; a post keeps a publish time it already had (a schedule stays one)."""
    now = timezone.now()
    count = posts.filter(published_at__isnull=True).update(
        status=PostStatus.PUBLISHED, published_at=now
    )
    return count + posts.exclude(status=PostStatus.PUBLISHED).update(status=PostStatus.PUBLISHED)


def unpublish_posts(posts) -> int:
    return posts.exclude(status=PostStatus.DRAFT).update(status=PostStatus.DRAFT)


def set_comment_status(comments, status: str) -> int:
    return comments.exclude(status=status).update(status=status)
