"""Writes with side effects on posts' status: publishing, unpublishing, and their record."""

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from blog.models import Post, PostStatus, PublicationEvent, Redirect, normalize_path
from blog.public import pagecache


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


@transaction.atomic
def redirect_old_address(*, post: Post, old_slug: str) -> Redirect | None:
    """A published post moved from /post/<old_slug>/: the old address, and every redirect
    that led to it, now lead to the new one (no chains). A redirect from the new address,
    left by an earlier move, goes: the post lives there again."""
    old_url = reverse("blog:post_detail", kwargs={"slug": old_slug})
    new_url = post.get_absolute_url()
    if old_url == new_url:
        return None
    Redirect.objects.filter(old_path=normalize_path(new_url)).delete()
    leading_here = Redirect.objects.filter(new_path__in=[old_url, normalize_path(old_url)])
    leading_here.update(new_path=new_url)
    redirect, _ = Redirect.objects.update_or_create(
        old_path=normalize_path(old_url),
        defaults={"new_path": new_url, "source": "address change"},
    )
    return redirect
