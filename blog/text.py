"""Text helpers shared by models, forms and templates: slugs, stored HTML, reading time."""

import math

import nh3
from django.utils.html import strip_tags
from django.utils.text import slugify as django_slugify
from unidecode import unidecode

# Unidecode writes "@" for the schwa; Azerbaijani readers expect "e" ("Şəki" -> "seki").
AZERBAIJANI_LETTERS = str.maketrans({"ə": "e", "Ə": "E"})


def slugify(text: str) -> str:
    """An ASCII slug for any title: Azerbaijani and Cyrillic letters are transliterated,
    so the same slug works in every browser, feed reader and share link."""
    return django_slugify(unidecode(text.translate(AZERBAIJANI_LETTERS)))


# What the post editor may produce, and nothing else. Anything outside this list is
# dropped when a post is saved, so the templates can mark the stored body safe.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "hr", "figure", "figcaption", "img",
    "code", "pre", "cite", "q", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": {"title"},
    "ol": {"start"},
}
_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes={"blockquote": {"pull-quote"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
)


def sanitize_html(html: str) -> str:
    """The stored body: editor HTML reduced to the allowlist above."""
    return _cleaner.clean(html or "")


WORDS_PER_MINUTE = 200


def reading_minutes(html: str) -> int:
    words = len(strip_tags(html or "").split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
