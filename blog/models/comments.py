from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from blog.content.text import comment_html


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    SPAM = "spam", _("Spam")
    REMOVED = "removed", _("Removed")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def visible_to(self, own_ids=()):
        """Approved comments, plus the held ones this reader wrote (ids from their
        signed commenter cookie): a held comment is shown to its writer alone."""
        condition = Q(status=CommentStatus.APPROVED)
        if own_ids:
            condition |= Q(status=CommentStatus.PENDING, pk__in=list(own_ids))
        return self.filter(condition)

    def by_email(self, email: str):
        # UPPER(author_email) = UPPER(email), spelled so that both databases use the
        # comment_email_upper index (iexact is LIKE on SQLite, which never would).
        return self.alias(email_upper=Upper("author_email")).filter(
            email_upper=email.strip().upper()
        )


class Comment(models.Model):
    post = models.ForeignKey(
        "blog.Post", on_delete=models.CASCADE, related_name="comments", verbose_name=_("post")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("parent"),
    )
    author_name = models.CharField(_("name"), max_length=80)
    author_email = models.EmailField(_("email"), max_length=254)  # never shown publicly
    body = models.TextField(_("comment"), max_length=5000)
    # The body as HTML, made by save() (blog.content.text.comment_html): escaped, never input.
    rendered_body = models.TextField(default="", editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus, default=CommentStatus.PENDING
    )
    held_reason = models.CharField(
        _("held reason"),
        max_length=120,
        blank=True,
        help_text=_("Why the comment was held or marked as spam."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("user"),
        help_text=_("The editor who wrote it, for replies posted while logged in."),
    )
    by_editor = models.BooleanField(
        _("by editor"),
        default=False,
        help_text=_("Written by one of the foundation's editors: shown with a badge."),
    )
    notify_replies = models.BooleanField(
        _("email me replies"), default=False, help_text=_("The writer asked to be told of replies.")
    )
    # A keyed hash (see blog.readership.privacy), never the address itself; cleared after
    # COMMENT_IP_RETENTION_DAYS by `manage.py purge_ip_hashes`.
    ip_hash = models.CharField(
        _("ip hash"), max_length=64, blank=True, db_index=True, editable=False
    )
    is_deleted = models.BooleanField(
        _("is deleted"),
        default=False,
        help_text=_("Deleted by its writer; kept as a placeholder for its replies."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["post", "status", "created_at"], name="comment_thread"),
            models.Index(fields=["status", "created_at"], name="comment_queue"),
            models.Index(fields=["author_email"], name="comment_email"),
            # by_email() matches case-insensitively, on UPPER(author_email), which the
            # plain index cannot serve (it was a full scan for every new commenter).
            models.Index(Upper("author_email"), name="comment_email_upper"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values), name="comment_status_valid"
            ),
        ]

    def __str__(self):
        # Translators: a comment as the admin names it, "Ann on River day".
        return _("%(name)s on %(post)s") % {"name": self.author_name, "post": self.post}

    def save(self, *args, **kwargs):
        self.rendered_body = comment_html(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "rendered_body"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    def clean(self):
        if self.parent is not None and self.parent.post_id != self.post_id:
            raise ValidationError({"parent": _("You can only reply to a comment on this article.")})

    @property
    def body_html(self) -> str:
        return mark_safe(self.rendered_body)  # noqa: S308 - escaped by save()

    @property
    def is_public(self) -> bool:
        return self.status == CommentStatus.APPROVED

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.author_name.split()[:2]).upper() or "?"


def build_thread(comments: list[Comment], *, max_depth: int) -> list[Comment]:
    """Link a post's comments into a tree in Python, without a query per comment.

    Each comment gets `.children`, `.depth` (1 for top level) and `.replying_to` (the
    comment it answers). Replies deeper than `max_depth` sit at the last level, beside
    the comment they answer, with `.shown_flat` set so the page says "in reply to NAME".
    A reply whose parent is not shown (held, removed) moves to the top level."""
    by_id = {comment.pk: comment for comment in comments}
    roots: list[Comment] = []
    for comment in comments:
        comment.children, comment.depth, comment.replying_to = [], 1, None
        comment.shown_flat, comment.container = False, None
    # A parent always has a smaller id than its replies: linking in id order means
    # every parent is placed before anything that answers it.
    for comment in sorted(comments, key=lambda c: c.pk):
        parent = by_id.get(comment.parent_id)
        if parent is None:
            roots.append(comment)
            continue
        comment.replying_to = parent
        if parent.depth < max_depth:
            comment.depth, comment.container = parent.depth + 1, parent
        else:
            comment.depth, comment.container = parent.depth, parent.container
            comment.shown_flat = True
        (comment.container.children if comment.container else roots).append(comment)
    order = {comment.pk: n for n, comment in enumerate(comments)}
    roots.sort(key=lambda c: order[c.pk])
    for comment in comments:
        comment.children.sort(key=lambda c: order[c.pk])
    return roots
