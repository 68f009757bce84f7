"""Ghost's post bodies as the HTML our editor writes: Lexical (Ghost 5 and later), Mobiledoc
(Ghost 1 to 4), the markdown cards of both, and Ghost's own HTML when neither is there.
Ghost's cards (pictures, galleries, embeds, bookmarks, code, buttons ...) become plain
figures, links and paragraphs. The writer then sanitizes the result as it does every
import's, so raw HTML from an HTML card is passed on as it is."""

import json
import re
from html import escape, unescape

from blog.importers.bodies import plain_text

# Lexical's text format bits, as Ghost nests them: code innermost.
FORMATS = ((16, "code"), (1, "strong"), (2, "em"), (4, "s"), (8, "u"), (32, "sub"), (64, "sup"))
INLINE = {"text", "extended-text", "linebreak", "tab", "link", "autolink"}
BLOCKS = {"paragraph", "heading", "extended-heading", "quote", "extended-quote", "aside", "list"}
MARKUPS = {"a", "b", "strong", "em", "i", "u", "s", "code", "sub", "sup"}
# Lexical's names for Mobiledoc's cards, and Ghost 1's name for its markdown card.
CARD_NAMES = {"codeblock": "code", "horizontalrule": "hr", "card-markdown": "markdown"}
# Cards that hold nothing a reader of the site sees: newsletter-only parts, sign-up forms,
# the line where a members' preview ends.
SILENT_CARDS = {"paywall", "email", "email-cta", "signup", "preview"}
# Where an unknown card most likely keeps its words.
TEXT_KEYS = ("heading", "header", "title", "text", "content", "caption", "description")
FRAME = re.compile(r"<iframe\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>.*?</iframe>", re.I | re.S)


def body_html(post: dict) -> str:
    """A post's body, from the richest form it has. Lexical or Mobiledoc that cannot be read
    gives way to Ghost's own HTML of it; with none, the post cannot be read (ValueError)."""
    rendered = post.get("html") if isinstance(post.get("html"), str) else ""
    for name, convert in (("Lexical", lexical_html), ("Mobiledoc", mobiledoc_html)):
        value = post.get(name.lower())
        if not value:
            continue
        try:
            return convert(json.loads(value) if isinstance(value, str) else value)
        except json.JSONDecodeError as error:
            why = f"its {name} body is not valid JSON (line {error.lineno}, column {error.colno})"
        except ValueError as error:
            why = f"its {name} body cannot be read: {error}"
        except RecursionError:
            why = f"its {name} body is nested too deeply to read"
        if not rendered:
            raise ValueError(why)
    return raw_html(rendered)


def raw_html(fragment: str) -> str:
    """HTML as Ghost stored it. An embedded player becomes its address on a line of its own,
    which saving turns back into a player for YouTube and Vimeo (and a link for the rest)."""
    return FRAME.sub(lambda m: _link(unescape(m.group(1))), fragment)


def _nodes(value) -> list[dict]:
    return [n for n in value if isinstance(n, dict)] if isinstance(value, list) else []


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _at(items: list, index):
    return items[index] if isinstance(index, int) and 0 <= index < len(items) else None


def _heading(tag: str, inner: str) -> str:
    # The post's title is the page's one h1 and the editor has h2 to h4: Ghost's h1 is a
    # section heading here, its h5 and h6 the smallest heading there is.
    level = min(max(int(tag[1]), 2), 4) if re.fullmatch(r"h[1-6]", tag) else 2
    return f"<h{level}>{inner}</h{level}>" if inner.strip() else ""


def _quote(kind: str, inner: str) -> str:
    # Ghost's "aside" is its pull quote, which our editor has as a class of its quote.
    pull = kind in {"aside", "pull-quote"}
    opening = '<blockquote class="pull-quote">' if pull else "<blockquote>"
    return f"{opening}<p>{inner}</p></blockquote>" if inner.strip() else ""


def _link(url: str, words: str = "") -> str:
    """A link on a line of its own; an address alone there is a player, if it is a video's."""
    url = f"https:{url}" if url.startswith("//") else url
    return f'<p><a href="{escape(url)}">{escape(words or url)}</a></p>' if url else ""


def _without_paragraphs(fragment: str) -> str:
    """Ghost's HTML of a caption or callout, to sit inside one paragraph of ours."""
    fragment = re.sub(r"</p>\s*<p\b[^>]*>", "<br>", fragment.strip(), flags=re.I)
    return re.sub(r"</?p\b[^>]*>", "", fragment, flags=re.I)


# Lexical ------------------------------------------------------------------------------


def lexical_html(document: dict) -> str:
    root = document.get("root") if isinstance(document, dict) else None
    if not isinstance(root, dict):
        raise ValueError("it has no root node")
    return _blocks(root.get("children"))


def _blocks(nodes) -> str:
    return "".join(_block(node) for node in _nodes(nodes))


def _kind(node: dict) -> str:
    return node["type"] if isinstance(node.get("type"), str) else ""


def _block(node: dict) -> str:
    kind = _kind(node)
    children = node.get("children")
    if kind == "paragraph":
        inner = _inline(children)
        return f"<p>{inner}</p>" if inner.strip() else ""
    if kind in {"heading", "extended-heading"}:
        return _heading(str(node.get("tag", "h2")).lower(), _inline(children))
    if kind in {"quote", "extended-quote", "aside"}:
        return _quote(kind, _inline(children))
    if kind == "list":
        return _lexical_list(node)
    if kind in INLINE:  # loose words at the top: a paragraph of their own
        return f"<p>{_inline([node])}</p>"
    if isinstance(children, list):  # an element this importer does not know: its words stay
        if any(_kind(child) in BLOCKS for child in _nodes(children)):
            return _blocks(children)
        inner = _inline(children)
        return f"<p>{inner}</p>" if inner.strip() else ""
    return card(kind, node)


def _lexical_list(node: dict) -> str:
    tag = "ol" if node.get("listType") == "number" or node.get("tag") == "ol" else "ul"
    start = node.get("start")
    start = f' start="{start}"' if tag == "ol" and type(start) is int and start != 1 else ""
    items = []
    for item in _nodes(node.get("children")):
        parts = [
            _lexical_list(child) if _kind(child) == "list" else _inline([child])
            for child in _nodes(item.get("children"))
        ]
        items.append(f"<li>{''.join(parts)}</li>")
    return f"<{tag}{start}>{''.join(items)}</{tag}>" if items else ""


def _inline(nodes) -> str:
    out = []
    for node in _nodes(nodes):
        kind = _kind(node)
        if kind == "linebreak":
            out.append("<br>")
        elif kind == "tab":
            out.append(" ")
        elif kind in {"link", "autolink"}:
            url, inner = _text(node.get("url")), _inline(node.get("children"))
            out.append(f'<a href="{escape(url)}">{inner}</a>' if url else inner)
        elif isinstance(node.get("text"), str):  # text, and unknown nodes' words
            out.append(_formatted(escape(node["text"]), node.get("format")))
        elif isinstance(node.get("children"), list):
            out.append(_inline(node["children"]))
    return "".join(out)


def _formatted(text: str, bits) -> str:
    if type(bits) is not int or not text:
        return text
    for bit, tag in FORMATS:
        if bits & bit:
            text = f"<{tag}>{text}</{tag}>"
    return text


# Mobiledoc ----------------------------------------------------------------------------


def mobiledoc_html(document: dict) -> str:
    if not isinstance(document, dict) or not isinstance(document.get("sections"), list):
        raise ValueError("it has no sections")
    version = str(document.get("version", ""))
    if not version.startswith("0.3"):
        raise ValueError(f"it is Mobiledoc version {version!r}, and only 0.3 is read")
    markups, atoms, cards = (_list(document.get(k)) for k in ("markups", "atoms", "cards"))
    out = []
    for section in document["sections"]:
        if not isinstance(section, list) or len(section) < 2:
            continue
        kind, tag = section[0], str(section[1]).lower()
        if kind == 1 and len(section) > 2:
            inner = _markers(section[2], markups, atoms)
            if not inner.strip():
                continue
            if re.fullmatch(r"h[1-6]", tag):
                out.append(_heading(tag, inner))
            elif tag in {"blockquote", "aside", "pull-quote"}:
                out.append(_quote(tag, inner))
            else:
                out.append(f"<p>{inner}</p>")
        elif kind == 3 and len(section) > 2 and isinstance(section[2], list):
            list_tag = "ol" if tag == "ol" else "ul"
            items = "".join(f"<li>{_markers(item, markups, atoms)}</li>" for item in section[2])
            out.append(f"<{list_tag}>{items}</{list_tag}>")
        elif kind == 2:  # an image section, from Mobiledoc before cards
            out.append(_figure({"src": section[1]}))
        elif kind == 10:
            found = _at(cards, section[1])
            if isinstance(found, list) and found:
                payload = found[1] if len(found) > 1 and isinstance(found[1], dict) else {}
                out.append(card(str(found[0]), payload))
    return "".join(out)


def _markers(markers, markups: list, atoms: list) -> str:
    """A section's text: each marker opens markups, holds text (or an atom), then closes
    the last N markups it or an earlier marker opened."""
    out, opened = [], []
    for marker in _list(markers):
        if not isinstance(marker, list) or len(marker) < 4:
            continue
        kind, opens, closes, value = marker[:4]
        for index in _list(opens):
            markup = _at(markups, index)
            if not isinstance(markup, list) or not markup:
                continue
            tag = str(markup[0]).lower()
            tag = tag if tag in MARKUPS else "span"  # the sanitizer drops it, keeps its words
            pairs = markup[1] if len(markup) > 1 and isinstance(markup[1], list) else []
            names = [str(name) for name in pairs[::2]]
            href = dict(zip(names, pairs[1::2], strict=False)).get("href") if tag == "a" else None
            out.append(f'<a href="{escape(str(href))}">' if href else f"<{tag}>")
            opened.append(tag)
        if kind == 0:
            out.append(escape(str(value)))
        elif kind == 1:
            atom = _at(atoms, value)
            if isinstance(atom, list) and atom:
                is_break = atom[0] == "soft-return"
                out.append("<br>" if is_break else escape(str(atom[1] if len(atom) > 1 else "")))
        for _ in range(min(closes, len(opened)) if type(closes) is int else 0):
            out.append(f"</{opened.pop()}>")
    out.extend(f"</{tag}>" for tag in reversed(opened))
    return "".join(out)


# Cards, named as Lexical and Mobiledoc name them --------------------------------------


def card(name: str, payload: dict) -> str:
    name = CARD_NAMES.get(name, name)
    caption = _without_paragraphs(_text(payload.get("caption")))
    after = f"<p>{caption}</p>" if caption else ""
    if name == "image":
        return _figure(payload)
    if name == "gallery":
        return "".join(_figure(image) for image in _nodes(payload.get("images"))) + after
    if name == "embed":
        frame = FRAME.search(_text(payload.get("html")))
        url = _text(payload.get("url")) or (unescape(frame[1]) if frame else "")
        return _link(url) + after
    if name == "bookmark":
        metadata = payload.get("metadata") if isinstance(payload.get("metadata"), dict) else {}
        return _link(_text(payload.get("url")), _text(metadata.get("title"))) + after
    if name == "html":
        return raw_html(_text(payload.get("html")))
    if name == "markdown":
        return markdown_html(_text(payload.get("markdown")))
    if name == "code":
        code = payload.get("code") if isinstance(payload.get("code"), str) else ""
        return f"<pre><code>{escape(code)}</code></pre>{after}" if code else ""
    if name == "hr":
        return "<hr>"
    if name == "callout":
        emoji = escape(_text(payload.get("calloutEmoji")))
        words = _without_paragraphs(_text(payload.get("calloutText")))
        return f"<p>{emoji + ' ' if emoji else ''}{words}</p>" if words else ""
    if name == "button":
        return _link(_text(payload.get("buttonUrl")), _text(payload.get("buttonText")))
    if name in {"video", "audio", "file"}:
        words = _text(payload.get("title")) or _text(payload.get("fileTitle"))
        words = words or plain_text(caption) or _text(payload.get("fileName"))
        return _link(_text(payload.get("src")), words)
    if name in SILENT_CARDS:
        return ""
    words = [plain_text(v) for k in TEXT_KEYS if isinstance(v := payload.get(k), str)]
    return "".join(f"<p>{escape(w)}</p>" for w in words if w)


def _figure(image: dict) -> str:
    src = _text(image.get("src"))
    if not src:
        return ""
    picture = f'<img src="{escape(src)}" alt="{escape(_text(image.get("alt")))}">'
    if href := _text(image.get("href")):
        picture = f'<a href="{escape(href)}">{picture}</a>'
    # Ghost's captions are HTML already (links, emphasis): the sanitizer cleans them.
    caption = _without_paragraphs(_text(image.get("caption")))
    return f"<figure>{picture}{f'<figcaption>{caption}</figcaption>' if caption else ''}</figure>"


# Markdown, minimally: no markdown library is among the site's dependencies ------------

LIST_ITEM = re.compile(r"^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$")
RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
# The list markers that may start a list right under a paragraph, as in CommonMark.
INTERRUPTING = {"-", "*", "+", "1.", "1)"}
HTML_BLOCK = re.compile(r"^\s{0,3}</?[a-zA-Z][\w-]*[\s/>]")


def markdown_html(text: str) -> str:
    """Paragraphs, headings, lists, quotes, rules, fenced code and blocks of raw HTML;
    links, pictures, emphasis and code within lines. Anything else stays as its text."""
    lines, out, paragraph = text.replace("\r\n", "\n").split("\n"), [], []

    def flush():
        if paragraph:
            out.append(f"<p>{_markdown_inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith(("```", "~~~")):
            flush()
            fence, code, i = line.strip()[:3], [], i + 1
            while i < len(lines) and not lines[i].strip().startswith(fence):
                code.append(lines[i])
                i += 1
            out.append(f"<pre><code>{escape(chr(10).join(code))}</code></pre>")
        elif not line.strip():
            flush()
        elif heading := HEADING.match(line):
            flush()
            out.append(_heading(f"h{len(heading.group(1))}", _markdown_inline(heading.group(2))))
        elif RULE.match(line):
            flush()
            out.append("<hr>")
        elif line.lstrip().startswith(">"):
            flush()
            quoted = []
            while i < len(lines) and lines[i].lstrip().startswith(">"):
                quoted.append(lines[i].lstrip()[1:].removeprefix(" "))
                i += 1
            out.append(f"<blockquote>{markdown_html(chr(10).join(quoted))}</blockquote>")
            continue
        elif (item := LIST_ITEM.match(line)) and (not paragraph or item[1] in INTERRUPTING):
            flush()  # a list may start right under a paragraph's last line
            tag = "ul" if item.group(1) in "-*+" else "ol"
            items = []
            while i < len(lines) and (item := LIST_ITEM.match(lines[i])):
                items.append(item.group(2))
                i += 1
                while i < len(lines) and lines[i].startswith((" ", "\t")) and lines[i].strip():
                    items[-1] += " " + lines[i].strip()  # a long item, wrapped
                    i += 1
            items = "".join(f"<li>{_markdown_inline(words)}</li>" for words in items)
            out.append(f"<{tag}>{items}</{tag}>")
            continue
        elif HTML_BLOCK.match(line) and not paragraph:
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            out.append(raw_html("\n".join(block)))
            continue
        else:
            paragraph.append(line.strip())
        i += 1
    flush()
    return "".join(out)


def _markdown_inline(text: str) -> str:
    # Made pieces wait in `kept` behind a NUL-marked number, so later patterns (an
    # underscore in an address, say) cannot reach into them.
    kept: list[str] = []

    def keep(fragment: str) -> str:
        kept.append(fragment)
        return f"\x00{len(kept) - 1}\x00"

    text = text.replace("\x00", "")
    text = re.sub(r"(`+)(.+?)\1", lambda m: keep(f"<code>{escape(m[2].strip())}</code>"), text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!~>])", lambda m: keep(escape(m[1])), text)
    text = escape(text)  # the kept pieces' marks are neither quotes nor brackets
    target = r"\(\s*([^)\s]+)(?:\s+[^)]*)?\)"
    text = re.sub(
        rf"!\[([^\]]*)\]{target}", lambda m: keep(f'<img src="{m[2]}" alt="{m[1]}">'), text
    )
    text = re.sub(
        rf"\[([^\]]+)\]{target}", lambda m: keep(f'<a href="{m[2]}">{_emphasis(m[1])}</a>'), text
    )
    text = _emphasis(text)
    for _ in range(3):  # a link's words may hold code, a picture: kept within kept
        text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], text)
    return text


def _emphasis(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: f"<strong>{m[1] or m[2]}</strong>", text)
    text = re.sub(r"~~(.+?)~~", r"<s>\1</s>", text)
    return re.sub(r"\*(.+?)\*|\b_(.+?)_\b", lambda m: f"<em>{m[1] or m[2]}</em>", text)
