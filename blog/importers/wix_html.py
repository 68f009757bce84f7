"""The HTML Wix renders (a saved post page's body, a feed's content:encoded, an HTML
embed) reduced to the few tags our editor writes, and the helpers Ricos shares with it:
Wix's picture addresses, links a reader may follow, figures.

Every text is escaped here and every address checked; the writer sanitizes the result
once more, as it does every body."""

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

MEDIA = "https://static.wixstatic.com/media/"
# A bare address such as "www.wix.com": Wix's editor stores links as typed.
DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(?:[/?#]|$)")


def media_url(value: str) -> str:
    """Any way Wix names a picture (a media id, wix:image://v1/<id>/…, a scaled copy on
    static.wixstatic.com) as its original: https://static.wixstatic.com/media/<id>.
    Other addresses are returned as they are."""
    value = (value or "").strip()
    if value.startswith(("wix:image://", "wix:vector://")):
        parts = value.split("/")  # ["wix:image:", "", "v1", "<id>", "<name>#…"]
        return MEDIA + parts[3] if len(parts) > 3 and parts[3] else ""
    parts = urlsplit(value)
    if parts.netloc.endswith("wixstatic.com") and parts.path.startswith("/media/"):
        return MEDIA + parts.path.split("/")[2]
    if value and not parts.scheme and "/" not in value and "." in value:
        return MEDIA + value  # a media id: "8bb438_67a6….jpg"
    return value


def safe_href(url: str, base: str = "") -> str | None:
    """A link's address if it is one a reader may follow (http, https, mailto, or a path
    on the site), else None. Relative addresses are resolved against `base`."""
    url = (url or "").strip()
    if not url or url.startswith("#"):
        return None  # an anchor in the old page: its target has no id here
    if DOMAIN.match(url):
        url = f"https://{url}"
    if base:
        url = urljoin(base, url)
    scheme = urlsplit(url).scheme.lower()
    if scheme in {"http", "https", "mailto"} or (not scheme and url.startswith("/")):
        return url
    return None


def has_words(html: str) -> bool:
    return bool(re.sub(r"<[^>]+>|\s", "", html)) or "<img" in html


def figure(src: str, alt: str = "", caption: str = "") -> str:
    if not src:
        return ""
    words = f"<figcaption>{escape(caption)}</figcaption>" if caption.strip() else ""
    return f'<figure><img src="{escape(src)}" alt="{escape(alt)}">{words}</figure>'


def link_paragraph(url: str, words: str = "") -> str:
    href = safe_href(url)
    words = escape(words or url or "")
    if not href:
        return f"<p>{words}</p>" if words else ""
    return f'<p><a href="{escape(href)}">{words}</a></p>'


# The HTML Wix renders, reduced to what our editor writes.
KEPT = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "pre", "code", "strong", "em",
        "u", "s", "sub", "sup", "a", "figure", "figcaption"}  # fmt: skip
RENAMED = {"b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4", "strike": "s",
           "del": "s"}  # fmt: skip
BLOCK = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "pre", "figure", "figcaption"}
TEXT_HOLDERS = {"p", "h2", "h3", "h4", "li", "pre", "figcaption"}
# Holders of flow content: a paragraph, a picture or a rule may open inside them.
FLOW = {"blockquote", "li", "figure"}
# Never read: programs, their styles, and widgets whose words are the site's, not the post's.
DROPPED = {"script", "style", "noscript", "template", "svg", "math", "button", "form",
           "select", "textarea", "object", "embed", "canvas", "audio", "video", "head",
           "title", "iframe"}  # fmt: skip


class Cleaner(HTMLParser):
    """Feed it HTML; `html()` is what was kept: the tags above with only their
    addresses (href, src) and alt texts, text escaped, empty paragraphs dropped, loose
    text given a paragraph. `base` resolves relative links; `saved_copy` undoes wget's
    rewriting of a saved page's links to local .html files."""

    def __init__(self, base: str = "", saved_copy: bool = False):
        super().__init__(convert_charrefs=True)
        self.base, self.saved_copy = base, saved_copy
        self.out: list[str] = []
        self.open: list[tuple[str, int, bool]] = []  # (tag, where it starts in out, written)
        self.skipping, self.skip_depth = "", 0  # inside a dropped element, how deep

    def html(self) -> str:
        self.close()
        while self.open:
            self._close_top()
        return "".join(self.out)

    def _names(self) -> list[str]:
        return [name for name, _, _ in self.open]

    def _close_top(self) -> None:
        name, start, written = self.open.pop()
        if not written:
            return
        if has_words("".join(self.out[start + 1 :])):
            self.out.append(f"</{name}>")
        else:
            del self.out[start:]  # an empty paragraph, heading, list or mark

    def _close_to(self, stop: set[str]) -> None:
        while self.open and self.open[-1][0] not in stop:
            self._close_top()

    def _in_block(self) -> None:
        """Words or a mark are about to be written: into the open paragraph (heading,
        item…), or into one opened for them."""
        holder = next((n for n in reversed(self._names()) if n in BLOCK), None)
        if holder in TEXT_HOLDERS:
            return
        if holder in {"ul", "ol"}:
            self._close_to({"ul", "ol"})
            self._push("li")
            return
        if holder == "figure":
            self._close_to({"figure"})
            self._close_top()
        self._close_to(FLOW)
        self._push("p")

    def _push(self, name: str, attributes: str = "", written: bool = True) -> None:
        self.open.append((name, len(self.out), written))
        if written:
            self.out.append(f"<{name}{attributes}>")

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            self.skip_depth += tag == self.skipping
            return
        values = dict(attrs)
        if tag == "iframe" and values.get("src"):
            # A video player: kept as its address on a line of its own, which the
            # writer's sanitizer embeds again if it is YouTube's or Vimeo's.
            self._close_to(FLOW - {"figure"})
            self.out.append(link_paragraph(safe_href(values["src"], self.base) or ""))
        if tag in DROPPED:
            self.skipping, self.skip_depth = tag, 1
            return
        tag = RENAMED.get(tag, tag)
        if tag in {"div", "section"}:
            self._close_to(FLOW)  # Wix writes some paragraphs as divs: a boundary
        elif tag == "br":
            if set(self._names()) & TEXT_HOLDERS:  # a break between blocks is a gap, not text
                self.out.append("<br>")
        elif tag == "hr":
            self._close_to(FLOW)
            self.out.append("<hr>")
        elif tag == "img":
            self._image(values)
        elif tag in BLOCK:
            if tag == "li":
                self._close_to({"ul", "ol"})
                if not self.open:
                    self._push("ul")
            elif tag != "figcaption":
                self._close_to(FLOW)
            elif "figure" not in self._names():
                tag = "p"
                self._close_to(FLOW)
            attributes = ""
            if tag == "ol" and (values.get("start") or "").isdigit():
                attributes = f' start="{values["start"]}"'
            self._push(tag, attributes)
        elif tag in KEPT:
            self._in_block()
            if tag == "a":
                href = safe_href(values.get("href") or "", self.base)
                href = self._unsaved(values.get("href") or "", href)
                attributes = f' href="{escape(href)}"' if href else ""
                self._push("a", attributes, written=bool(href))
            else:
                self._push(tag)

    def _image(self, values: dict) -> None:
        src = media_url(values.get("src") or values.get("data-src") or "")
        if not safe_href(src):
            return
        alt = escape(values.get("alt") or "")
        if "figure" in self._names():
            self._close_to({"figure"})
            self.out.append(f'<img src="{escape(src)}" alt="{alt}">')
        else:
            self._close_to(FLOW - {"figure"})
            self.out.append(f'<figure><img src="{escape(src)}" alt="{alt}"></figure>')

    def _unsaved(self, original: str, href: str | None) -> str | None:
        """wget saves /post/a as post/a.html and links it so: the address it stood for."""
        if not (href and self.saved_copy and "://" not in original):
            return href
        parts = urlsplit(href)
        return parts._replace(
            path=parts.path.removesuffix(".html").removesuffix("/index") or "/"
        ).geturl()

    def handle_endtag(self, tag):
        if self.skipping:
            self.skip_depth -= tag == self.skipping
            self.skipping = self.skipping if self.skip_depth > 0 else ""
            return
        tag = RENAMED.get(tag, tag)
        if tag in {"div", "section"}:
            self._close_to(FLOW)
        elif tag == "figcaption" and "figcaption" not in self._names():
            tag = "p"
        if tag in self._names():
            while self.open[-1][0] != tag:
                self._close_top()
            self._close_top()

    def handle_data(self, data):
        if self.skipping or (not data.strip() and not self.open):
            return
        if data.strip():
            self._in_block()
        self.out.append(escape(data, quote=False))


def clean_html(fragment: str, base: str = "", saved_copy: bool = False) -> str:
    cleaner = Cleaner(base, saved_copy)
    cleaner.feed(fragment or "")
    return cleaner.html()
