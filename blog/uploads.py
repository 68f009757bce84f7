"""Checks on uploaded pictures, with Pillow, before anything is stored: the format is
read from the file's content (never its name), and sizes are checked from the header
before the pixels are decoded, so a decompression bomb is refused without being opened."""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
UNREADABLE = (
    "This file is not a picture that can be read, or it is damaged. Pictures must be JPEG, "
    "PNG, WebP or GIF; an SVG or a web page renamed to .jpg is refused. Please export the "
    "picture again and upload the new file."
)


def validate_image_upload(upload) -> None:
    max_bytes = settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            f"This file is {upload.size / 1024 / 1024:.1f} MB; pictures can be up to "
            f"{settings.IMAGE_MAX_UPLOAD_MB} MB. Please make it smaller and upload it again."
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with PillowImage.open(upload) as picture:
            kind = picture.format
            if kind not in ALLOWED_FORMATS:
                raise ValidationError(
                    f"This is a {kind or 'unknown'} file. Pictures must be JPEG, PNG, WebP or GIF."
                )
            width, height = picture.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    f"This picture is {width} × {height} pixels, more than the "
                    f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g} megapixels allowed. Please "
                    "scale it down and upload it again."
                )
            picture.load()  # decodes every pixel: a truncated or corrupt file fails here
    except ValidationError:
        raise
    except UnidentifiedImageError:
        raise ValidationError(UNREADABLE) from None
    except (OSError, SyntaxError, ValueError, PillowImage.DecompressionBombError) as error:
        raise ValidationError(
            f"This picture is damaged or incomplete ({error}). Please export it again and "
            "upload the new file."
        ) from None
    finally:
        upload.seek(position)
