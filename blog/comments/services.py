"""Writes with side effects on comments. Views and the admin call these; nothing else
writes comments."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from blog.comments import moderation, notifications
from blog.models import Comment, CommentStatus, ModerationEvent, Post
from blog.public import pagecache


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
        raise ValidationError(_("Comments are closed on this article."))
    body = body.strip()
    if post.comments.filter(body=body).exclude(status=CommentStatus.REMOVED).exists():
        raise ValidationError(
            {
                "body": _(
                    "This exact comment is already posted on this article, so it was not "
                    "posted twice."
                )
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
