from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationEvent(models.Model):
    """Who submitted, published, scheduled or unpublished which post, and when."""

    post = models.ForeignKey(
        "blog.Post",
        on_delete=models.CASCADE,
        related_name="publication_events",
        verbose_name=_("post"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from status"), max_length=10, blank=True)
    to_status = models.CharField(_("to status"), max_length=10, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("publication event")
        verbose_name_plural = _("publication events")

    def __str__(self):
        # Translators: "Ann published “River day”"; the action is recorded in English.
        return _("%(actor)s %(action)s “%(post)s”") % {
            "actor": self.actor or _("the site"),
            "action": self.action,
            "post": self.post,
        }


class PendingEdit(models.Model):
    """An editor's unsaved changes to a published post, kept by the post screen's
    autosave so half-written edits never reach readers: applied when the editor presses
    Update, offered again when they open the post, discarded on request."""

    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="pending_edits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    excerpt = models.TextField(blank=True)
    body = models.TextField(blank=True)
    base_version = models.PositiveIntegerField(help_text=_("The post's version it was begun on."))
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="pending_edit_one_per_editor")
        ]
        verbose_name = _("pending edit")
        verbose_name_plural = _("pending edits")

    def __str__(self):
        return _("%(user)s's changes to “%(post)s”") % {"user": self.user, "post": self.post}
