"""Bodies from other systems, turned into the HTML our editor writes. The writer then
passes the result through the same sanitizer as the editor's (blog.content.text)."""

import html
import re

# Marks that change the direction of text without being seen (U+200E, U+200F, the
# embeddings and isolates), zero-width spaces and byte-order marks: pasted titles carry
# them, and a slug must not. The zero-width joiners (U+200C, U+200D) stay: emoji and
# Persian words are spelled with them.
INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
BLOCKS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
)
SHORTCODE_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"|(\w+)\s*=\s*\'([^\']*)\'')


def without_invisible_marks(text: str) -> str:
    return INVISIBLE.sub("", text).strip()


def shortcode_attributes(text: str) -> dict[str, str]:
    return {
        (m.group(1) or m.group(3)).lower(): html.unescape(m.group(2) or m.group(4) or "")
        for m in SHORTCODE_ATTRIBUTE.finditer(text)
    }


def autop(text: str) -> str:
    """WordPress's classic posts carry no paragraphs: a blank line ends one and a single
    line break is a <br>, as wpautop() renders them. Block-level markup stays as it is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<p" in text.lower() and "\n\n" not in text:
        return text
    text = re.sub(rf"(<(?:{BLOCKS})\b[^>]*>)", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</(?:{BLOCKS})>)", r"\1\n\n", text, flags=re.I)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.match(rf"</?(?:{BLOCKS})\b", chunk, re.I):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(out)


def _caption(match: re.Match) -> str:
    attributes, inner = match.group(1), match.group(2)
    image = re.search(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", inner, re.I)
    if not image:
        return inner
    words = (inner[: image.start()] + inner[image.end() :]).strip()
    words = words or shortcode_attributes(attributes).get("caption", "")
    caption = f"<figcaption>{words}</figcaption>" if words else ""
    return f"\n\n<figure>{image.group(0)}{caption}</figure>\n\n"


def wordpress_html(body: str, *, gallery=None) -> str:
    """A WordPress post's content as clean HTML: block comments dropped (block posts
    already have their paragraphs), classic posts given theirs, [caption] a figure with
    its caption, [gallery] its pictures (`gallery(ids)` gives their <img> tags), [embed]
    a video address on its own line (as the editor embeds them), other shortcodes their
    text."""
    is_blocks = "<!-- wp:" in body
    body = BLOCK_COMMENT.sub("", body)
    body = re.sub(r"\[caption([^\]]*)\](.*?)\[/caption\]", _caption, body, flags=re.S | re.I)
    body = re.sub(
        r"\[gallery([^\]]*)\]",
        lambda m: "\n\n" + (gallery(_ids(m.group(1))) if gallery else "") + "\n\n",
        body,
        flags=re.I,
    )
    body = re.sub(r"\[embed[^\]]*\](.*?)\[/embed\]", r"\n\n\1\n\n", body, flags=re.S | re.I)
    # Any other shortcode: its brackets go, its words stay ([audio] and plugins' own).
    body = re.sub(r"\[/?[a-z][\w-]*(?:\s[^\]]*)?\]", "", body, flags=re.I)
    return body.strip() if is_blocks else autop(body)


def _ids(attributes: str) -> list[str]:
    return [i.strip() for i in shortcode_attributes(attributes).get("ids", "").split(",") if i]


def plain_text(fragment: str) -> str:
    """A comment's HTML as the text a reader wrote: tags dropped, entities read, links'
    addresses kept in the words (our comments are text, linked when shown)."""
    fragment = re.sub(r"<br\s*/?>|</p>\s*<p[^>]*>", "\n", fragment, flags=re.I)
    fragment = re.sub(r'<a\b[^>]*href="([^"]+)"[^>]*>(.*?)</a>', _link_text, fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _link_text(match: re.Match) -> str:
    address, words = match.group(1), re.sub(r"<[^>]+>", "", match.group(2))
    return words if words.strip() == address else f"{words} ({address})"
