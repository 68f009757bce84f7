"""The post screen's autosave, and the version check that keeps two editors from
overwriting each other's work.

A draft's words are saved into the post itself (a new post becomes a draft on its first
autosave, so it is in the list even if Save is never pressed). A published post's are
kept aside as the editor's PendingEdit until they press Update: half-written edits never
reach readers. Either way, a save from a screen opened at an older version than the
post's is refused with who changed it and when."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from blog.models import Author, PendingEdit, Post, PostAuthor, PostStatus

WRITING_FIELDS = ("title", "excerpt", "body")


class Changed(Exception):
    """The post was saved by someone else since this screen opened it."""

    def __init__(self, post: Post):
        self.post = post
        self.by = last_editor(post)
        self.at = post.updated_at
        super().__init__(message(post, self.by))


def last_editor(post: Post) -> str:
    version = (
        Version.objects.get_for_object(post).select_related("revision__user").first()
    )  # the newest saved version, if the admin saved one
    user = version.revision.user if version else None
    if user is None:
        return _("another editor")
    return user.get_full_name() or user.get_username()


def message(post: Post, by: str) -> str:
    return _(
        "This post was changed by %(by)s at %(time)s, after you opened it. Your text is "
        "still here: compare it with theirs below, copy what you need, then reload the "
        "post to work on the newest version."
    ) % {"by": by, "time": timezone.localtime(post.updated_at).strftime("%H:%M")}


@dataclass(frozen=True)
class Autosaved:
    post: Post
    version: int
    saved_at: datetime
    pending: bool  # kept aside (a published post), not yet on the site
    created: bool


def autosave(*, post: Post | None, user, fields: dict, version: int | None,
             writers: list[int] = (), credit_self: bool = False) -> Autosaved:  # fmt: skip
    """`writers` are the ones chosen on the screen; `credit_self` credits the user's own
    writer profile when none is chosen (a writer must stay able to open their draft)."""
    # Only the words the screen sent: a field it does not show is left as it is.
    fields = {name: str(fields[name]) for name in WRITING_FIELDS if name in fields}
    if post is None:
        return _new_draft(user, fields, writers, credit_self)
    with transaction.atomic():
        current = Post.objects.select_for_update().get(pk=post.pk)
        if version is not None and version != current.version:
            raise Changed(current)
        if current.status == PostStatus.PUBLISHED:
            kept = {name: getattr(current, name) for name in WRITING_FIELDS} | fields
            kept |= {"title": kept["title"][:200], "base_version": current.version}
            edit, _made = PendingEdit.objects.update_or_create(
                post=current, user=user, defaults=kept
            )
            return Autosaved(current, current.version, edit.saved_at, True, False)
        for name, value in fields.items():
            setattr(current, name, value)
        current.title = current.title[:200] or _("Untitled draft")
        current.save()
        return Autosaved(current, current.version, current.updated_at, False, False)


def _new_draft(user, fields: dict, writers: list[int], credit_self: bool) -> Autosaved:
    with transaction.atomic():
        post = Post(**fields, status=PostStatus.DRAFT)
        post.title = post.title[:200] or _("Untitled draft")
        post.save()
        known = set(Author.objects.filter(pk__in=writers).values_list("pk", flat=True))
        credited = [pk for pk in dict.fromkeys(writers) if pk in known]  # the byline's order
        profile = getattr(user, "author_profile", None)
        if profile and credit_self and not credited:
            # The screen then credits them too (its writer rows are sent back), so a
            # later Save does not add them a second time.
            credited.append(profile.pk)
        PostAuthor.objects.bulk_create(
            PostAuthor(post=post, author_id=pk, position=n) for n, pk in enumerate(credited)
        )
    return Autosaved(post, post.version, post.updated_at, False, True)


def pending_edit(post: Post, user) -> PendingEdit | None:
    return PendingEdit.objects.filter(post=post, user=user).first()


def discard_pending(post: Post, user) -> None:
    PendingEdit.objects.filter(post=post, user=user).delete()
