from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def normalize_path(path: str) -> str:
    """The form an old address is stored and looked up in: from the first slash, without
    the host, and without a trailing slash (but for the home page), so that `/post/a`
    and `/post/a/` are one address. A query string stays: WordPress's `/?p=12`."""
    path = path.strip()
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    path, mark, query = path.partition("?")
    path = "/" + path.strip("/")
    return path + (mark + query if query else "")


class Redirect(models.Model):
    """An old address that answers 301 with the page that took its place: filled by the
    importers and by changing a published post's address, editable by editors."""

    old_path = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_(
            "The address as it was, from the first slash: /2019/05/12/river-day/ or "
            "/?p=12. A full address works too; its host is dropped."
        ),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=500,
        help_text=_("Where readers are sent instead: /post/river-day/, or a full address."),
    )
    source = models.CharField(
        _("made by"), max_length=200, blank=True, editable=False,
        help_text=_("The import or the change of address that made it; empty if an editor did."),
    )  # fmt: skip
    hits = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        self.old_path = normalize_path(self.old_path)
        self.new_path = self.new_path.strip()
        scheme = urlsplit(self.new_path).scheme
        if self.new_path.startswith("//") or scheme not in {"", "http", "https"}:
            raise ValidationError(
                {"new_path": _("Give a path on this site (/post/…) or a full https:// address.")}
            )
        if not self.new_path.startswith(("/", "https://", "http://")):
            self.new_path = "/" + self.new_path
        if normalize_path(self.new_path) == self.old_path:
            raise ValidationError({"new_path": _("A redirect cannot send readers to itself.")})
