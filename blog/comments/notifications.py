"""Mail about comments, sent outside the request by Django's tasks framework.

Views call `comment_posted()` / `comment_approved()`; they queue a task once the
transaction commits, so a rolled-back comment sends nothing and a slow or absent mail
server never delays a reader. `manage.py db_worker` sends the queue. Every mail is written
in the language of the post it concerns: a reply on a Russian post is mailed in Russian."""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from blog.comments.antispam import allow_mail_to
from blog.models import Comment, CommentStatus

logger = logging.getLogger(__name__)
# The salt keeps the name of the module this was first in: a new one would void
# every token already given out.
UNSUBSCRIBE_SALT = "blog.notifications.unsubscribe"


def comment_posted(comment: Comment) -> None:
    transaction.on_commit(partial(send_comment_mail.enqueue, comment.pk, "posted"))


def comment_approved(comment: Comment) -> None:
    transaction.on_commit(partial(send_comment_mail.enqueue, comment.pk, "approved"))


def unsubscribe_token(comment: Comment) -> str:
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)


def comment_from_unsubscribe_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


@task
def send_comment_mail(comment_id: int, event: str) -> int:
    """Mail the people a comment concerns; returns how many mails went out."""
    comment = Comment.objects.select_related("post", "parent").filter(pk=comment_id).first()
    if comment is None:  # deleted by its writer before the worker got to it
        return 0
    sent = 0
    with translation.override(comment.post.language or settings.LANGUAGE_CODE):
        if comment.status == CommentStatus.PENDING:
            sent += _mail_moderators(comment)
        elif comment.status == CommentStatus.APPROVED:
            if event == "posted":
                sent += _mail_post_writers(comment)
            sent += _mail_person_replied_to(comment)
    return sent


def _send(to: str, subject: str, body: str) -> int:
    if not allow_mail_to(to):
        logger.warning("comment mail skipped: daily limit reached for one address")
        return 0
    return send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])


def _comment_url(comment: Comment) -> str:
    return settings.SITE_URL + comment.get_absolute_url()


def _mail_moderators(comment: Comment) -> int:
    """A held comment: everyone who may moderate comments hears of it."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    moderators = users.filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename="change_comment")
        | Q(groups__permissions__codename="change_comment")
    ).distinct()
    admin_url = (
        settings.SITE_URL + reverse("admin:blog_comment_changelist") + "?status__exact=pending"
    )
    names = {"name": comment.author_name, "title": comment.post.title, "url": admin_url}
    # The reason is recorded in English, as the admin shows it.
    # Translators: why a comment was held, when no rule gave a reason.
    reason = comment.held_reason or _("moderation")
    body = (
        _("%(name)s wrote on “%(title)s”:") % names
        + f"\n\n{comment.body}\n\n"
        + _("Why it was held: %(reason)s") % {"reason": reason}
        + "\n"
        + _("Moderate it: %(url)s") % names
        + "\n"
    )
    subject = _("Comment awaiting moderation: %(title)s") % names
    return sum(_send(user.email, subject, body) for user in moderators)


def _mail_post_writers(comment: Comment) -> int:
    """A new public comment: the post's writers who have an account hear of it."""
    users = (
        get_user_model()
        .objects.filter(author_profile__post_credits__post=comment.post_id, is_active=True)
        .exclude(email="")
    )
    if comment.user_id:
        users = users.exclude(pk=comment.user_id)
    names = {"name": comment.author_name, "title": comment.post.title, "url": _comment_url(comment)}
    body = (
        _("%(name)s commented on your post “%(title)s”:") % names
        + f"\n\n{comment.body}\n\n"
        + _("Read it: %(url)s") % names
        + "\n"
    )
    subject = _("New comment on “%(title)s”") % names
    return sum(_send(user.email, subject, body) for user in users.distinct())


def _mail_person_replied_to(comment: Comment) -> int:
    parent = comment.parent
    if (
        parent is None
        or not parent.notify_replies
        or parent.is_deleted
        or parent.author_email.strip().lower() == comment.author_email.strip().lower()
    ):
        return 0
    stop_url = settings.SITE_URL + reverse(
        "blog:comment_unsubscribe", kwargs={"token": unsubscribe_token(parent)}
    )
    names = {"name": comment.author_name, "title": comment.post.title}
    body = (
        _("Hello %(name)s,") % {"name": parent.author_name}
        + "\n\n"
        + _("%(name)s replied to your comment on “%(title)s”:") % names
        + f"\n\n{comment.body}\n\n"
        + _("Read the thread: %(url)s") % {"url": _comment_url(comment)}
        + "\n\n"
        + _(
            "You get this mail because you asked for replies. One click stops them for "
            "this article: %(url)s"
        )
        % {"url": stop_url}
        + "\n"
    )
    subject = _("A reply to your comment on “%(title)s”") % names
    return _send(parent.author_email, subject, body)
