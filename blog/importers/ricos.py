"""Wix's rich text as the HTML our editor writes: Ricos documents in both their shapes
(the current {"nodes": [...]} one and the older Draft.js one, {blocks, entityMap}).

Every text is escaped here and every address checked; the writer sanitizes the result
once more, as it does every body."""

from html import escape

from blog.importers.wix_html import (
    clean_html,
    figure,
    has_words,
    link_paragraph,
    media_url,
    safe_href,
)  # fmt: skip

LIST_TYPES = {"BULLET_LIST": "ul", "BULLETED_LIST": "ul", "ORDERED_LIST": "ol"}
MARKS = {"BOLD": "strong", "ITALIC": "em", "UNDERLINE": "u", "STRIKETHROUGH": "s",
         "SUPERSCRIPT": "sup", "SUBSCRIPT": "sub"}  # fmt: skip
# Words kept from a node this module has no rule for (a new plugin, a table).
TEXT_KEYS = ("text", "title", "caption", "name", "description", "altText", "address")


def is_ricos(document) -> bool:
    return isinstance(document, dict) and (
        isinstance(document.get("nodes"), list)
        or (isinstance(document.get("blocks"), list) and "entityMap" in document)
    )


def ricos_html(document: dict) -> str:
    """A Ricos document, either shape, as HTML."""
    if isinstance(document.get("blocks"), list):
        return _draft_html(document)
    return "".join(_node(node) for node in document.get("nodes", []) if isinstance(node, dict))


def _children(node: dict) -> str:
    return "".join(_node(child) for child in node.get("nodes") or [] if isinstance(child, dict))


def _data(node: dict) -> dict:
    name = "".join(w.capitalize() for w in node.get("type", "").lower().split("_"))
    found = node.get(name[:1].lower() + name[1:] + "Data")
    return found if isinstance(found, dict) else {}


def _src(source) -> str:
    if isinstance(source, str):
        return media_url(source)
    if not isinstance(source, dict):
        return ""
    found = source.get("id") or source.get("custom") or source.get("file_name")
    return media_url(found or source.get("url") or "")


def _node(node: dict) -> str:  # one case per node kind, in the order Ricos lists them
    kind, data = node.get("type", ""), _data(node)
    if kind == "TEXT":
        return _text(node.get("textData") or {})
    if kind == "PARAGRAPH":
        inner = _children(node)
        return f"<p>{inner}</p>" if has_words(inner) else ""
    if kind == "HEADING":
        level = min(max(int(data.get("level") or 2), 2), 4)  # our editor's h2 to h4
        inner = _children(node)
        return f"<h{level}>{inner}</h{level}>" if has_words(inner) else ""
    if kind == "BLOCKQUOTE":
        inner = _children(node)
        inner = inner if inner.startswith("<") and has_words(inner) else f"<p>{inner}</p>"
        return f"<blockquote>{inner}</blockquote>" if has_words(inner) else ""
    if kind == "CODE_BLOCK":
        code = "".join((c.get("textData") or {}).get("text", "") for c in node.get("nodes") or [])
        return f"<pre><code>{escape(code)}</code></pre>" if code.strip() else ""
    if kind in LIST_TYPES:
        tag, start = LIST_TYPES[kind], data.get("start")
        numbered = tag == "ol" and isinstance(start, int) and start > 1
        return f"<{tag}{f' start="{start}"' if numbered else ''}>{_children(node)}</{tag}>"
    if kind == "LIST_ITEM":
        return f"<li>{_children(node)}</li>"
    if kind == "IMAGE":
        image = data.get("image") or {}
        return figure(_src(image.get("src")), data.get("altText", ""), data.get("caption", ""))
    if kind == "GALLERY":
        return "".join(_gallery_item(item) for item in data.get("items") or [])
    if kind == "GIPHY":
        gif = data.get("gif") or {}
        return figure(gif.get("originalUrl") or gif.get("downsizedUrl") or "", "GIF")
    if kind == "VIDEO":
        # A video address on a line of its own, as the editor embeds one.
        url = ((data.get("video") or {}).get("src") or {}).get("url", "")
        return link_paragraph(url) if url else _words(data)
    if kind == "FILE":
        return link_paragraph((data.get("src") or {}).get("url", ""), data.get("name", ""))
    if kind == "MAP":  # a place: its name; the map itself was Google's
        place = data.get("mapSettings") or {}
        return link_paragraph("", place.get("locationName") or place.get("address") or "")
    if kind == "POLL":
        poll = data.get("poll") or {}
        options = "".join(
            f"<li>{escape(o.get('title', ''))}</li>" for o in poll.get("options") or []
        )
        return link_paragraph("", poll.get("title", "")) + (
            f"<ul>{options}</ul>" if options else ""
        )
    if kind in {"HTML", "EMBED"}:  # someone's embed code: only what the cleaner keeps
        code = data.get("html") or (data.get("oembed") or {}).get("html")
        return clean_html(code) if code else link_paragraph(data.get("url") or data.get("src", ""))
    if kind == "APP_EMBED":
        return link_paragraph(data.get("url", ""), data.get("name", ""))
    if kind == "LINK_PREVIEW":
        link = (data.get("link") or {}).get("url", "")
        return link_paragraph(link, data.get("title") or link)
    if kind == "BUTTON":
        link = (data.get("link") or {}).get("url", "")
        return link_paragraph(link, data.get("text") or link)
    if kind == "DIVIDER":
        return "<hr>"
    inner = _children(node)
    if inner:
        return inner if inner.startswith("<") else f"<p>{inner}</p>"
    return _words(data)


def _words(data: dict) -> str:
    """The readable strings of a node's data, as one paragraph."""
    found: list[str] = []

    def collect(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                collect(v, k)
        elif isinstance(value, list):
            for v in value:
                collect(v, key)
        elif isinstance(value, str) and key in TEXT_KEYS and value.strip():
            found.append(value.strip())

    collect(data)
    return f"<p>{escape(' '.join(dict.fromkeys(found)))}</p>" if found else ""


def _gallery_item(item: dict) -> str:
    if not isinstance(item, dict):
        return ""
    media = (item.get("image") or {}).get("media") or {}  # the 2022 schema
    src = _src(media.get("src")) or media_url(item.get("url", ""))  # the 2021 one
    meta = item.get("metadata") or {}
    return figure(src, item.get("altText") or meta.get("altText", ""), item.get("title", ""))


def _text(text_data: dict) -> str:
    words = escape(text_data.get("text", ""), quote=False).replace("\n", "<br>")
    href = None
    for decoration in text_data.get("decorations") or []:
        kind = decoration.get("type")
        if kind in MARKS:
            words = f"<{MARKS[kind]}>{words}</{MARKS[kind]}>"
        elif kind == "LINK":
            href = safe_href(((decoration.get("linkData") or {}).get("link") or {}).get("url"))
        # COLOR, SPOILER, MENTION, ANCHOR, FONT_SIZE: our editor has no such marks; the
        # words stay, plain.
    return f'<a href="{escape(href)}">{words}</a>' if href and words.strip() else words


# The older, Draft.js shape: one block per paragraph, styles and links as ranges.
DRAFT_BLOCKS = {"unstyled": "p", "paragraph": "p", "header-one": "h2", "header-two": "h2",
                "header-three": "h3", "header-four": "h4", "header-five": "h4",
                "header-six": "h4", "blockquote": "blockquote"}  # fmt: skip
DRAFT_LISTS = {"unordered-list-item": "ul", "ordered-list-item": "ol"}


def _draft_html(document: dict) -> str:
    entities = document.get("entityMap") or {}
    out: list[str] = []
    lists: list[str] = []  # the open lists, outermost first
    code: list[str] = []
    for block in document.get("blocks") or []:
        kind = block.get("type", "unstyled")
        if kind != "code-block" and code:
            out.append(f"<pre><code>{escape(chr(10).join(code))}</code></pre>")
            code = []
        if kind in DRAFT_LISTS:
            depth = max(int(block.get("depth") or 0), 0) + 1
            while len(lists) > depth or (len(lists) == depth and lists[-1] != DRAFT_LISTS[kind]):
                out.append(f"</li></{lists.pop()}>")
            if len(lists) == depth:
                out.append("</li>")
            while len(lists) < depth:
                lists.append(DRAFT_LISTS[kind])
                out.append(f"<{lists[-1]}>")
            out.append(f"<li>{_draft_text(block, entities)}")
            continue
        while lists:
            out.append(f"</li></{lists.pop()}>")
        if kind == "code-block":
            code.append(block.get("text", ""))
        elif kind == "atomic":
            for found in block.get("entityRanges") or []:
                out.append(_draft_entity(entities.get(str(found.get("key"))) or {}))
        else:
            tag = DRAFT_BLOCKS.get(kind, "p")
            inner = _draft_text(block, entities)
            if has_words(inner):
                out.append(f"<blockquote><p>{inner}</p></blockquote>" if tag == "blockquote"
                           else f"<{tag}>{inner}</{tag}>")  # fmt: skip
    while lists:
        out.append(f"</li></{lists.pop()}>")
    if code:
        out.append(f"<pre><code>{escape(chr(10).join(code))}</code></pre>")
    return "".join(out)


def _draft_text(block: dict, entities: dict) -> str:
    """A block's text with its style and link ranges. Draft.js counts offsets in UTF-16
    code units, so a character outside the BMP (an emoji) counts two."""
    text = block.get("text", "")
    starts, position = [], 0
    for character in text:
        starts.append(position)
        position += 2 if ord(character) > 0xFFFF else 1
    marks = [[] for _ in text]
    links: list[str | None] = [None] * len(text)
    for style in block.get("inlineStyleRanges") or []:
        tag = MARKS.get(str(style.get("style", "")).upper())
        for i, start in enumerate(starts):
            if tag and style["offset"] <= start < style["offset"] + style["length"]:
                marks[i].append(tag)
    for found in block.get("entityRanges") or []:
        entity = entities.get(str(found.get("key"))) or {}
        if entity.get("type", "").upper() != "LINK":
            continue
        href = safe_href((entity.get("data") or {}).get("url", ""))
        for i, start in enumerate(starts):
            if found["offset"] <= start < found["offset"] + found["length"]:
                links[i] = href
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i] and links[j] == links[i]:
            j += 1
        words = escape(text[i:j], quote=False).replace("\n", "<br>")
        for tag in sorted(set(marks[i])):
            words = f"<{tag}>{words}</{tag}>"
        out.append(f'<a href="{escape(links[i])}">{words}</a>' if links[i] else words)
        i = j
    return "".join(out)


def _draft_entity(entity: dict) -> str:
    kind, data = entity.get("type", "").upper(), entity.get("data") or {}
    meta = data.get("metadata") or {}
    if kind in {"IMAGE", "WIX-DRAFT-PLUGIN-IMAGE"}:
        return figure(_src(data.get("src")), meta.get("alt", ""), meta.get("caption", ""))
    if kind == "WIX-DRAFT-PLUGIN-GALLERY":
        return "".join(_gallery_item(item) for item in data.get("items") or [])
    if kind == "WIX-DRAFT-PLUGIN-GIPHY":
        return figure((data.get("gif") or {}).get("originalUrl", ""), "GIF")
    if kind == "WIX-DRAFT-PLUGIN-DIVIDER":
        return "<hr>"
    if kind == "WIX-DRAFT-PLUGIN-HTML" and data.get("srcType") == "html":
        return clean_html(data.get("src", ""))
    url = data.get("url") or (data.get("src") if isinstance(data.get("src"), str) else "")
    return link_paragraph(url, data.get("title") or data.get("name") or "") or _words(data)
