"""Text helpers shared by models, forms and templates: slugs, stored HTML, reading time."""

import math
import re

import nh3
from django.utils.html import linebreaks, strip_tags, urlize
from django.utils.text import slugify as django_slugify
from unidecode import unidecode

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
        "cssClasses": {"blockquote": [{"className": "pull-quote", "title": "Pull quote"}]}
    },
    "HorizontalRule": True,
    "HardBreak": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
}

# What the post editor may produce, and nothing else. Anything outside this list is
# dropped when a post is saved, so the templates can mark the stored body safe.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "hr", "figure", "figcaption", "img",
    "code", "pre", "cite", "q", "abbr", "iframe",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes"},
    "abbr": {"title"},
    "ol": {"start"},
    "iframe": {"src", "title", "allow", "allowfullscreen", "loading", "referrerpolicy"},
}
# Video players the editor may embed, and nothing else: YouTube's privacy-enhanced
# domain and Vimeo with do-not-track.
EMBED_SOURCE = re.compile(
    r"^https://(www\.youtube-nocookie\.com/embed/[A-Za-z0-9_-]{11}"
    r"|player\.vimeo\.com/video/\d+\?dnt=1)$"
)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src" and not EMBED_SOURCE.match(value):
        return None
    if tag == "img" and attribute == "srcset" and ("javascript:" in value or "data:" in value):
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes={"blockquote": {"pull-quote"}, "figure": {"video"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    attribute_filter=_filter_attribute,
)
_EMPTY_FRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL)


def sanitize_html(html: str) -> str:
    """The stored body: editor HTML reduced to the allowlist above. Video links on a line
    of their own become embedded players first; a frame from any other site is dropped."""
    return _EMPTY_FRAME.sub("", _cleaner.clean(embed_videos(html or "")))


YOUTUBE = re.compile(
    r"https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:[^\s<\"]*&(?:amp;)?)?v=|shorts/|embed/)"
    r"|youtu\.be/)([A-Za-z0-9_-]{11})[^\s<\"]*"
)
VIMEO = re.compile(r"https?://(?:www\.)?vimeo\.com/(\d+)[^\s<\"]*")
# A paragraph holding only a video address, as text or as a link to itself.
VIDEO_PARAGRAPH = re.compile(
    r"<p>\s*(?:<a [^>]*>)?\s*(https?://[^\s<\"]+)\s*(?:</a>)?\s*</p>", re.IGNORECASE
)


def embed_videos(html: str) -> str:
    """Turn a YouTube or Vimeo address pasted on its own line into an embedded player,
    as Wix did: editors paste the address, readers see the video."""

    def player(match: re.Match) -> str:
        url = match.group(1)
        if found := YOUTUBE.fullmatch(url):
            src, title = f"https://www.youtube-nocookie.com/embed/{found.group(1)}", "YouTube video"
        elif found := VIMEO.fullmatch(url):
            src, title = f"https://player.vimeo.com/video/{found.group(1)}?dnt=1", "Vimeo video"
        else:
            return match.group(0)
        return (
            f'<figure class="video"><iframe src="{src}" title="{title}" loading="lazy" '
            'allow="encrypted-media; picture-in-picture; fullscreen" allowfullscreen '
            'referrerpolicy="strict-origin-when-cross-origin"></iframe></figure>'
        )

    return VIDEO_PARAGRAPH.sub(player, html)


EMBEDDED_VIDEO = re.compile(
    r'<figure class="video"><iframe src="https://(?:www\.youtube-nocookie\.com/embed/'
    r'(?P<youtube>[A-Za-z0-9_-]{11})|player\.vimeo\.com/video/(?P<vimeo>\d+)\?dnt=1)"'
    r"[^>]*></iframe></figure>"
)


def unembed_videos(html: str) -> str:
    """The reverse of embed_videos, for the visual editor, which has no video block: it
    would turn a player into an empty picture and lose the video on the next save. The
    editor shows the address on its line, as it was pasted; saving embeds it again."""

    def address(match: re.Match) -> str:
        if match.group("youtube"):
            return f"<p>https://www.youtube.com/watch?v={match.group('youtube')}</p>"
        return f"<p>https://vimeo.com/{match.group('vimeo')}</p>"

    return EMBEDDED_VIDEO.sub(address, html or "")


WORDS_PER_MINUTE = 200


def reading_minutes(html: str) -> int:
    words = len(strip_tags(html or "").split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def comment_html(body: str) -> str:
    """A reader's plain-text comment as HTML: escaped, links clickable, paragraphs kept.
    urlize escapes every quote in the reader's text, so the only `rel="nofollow"` left
    is the one urlize itself wrote; widening it to "nofollow ugc" cannot touch input.
    Stored with the comment (`Comment.body_html`): urlize is the dearest part of
    rendering a thread, and the text changes only when the comment is saved."""
    linked = urlize(body, nofollow=True, autoescape=True)
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return linebreaks(linked, autoescape=False)
