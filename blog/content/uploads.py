"""Checks on uploaded pictures, with Pillow, before anything is stored: the format is
read from the file's content (never its name), and sizes are checked from the header
before the pixels are decoded, so a decompression bomb is refused without being opened."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
# Marked for translation, kept as the English text: translated where it is shown
# (gettext_lazy(UNREADABLE) in the library's form).
UNREADABLE = gettext_noop(
    "This file is not a picture that can be read, or it is damaged. Pictures must be JPEG, "
    "PNG, WebP or GIF; an SVG or a web page renamed to .jpg is refused. Please export the "
    "picture again and upload the new file."
)
# Smaller than this on a side, a picture is a line or a dot (often a file that is also
# a script, such as a 10,799 x 1 GIF): its renditions would be nothing a reader can see.
MIN_SIDE = 16


def megapixels(pixels: int) -> str:
    """A number of pixels in megapixels as the active language writes numbers: "40",
    "2.5" in English, "2,5" in Russian."""
    value = round(pixels / 1_000_000, 1)
    return number_format(int(value) if value == int(value) else value)


def validate_image_upload(upload) -> None:
    max_bytes = settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _(
                "This file is %(size)s MB; pictures can be up to %(limit)s MB. Please make "
                "it smaller and upload it again."
            )
            # One decimal, as the language writes it ("12,3" in Russian); rounded first, as
            # number_format cuts.
            % {
                "size": number_format(round(upload.size / 1024 / 1024, 1), 1),
                "limit": settings.IMAGE_MAX_UPLOAD_MB,
            }
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with PillowImage.open(upload) as picture:
            kind = picture.format
            if kind not in ALLOWED_FORMATS:
                if kind:
                    refused = _(
                        "This is a %(kind)s file. Pictures must be JPEG, PNG, WebP or GIF."
                    ) % {"kind": kind}
                else:
                    refused = _("This is an unknown file. Pictures must be JPEG, PNG, WebP or GIF.")
                raise ValidationError(refused)
            width, height = picture.size
            if min(width, height) < MIN_SIDE:
                raise ValidationError(
                    _(
                        "This picture is %(width)s × %(height)s pixels: it needs at least "
                        "%(minimum)s pixels on each side."
                    )
                    % {
                        "width": number_format(width, force_grouping=True),
                        "height": number_format(height, force_grouping=True),
                        "minimum": MIN_SIDE,
                    }
                )
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _(
                        "This picture is %(width)s × %(height)s pixels, more than the "
                        "%(limit)s megapixels allowed. Please scale it down and upload it again."
                    )
                    % {
                        "width": width,
                        "height": height,
                        "limit": megapixels(settings.IMAGE_MAX_PIXELS),
                    }
                )
            picture.load()  # decodes every pixel: a truncated or corrupt file fails here
    except ValidationError:
        raise
    except UnidentifiedImageError:
        raise ValidationError(_(UNREADABLE)) from None
    except (OSError, SyntaxError, ValueError, PillowImage.DecompressionBombError) as error:
        raise ValidationError(
            _(
                "This picture is damaged or incomplete (%(error)s). Please export it again and "
                "upload the new file."
            )
            % {"error": error}
        ) from None
    finally:
        upload.seek(position)
