"""Text helpers shared by models, forms and templates: slugs, stored HTML, reading time."""

import math
import re

import nh3
from django.urls import reverse_lazy
from django.utils.html import linebreaks, strip_tags, urlize
from django.utils.text import slugify as django_slugify
from django.utils.translation import gettext_lazy
from unidecode import unidecode

# Videos have a module of their own; the admin, the tests and the browser journeys
# import these names from here too.
from blog.content.videos import EMBED_SOURCE, embed_videos, unembed_videos  # noqa: F401

# Unidecode writes "@" for the schwa; Azerbaijani readers expect "e" ("Şəki" -> "seki").
AZERBAIJANI_LETTERS = str.maketrans({"ə": "e", "Ə": "E"})


def slugify(text: str) -> str:
    """An ASCII slug for any title: Azerbaijani and Cyrillic letters are transliterated,
    so the same slug works in every browser, feed reader and share link."""
    return django_slugify(unidecode(text.translate(AZERBAIJANI_LETTERS)))


# The visual editor's tools (django-prose-editor). Each produces only tags and classes
# in ALLOWED_TAGS below; tests/test_editor.py holds the two lists to each other.
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "NodeClass": {
        # The style's name in the editor's menu; the widget's JSON translates it.
        "cssClasses": {
            "blockquote": [{"className": "pull-quote", "title": gettext_lazy("Pull quote")}]
        }
    },
    "HorizontalRule": True,
    "HardBreak": True,
    # The picture button's "Browse..." opens the library's chooser, which reports the
    # picture back with its library id (stored as `data-file`, so responsive_body finds it
    # whatever its address); static/js/admin/picture-drop.js uploads dropped files to
    # uploadUrl. Reversed lazily: the admin's URLs are not loaded when the models are.
    "Figure": {
        "pickerUrl": reverse_lazy("admin:blog_image_choose"),
        "uploadUrl": reverse_lazy("admin:blog_image_upload"),
    },
    "Caption": True,
    "Image": True,
    "History": True,
}

# What the post editor may produce, and nothing else. Anything outside this list is
# dropped when a post is saved, so the templates can mark the stored body safe.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "hr", "figure", "figcaption", "img",
    "code", "pre", "cite", "q", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes", "data-file"},
    "abbr": {"title"},
    "ol": {"start"},
}

# A library picture's id, as the editor stores it on a picture (`data-file`).
LIBRARY_ID = re.compile(r"[1-9][0-9]{0,17}")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "srcset" and ("javascript:" in value or "data:" in value):
        return None
    if tag == "img" and attribute == "data-file" and not LIBRARY_ID.fullmatch(value):
        return None  # a library picture's id, and nothing else
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    # No frame is ever stored: a video is a link, and its player loads on the reader's
    # click (blog.content.videos). A frame goes whole, with whatever it holds.
    clean_content_tags={"script", "style", "iframe"},
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes={"blockquote": {"pull-quote"}, "figure": {"video"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    attribute_filter=_filter_attribute,
)


def sanitize_html(html: str) -> str:
    """The stored body: editor HTML reduced to the allowlist above. Video links on a line
    of their own become videos first (blog.content.videos); every frame is dropped."""
    return _cleaner.clean(embed_videos(html or ""))


# Words a minute, by language. Silent reading of the same texts in 17 languages
# (Trauzettel-Klosinski & Dietz, "Standardized assessment of reading performance: the
# new International Reading Speed Texts IReST", Investigative Ophthalmology & Visual
# Science 53(9), 2012) found English read at 228, Russian at 184 and Turkish at 166
# words a minute: the longer a language's words, the fewer of them a minute. IReST has
# no Azerbaijani; Turkish, its close Turkic neighbour with the same long agglutinated
# words, stands in. These are those figures scaled by 200/228, to the 200 that English
# reading-time estimates commonly use for reading on a screen: 200, 160 and 145.
WORDS_PER_MINUTE = {"en": 200, "ru": 160, "az": 145}
DEFAULT_WORDS_PER_MINUTE = 200


def reading_minutes(html: str, language: str = "en") -> int:
    words = len(strip_tags(html or "").split())
    speed = WORDS_PER_MINUTE.get(language, DEFAULT_WORDS_PER_MINUTE)
    return max(1, math.ceil(words / speed))


def comment_html(body: str) -> str:
    """A reader's plain-text comment as HTML: escaped, links clickable, paragraphs kept.
    urlize escapes every quote in the reader's text, so the only `rel="nofollow"` left
    is the one urlize itself wrote; widening it to "nofollow ugc" cannot touch input.
    Stored with the comment (`Comment.body_html`): urlize is the dearest part of
    rendering a thread, and the text changes only when the comment is saved."""
    linked = urlize(body, nofollow=True, autoescape=True)
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return linebreaks(linked, autoescape=False)
