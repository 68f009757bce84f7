from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _srcset(renditions) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


@register.simple_tag
def picture(image, *, sizes="100vw", kind="wide", loading="lazy", css_class="", alt=None):
    # An eagerly loaded picture is the page's main one: the browser fetches it first.
    """A library picture as <picture>: WebP renditions with a JPEG/PNG fallback, width and
    height from the largest (no layout shift), lazy unless told `loading="eager"`.
    Uses `image.renditions.all()`: prefetch them for lists."""
    if image is None:
        return ""
    renditions = [r for r in image.renditions.all() if r.kind == kind]
    webp = [r for r in renditions if r.format == "webp"]
    fallback = [r for r in renditions if r.format != "webp"]
    text = image.alt if alt is None else alt
    if not fallback:  # renditions not made (yet): the original, cleaned on upload
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" decoding="async" '
            'class="{}">',
            image.file.url, text, image.width, image.height, loading, css_class,
        )  # fmt: skip
    largest = fallback[-1]
    sources = format_html_join(
        "", '<source type="image/webp" srcset="{}" sizes="{}">', [(_srcset(webp), sizes)]
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" '
        'loading="{}"{} decoding="async" class="{}"></picture>',
        sources, largest.url, _srcset(fallback), sizes, text, largest.width, largest.height,
        loading, mark_safe(' fetchpriority="high"') if loading == "eager" else "", css_class,
    )  # fmt: skip
