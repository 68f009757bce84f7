"""A commenter's own comments, remembered by their browser in a signed cookie: no
account, nothing stored on the server. It lets the writer see their held comment and
edit or delete a comment for COMMENT_EDIT_MINUTES."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

COOKIE = "commenter"
# The salt keeps the name of the module this was first in: a new one would void
# every token already given out.
SALT = "blog.commenter"
MAX_AGE = 30 * 86400  # long enough to see a held comment approved
KEEP = 50  # the most recent comments remembered


def own_comment_ids(request) -> list[int]:
    try:
        value = request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE)
        return [int(pk) for pk in value.split(",") if pk][-KEEP:]
    except (KeyError, signing.BadSignature, ValueError):
        return []


def remember(request, response, comment) -> None:
    ids = [pk for pk in own_comment_ids(request) if pk != comment.pk] + [comment.pk]
    response.set_signed_cookie(
        COOKIE,
        ",".join(str(pk) for pk in ids[-KEEP:]),
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def can_change(request, comment) -> bool:
    """The writer, from the same browser, within the edit window."""
    window = timedelta(minutes=settings.COMMENT_EDIT_MINUTES)
    return (
        comment.pk in own_comment_ids(request)
        and not comment.is_deleted
        and comment.status in {"approved", "pending"}
        and timezone.now() - comment.created_at <= window
    )
