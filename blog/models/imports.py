import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """Where an imported post, writer, tag, picture, comment or series came from: its source (the
    old site) and its id there. A second run of the same export finds it here and updates
    it instead of making another."""

    class Kind(models.TextChoices):
        POST = "post"
        WRITER = "writer"
        TAG = "tag"
        PICTURE = "picture"
        COMMENT = "comment"
        SERIES = "series"

    source = models.CharField(max_length=300)  # "wordpress:https://old.example.org"
    kind = models.CharField(max_length=10, choices=Kind)
    source_id = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="imported_item_unique"
            ),
        ]
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")

    def __str__(self):
        return f"{self.kind} {self.source_id} from {self.source}"


class PrivateImports(FileSystemStorage):
    """Export files hold commenters' emails and drafts: kept out of MEDIA_ROOT, which the
    site serves, in IMPORTS_ROOT, which only the app and its worker read. The folder is
    read from the settings each time, so a test (or a deploy) can move it."""

    @property
    def base_location(self):
        return settings.IMPORTS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def _private_uploads():
    return PrivateImports()


class ImportRun(models.Model):
    """One import started from the admin: the uploaded file, a dry run's preview, then
    the import itself in the tasks worker, with its progress and report. Everything is
    kept here, so the page can be reloaded or left and opened again."""

    class Source(models.TextChoices):
        WORDPRESS = "wordpress", _("WordPress export (.xml)")
        GHOST = "ghost", _("Ghost export (.json)")
        WIX = "wix", _("Wix: blog feed, saved post page, posts CSV, or a .zip of them")
        SITE = "site", _("This site's own export (.zip or .json)")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the file")
        READY = "ready", _("Checked: ready to import")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Could not be imported")

    source = models.CharField(_("source"), max_length=10, choices=Source)
    file = models.FileField(
        _("export file"), upload_to="%Y/%m/", storage=_private_uploads, max_length=300
    )
    fetch_pictures = models.BooleanField(
        _("fetch pictures from the old site"),
        default=False,
        help_text=_(
            "Bring covers and pictures in posts into the library from their old public "
            "addresses. Without it, pictures keep their old addresses."
        ),
    )
    # Not a choices field: the site's LANGUAGES can change, the runs stay (the form lists
    # the languages of today).
    language = models.CharField(
        _("language of the posts"),
        max_length=10,
        blank=True,
        help_text=_(
            "What the imported posts are written in, unless the file says it for each post "
            "(WordPress with Polylang, this site's own export). Empty: the site's default."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CHECKING)
    preview = models.JSONField(default=dict, blank=True)  # the dry run's report
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    total = models.PositiveIntegerField(default=0)  # items in the file, from the dry run
    done = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.get_source_display()}: {self.file.name.rsplit('/', 1)[-1]}"

    @property
    def is_working(self) -> bool:
        return self.status in {self.Status.CHECKING, self.Status.QUEUED, self.Status.RUNNING}
