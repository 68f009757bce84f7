"""What search engines and link previews read in an article's head: OpenGraph and
Twitter card tags, and JSON-LD `BlogPosting` (https://schema.org/BlogPosting)."""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from blog.models import Author, Post

LOGO_PATH = "img/logo.png"
LOGO_SIZE = 512
# Inside <script>, "</script>" in a title would end the element: JSON's \u escapes keep
# every <, > and & out of the markup while meaning the same characters.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def article_metadata(request, post: Post, authors: list[Author]) -> dict:
    """Sharing metadata of a published post, every address absolute on the host the
    page was asked for (the same as its canonical link)."""
    absolute = request.build_absolute_uri
    url = absolute(post.get_absolute_url())
    logo = {"url": absolute(static(LOGO_PATH)), "width": LOGO_SIZE, "height": LOGO_SIZE}
    image = None
    share = post.cover.rendition("share", "jpeg") or post.cover.rendition(
        "share", "png"
    ) if post.cover else None  # fmt: skip
    if share:
        image = {"url": absolute(share.url), "width": share.width, "height": share.height,
                 "alt": post.cover.alt}  # fmt: skip
    people = []
    for author in authors:
        person = {
            "@type": "Person",
            "name": author.name,
            "url": absolute(author.get_absolute_url()),
        }
        square = author.picture.rendition("square") if author.picture else None
        if square:
            person["image"] = absolute(square.url)
        people.append(person)
    json_ld = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": post.title,
        "inLanguage": post.language,
        "description": post.description,
        "datePublished": _iso(post.published_at),
        "dateModified": _iso(post.updated_at),
        "author": people,
        "image": image["url"] if image else logo["url"],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "logo": {"@type": "ImageObject", **logo},
        },
    }
    return {
        "url": url,
        "image": image,
        "logo": logo,
        "published_time": _iso(post.published_at),
        "modified_time": _iso(post.updated_at),
        "author_urls": [person["url"] for person in people],
        "json_ld": json_ld,
    }


def json_ld_script(data) -> SafeString:
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above
