from django.conf import settings
from django.db import models


class BlockKind(models.TextChoices):
    WORD = "word", "Word or phrase in the comment"
    EMAIL = "email", "Email address"
    DOMAIN = "domain", "Email domain"
    IP = "ip", "IP address (stored as a keyed hash)"


class BlockedTerm(models.Model):
    """A blocklist entry: a comment that matches goes to spam, and nobody is notified."""

    kind = models.CharField(max_length=10, choices=BlockKind)
    value = models.CharField(
        max_length=254,
        help_text="A word or phrase, an email, a domain such as spam.example, or an IP "
        "address. Case does not matter. An IP address is kept only as a keyed hash.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why, for other editors.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="blocked_term_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=BlockKind.values), name="blocked_term_kind_valid"
            ),
        ]

    def __str__(self):
        shown = f"{self.value[:12]}… (hashed)" if self.kind == BlockKind.IP else self.value
        return f"{self.get_kind_display()}: {shown}"


class ModerationEvent(models.Model):
    """Who did what to a comment, and when. `actor` is empty for the site's own rules."""

    comment = models.ForeignKey(
        "blog.Comment", on_delete=models.CASCADE, related_name="moderation_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_events",
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        who = self.actor or "the site"
        return f"{who}: {self.action} comment #{self.comment_id}"
