import re
from urllib.parse import unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from blog.content.uploads import validate_image_upload


class Image(models.Model):
    """A picture in the library: covers, writers' pictures and pictures in posts all
    come from here. The stored file is cleaned on upload (turned upright, metadata such
    as GPS location removed) and `Rendition`s are made from it once."""

    file = models.ImageField(
        _("file"),
        upload_to="library/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG, WebP or GIF."),
    )
    title = models.CharField(
        pgettext_lazy("of a picture", "title"),
        max_length=200,
        help_text=_("For finding it in the library."),
    )
    alt = models.CharField(
        _("description (alt text)"),
        max_length=250,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or source.")
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("admin:blog_image_change", args=[self.pk])

    def rendition(self, kind: str, fmt: str = "jpeg") -> "Rendition | None":
        """The largest rendition of a kind and format, from prefetched renditions."""
        found = [r for r in self.renditions.all() if r.kind == kind and r.format == fmt]
        return found[-1] if found else None


class RenditionKind(models.TextChoices):
    WIDE = "wide", _("Full picture, scaled")
    SQUARE = "square", _("Square crop from the centre")
    SHARE = "share", _("1200 × 630 crop for link previews")


class Rendition(models.Model):
    """One scaled (or square-cropped) copy of a library picture, in one format."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    kind = models.CharField(max_length=10, choices=RenditionKind, default=RenditionKind.WIDE)
    format = models.CharField(max_length=10)  # webp, jpeg or png
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.CharField(max_length=300)  # a name in the default storage

    class Meta:
        ordering = ["kind", "format", "width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "kind", "format", "width"], name="rendition_unique"
            ),
        ]

    def __str__(self):
        return f"{self.image_id} {self.kind} {self.width}w {self.format}"

    @property
    def url(self) -> str:
        from django.core.files.storage import default_storage

        return default_storage.url(self.file)


# How a library picture appears in a post's body is read from the library here, so that
# Post.save() needs nothing above the models; making renditions (Pillow, and forgetting
# cached pages) is blog.publishing.renditions'.
LIBRARY_IMG = re.compile(r"<img\b[^>]*>")
IMG_SRC = re.compile(r'\ssrc="([^"]+)"')
# The library id the editor keeps on a picture it took from the library (django-prose-editor's
# Figure stores it as data-file): the picture is found by it first, whatever its address.
IMG_LIBRARY_ID = re.compile(r'\sdata-file="([0-9]{1,18})"')
RESPONSIVE_ATTRIBUTES = re.compile(r'\s(?:srcset|sizes|width|height|loading|decoding)="[^"]*"')
# A picture dropped into the text comes with a caption line to write on (static/js/admin/
# picture-drop.js); left empty, it is no caption.
EMPTY_CAPTION = re.compile(r"<figcaption>\s*</figcaption>")


def library_address() -> str:
    """Where the library's files are read from, as the admin gives their addresses to
    editors: MEDIA_URL on disk, the bucket's (or its CDN's) address with S3_BUCKET."""
    return default_storage.url("_").removesuffix("_")


def responsive_body(html: str) -> str:
    """Pictures from the library in a post's body get the library's renditions: a srcset,
    their width and height (no layout shift) and lazy loading. A picture is found by its
    library id (`data-file`) first, then by its address; an empty caption is dropped.
    Done when the post is saved, in one query (and one for the renditions) whatever the
    number of pictures, so reading a post costs no extra query."""
    # MEDIA_URL too: bodies written before the pictures moved to S3 keep those addresses,
    # and saving such a post again moves its pictures onto the bucket's renditions.
    prefixes = {library_address(), settings.MEDIA_URL}
    html = EMPTY_CAPTION.sub("", html)

    def file_name(src: str) -> str | None:
        for prefix in prefixes:
            if src.startswith(prefix):
                return unquote(src.removeprefix(prefix))
        return None

    ids, names = set(), set()
    for tag in LIBRARY_IMG.findall(html):
        if found := IMG_LIBRARY_ID.search(tag):
            ids.add(int(found.group(1)))
        if (src := IMG_SRC.search(tag)) and (name := file_name(src.group(1))) is not None:
            names.add(name)
    if not ids and not names:
        return html
    images = Image.objects.filter(Q(pk__in=ids) | Q(file__in=names)).prefetch_related("renditions")
    by_id = {image.pk: image for image in images}
    by_name = {image.file.name: image for image in images}

    def upgrade(match: re.Match) -> str:
        tag = match.group(0)
        found, src = IMG_LIBRARY_ID.search(tag), IMG_SRC.search(tag)
        image = by_id.get(int(found.group(1))) if found else None
        if image is None and src:
            image = by_name.get(file_name(src.group(1)) or "")
        wide = [r for r in image.renditions.all() if r.kind == "wide"] if image else []
        webp = [r for r in wide if r.format == "webp"]
        fallback = [r for r in wide if r.format != "webp"]
        if not fallback or not webp:
            return tag
        # Every browser in use reads WebP; the src keeps a JPEG (or PNG) for the rest.
        largest = fallback[-1]
        srcset = ", ".join(f"{escape(r.url)} {r.width}w" for r in webp)
        tag = IMG_SRC.sub("", RESPONSIVE_ATTRIBUTES.sub("", tag), count=1)
        return tag.replace(
            "<img",
            f'<img src="{escape(largest.url)}" srcset="{srcset}" '
            f'sizes="(min-width: 44rem) 42rem, 100vw" '
            f'width="{largest.width}" height="{largest.height}" loading="lazy"',
            1,
        )

    return LIBRARY_IMG.sub(upgrade, html)
