from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BlockKind(models.TextChoices):
    WORD = "word", _("Word or phrase in the comment")
    EMAIL = "email", _("Email address")
    DOMAIN = "domain", _("Email domain")
    IP = "ip", _("IP address (stored as a keyed hash)")


class BlockedTerm(models.Model):
    """A blocklist entry: a comment that matches goes to spam, and nobody is notified."""

    kind = models.CharField(_("kind"), max_length=10, choices=BlockKind)
    value = models.CharField(
        _("value"),
        max_length=254,
        help_text=_(
            "A word or phrase, an email, a domain such as spam.example, or an IP "
            "address. Case does not matter. An IP address is kept only as a keyed hash."
        ),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Why, for other editors.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = _("blocked term")
        verbose_name_plural = _("blocked terms")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="blocked_term_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=BlockKind.values), name="blocked_term_kind_valid"
            ),
        ]

    def __str__(self):
        if self.kind == BlockKind.IP:
            # Translators: the start of a blocked IP address's keyed hash.
            shown = _("%(start)s… (hashed)") % {"start": self.value[:12]}
        else:
            shown = self.value
        # Translators: a blocklist entry, "Email domain: spam.example".
        return _("%(kind)s: %(value)s") % {"kind": self.get_kind_display(), "value": shown}


class ModerationEvent(models.Model):
    """Who did what to a comment, and when. `actor` is empty for the site's own rules."""

    comment = models.ForeignKey(
        "blog.Comment",
        on_delete=models.CASCADE,
        related_name="moderation_events",
        verbose_name=_("comment"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_events",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from status"), max_length=10, blank=True)
    to_status = models.CharField(_("to status"), max_length=10, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation events")

    def __str__(self):
        # Translators: who did what to a comment; the action is recorded in English.
        return _("%(actor)s: %(action)s comment #%(comment)s") % {
            "actor": self.actor or _("the site"),
            "action": self.action,
            "comment": self.comment_id,
        }
