"""Library pictures after upload: cleaned once, then scaled once into renditions.

Everything goes through Django's storage API (default_storage), so the same code
writes to the local media folder or, by settings, to S3-compatible storage."""

import hashlib
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image as PillowImage
from PIL import ImageCms, ImageOps

from blog.models import Image, Rendition, RenditionKind
from blog.public import pagecache

SHARE_SIZE = (1200, 630)
SRGB = ImageCms.createProfile("sRGB")
SAVE_OPTIONS = {
    "JPEG": {"quality": 86, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 2},
    "GIF": {},
}


def _encode(picture, kind: str, **extra) -> bytes:
    buffer = BytesIO()
    options = dict(SAVE_OPTIONS[kind], **extra)
    # CMYK stays CMYK: its colour profile, written back with it, is a CMYK one.
    if kind == "JPEG" and picture.mode not in {"RGB", "L", "CMYK"}:
        picture = picture.convert("RGB")
    # No `exif=` and no text chunks: whatever metadata the camera wrote (GPS location,
    # serial numbers, names) is not written back.
    picture.save(buffer, kind, **options)
    return buffer.getvalue()


def clean_original(image: Image) -> None:
    """Turn the stored original upright by its EXIF orientation and write it back
    without metadata. An animated GIF keeps its frames."""
    with image.file.open("rb") as handle, PillowImage.open(handle) as picture:
        kind = picture.format
        if getattr(picture, "is_animated", False):
            # GIF, WebP and PNG (APNG) all animate: saved whole, not as their first frame.
            data = _encode(picture, kind, save_all=True)
        else:
            upright = ImageOps.exif_transpose(picture)
            icc = picture.info.get("icc_profile")
            data = _encode(upright, kind, **({"icc_profile": icc} if icc else {}))
    name = image.file.name
    image.file.storage.delete(name)
    image.file.save(PurePosixPath(name).name, ContentFile(data), save=False)  # refreshes size


def _has_alpha(picture) -> bool:
    return picture.mode in {"RGBA", "LA", "PA"} or "transparency" in picture.info


def _eight_bit(picture):
    """16-bit greyscale (PNG's I;16) to 8 bits. Converted straight to RGB, every value
    above 255 is clipped, and a 16-bit scan of a document comes out all white."""
    if not picture.mode.startswith("I"):
        return picture
    return picture.convert("I").point(lambda value: value * (1 / 256)).convert("L")


def _in_srgb(picture, mode: str):
    """The picture in sRGB, what browsers assume for a file without a colour profile.
    Renditions carry no profile, so a CMYK print file or an Adobe RGB photo is converted
    by its own profile; without one (or with one that cannot be read) by the numbers."""
    icc = picture.info.get("icc_profile")
    if picture.mode not in {"CMYK", mode}:
        picture = picture.convert(mode)  # keeps .info, and so the profile
    if icc:
        try:
            return ImageCms.profileToProfile(
                picture, ImageCms.ImageCmsProfile(BytesIO(icc)), SRGB, outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile, or one for other colours: converted by the numbers
    return picture.convert(mode)


def _scaled(picture, width: int):
    """The picture at a width, at least one pixel high: ImageOps.contain rounds a
    10,000 x 1 line scaled to 480 wide down to 0 pixels, which no encoder can write."""
    height = max(1, round(picture.height * width / picture.width))
    if (width, height) == picture.size:
        return picture
    return picture.resize((width, height), PillowImage.LANCZOS)


def make_renditions(image: Image) -> list[Rendition]:
    """WebP copies at each width in IMAGE_WIDTHS up to the original's, each with a JPEG
    (or, for transparent pictures, PNG) fallback, and square crops for writers'
    pictures. Made once: existing renditions are replaced."""
    for old in image.renditions.all():
        default_storage.delete(old.file)
    image.renditions.all().delete()
    made = []
    with image.file.open("rb") as handle, PillowImage.open(handle) as picture:
        picture.seek(0)
        alpha = _has_alpha(picture)
        picture = _in_srgb(_eight_bit(picture), "RGBA" if alpha else "RGB")
        fallback = "PNG" if _has_alpha(picture) else "JPEG"
        widths = sorted(
            {w for w in settings.IMAGE_WIDTHS if w < picture.width}
            | {min(picture.width, max(settings.IMAGE_WIDTHS))}
        )
        jobs = [(RenditionKind.WIDE, w, _scaled(picture, w)) for w in widths]
        side = min(picture.size)
        square = ImageOps.fit(picture, (side, side))
        jobs += [
            (RenditionKind.SQUARE, s, square.resize((s, s), PillowImage.LANCZOS))
            for s in settings.AVATAR_SIZES
            if s <= side
        ] or [(RenditionKind.SQUARE, side, square)]
        # Link previews (OpenGraph, feeds) want 1200 x 630, in a format every fetcher reads.
        share = ImageOps.fit(picture, SHARE_SIZE)
        jobs.append((RenditionKind.SHARE, SHARE_SIZE[0], share))
        for kind, width, scaled in jobs:
            for fmt in (fallback,) if kind == RenditionKind.SHARE else ("WEBP", fallback):
                data = _encode(scaled, fmt)
                # Named by content: a new picture gets new addresses, so browsers, nginx
                # and CDNs may keep each file for a year (docs/deploy.md).
                digest = hashlib.sha256(data).hexdigest()[:12]
                name = f"renditions/{image.pk}/{kind}-{width}-{digest}.{fmt.lower()}"
                default_storage.delete(name)
                stored = default_storage.save(name, ContentFile(data))
                made.append(
                    Rendition(
                        image=image,
                        kind=kind,
                        format=fmt.lower(),
                        width=scaled.width,
                        height=scaled.height,
                        file=stored,
                    )  # fmt: skip
                )
    made = Rendition.objects.bulk_create(made)
    pagecache.invalidate_on_commit()  # bulk_create sends no post_save
    return made


@transaction.atomic
def process_upload(image: Image) -> Image:
    """After an upload: clean the original, save, and make its renditions."""
    clean_original(image)
    image.save()
    make_renditions(image)
    return image
