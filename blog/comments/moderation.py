"""The rules that decide what happens to a new or edited comment. Pure decisions:
services.py applies them and records what was decided."""

from dataclasses import dataclass

from django.conf import settings

from blog.comments.antispam import count_links
from blog.models import BlockedTerm, BlockKind, Comment, CommentPolicy, CommentStatus
from blog.readership.privacy import ip_hash as hash_ip


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str = ""

    @property
    def notifies(self) -> bool:
        # Spam is dropped quietly: a blocklisted sender learns nothing, nobody is mailed.
        return self.status != CommentStatus.SPAM


def matching_block(comment: Comment) -> BlockedTerm | None:
    """The first blocklist entry the comment matches. The list is small, so it is read
    whole, in one query, and matched in Python."""
    email = comment.author_email.strip().lower()
    domain = email.rpartition("@")[2]
    text = f"{comment.author_name}\n{comment.body}".lower()
    for term in BlockedTerm.objects.all():
        value = term.value.strip().lower()
        if (
            (term.kind == BlockKind.WORD and value and value in text)
            or (term.kind == BlockKind.EMAIL and value == email)
            or (term.kind == BlockKind.DOMAIN and (domain == value or domain.endswith("." + value)))
            or (term.kind == BlockKind.IP and comment.ip_hash and value == comment.ip_hash)
        ):
            return term
    return None


def normalize_block_value(kind: str, value: str) -> str:
    """What a blocklist entry stores: lower case; an IP address only as its keyed hash."""
    value = value.strip().lower()
    if kind == BlockKind.IP and len(value) != 32:
        return hash_ip(value)
    if kind == BlockKind.DOMAIN:
        return value.lstrip("@")
    return value


def decide(comment: Comment, *, spam_reason: str = "", is_edit: bool = False) -> Decision:
    """The status of a comment about to be saved, and why. An edit is not held as a
    first comment again: its writer already passed that check."""
    if spam_reason:
        return Decision(CommentStatus.SPAM, spam_reason)
    if comment.by_editor:
        return Decision(CommentStatus.APPROVED)
    if term := matching_block(comment):
        return Decision(CommentStatus.SPAM, f"blocklist: {term}")
    policy = comment.post.effective_comment_policy
    if policy == CommentPolicy.ALL:
        return Decision(CommentStatus.PENDING, "every comment is held")
    links = count_links(comment.body)
    if links > settings.COMMENT_MAX_LINKS:
        return Decision(CommentStatus.PENDING, f"{links} links")
    if (
        policy == CommentPolicy.FIRST_TIME
        and not is_edit
        and not _has_approved_comment(comment.author_email)
    ):
        return Decision(CommentStatus.PENDING, "first comment from this address")
    return Decision(CommentStatus.APPROVED)


def _has_approved_comment(email: str) -> bool:
    return Comment.objects.approved().by_email(email).exists()
