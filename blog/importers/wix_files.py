"""The files a Wix blog leaves, each read into parts of posts (blog.importers.wix merges
them): the blog's RSS feed, a saved post page, and the Content Manager's posts CSV.

A file's kind is told from its content, never its name. XML is read with defusedxml
(no DTD, so no entity ever expands), pages with the standard library's parser (their
scripts are never run nor copied: only the JSON-LD data block is read, as data)."""

import csv
import html
import json
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from blog.importers.bodies import plain_text
from blog.importers.records import Broken, ImportFileError, Skipped
from blog.importers.ricos import is_ricos, ricos_html
from blog.importers.wix_html import Cleaner, clean_html, media_url

# How good a part's body is: the Ricos document itself, then the page Wix rendered from
# it, then the feed's copy; the plain text and the feed's excerpt only when none is had.
RICOS, PAGE, FEED, PLAIN, EXCERPT = 5, 4, 3, 2, 1
CSV_COLUMNS = {"Title", "Slug", "Rich Content"}
WIX_ID = re.compile(r"^[0-9a-f]{24}$", re.I)
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
DIRECTION_MARKS = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
csv.field_size_limit(256 * 1024 * 1024)  # a long post's Ricos JSON is one cell


@dataclass
class Part:
    """What one file says about one post."""

    origin: str  # "feed", "page" or "csv"
    where: str
    slug: str
    ids: tuple[str, ...] = ()
    title: str = ""
    body: str = ""
    rank: int = 0  # of the body, above
    excerpt: str = ""
    published_at: datetime | None = None
    status: str = ""  # only the CSV knows drafts: "" means "as published"
    writer: str = ""
    writer_path: str = ""
    tags: list[tuple[str, str]] = field(default_factory=list)  # (name, "category" | "tag")
    cover: str = ""
    paths: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    site: str = ""  # the site's base address, where the file tells it


def is_id(value: str) -> bool:
    """Wix's ids (24 hex digits, or a UUID) name a thing, but are not its name."""
    return bool(WIX_ID.match(value) or UUID.match(value))


def tidy(text: str) -> str:
    """Direction marks dropped (as bodies.without_invisible_marks drops them), but not the
    joiners: an emoji such as a woman raising her hand is three characters held by one."""
    return DIRECTION_MARKS.sub("", (text or "").replace("\xa0", " ")).strip()


def words(text: str) -> str:
    """A feed's or CSV's text as read: Wix escapes "&" once more inside CDATA ("&#38;")."""
    return tidy(html.unescape(text or ""))


def path_of(url: str) -> str:
    return unquote(urlsplit(url).path) if url else ""


def slug_of(url: str) -> str:
    path = path_of(url).rstrip("/")
    return path.split("/post/", 1)[1].split("/")[0] if "/post/" in path else path.rsplit("/")[-1]


def site_of(url: str) -> str:
    """The site's base address: what comes before /post/ or /blog-feed.xml, else the host
    (and, on wixsite.com, the site's folder: one host holds a user's every site)."""
    parts = urlsplit(url)
    if not parts.netloc:
        return ""
    for mark in ("/post/", "/blog-feed.xml"):
        if mark in parts.path:
            return f"{parts.scheme}://{parts.netloc}{parts.path.split(mark)[0]}".rstrip("/")
    folder = parts.path.strip("/").split("/")[0] if parts.netloc.endswith(".wixsite.com") else ""
    return f"{parts.scheme}://{parts.netloc}" + (f"/{folder}" if folder else "")


def date(value: str) -> datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        try:
            found = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)  # Wix writes UTC


def paragraphs(text: str) -> str:
    chunks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    return "".join(
        f"<p>{html.escape(c.strip(), quote=False).replace(chr(10), '<br>')}</p>"
        for c in chunks
        if c.strip()
    )


# The feed -----------------------------------------------------------------------------


def _name(tag: str) -> str:
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if "wordpress.org/export" in uri:
        return f"wp:{local}"
    for mark, prefix in (("rss/1.0/modules/content", "content"), ("purl.org/dc/", "dc"),
                         ("w3.org/2005/Atom", "atom")):  # fmt: skip
        if mark in uri:
            return f"{prefix}:{local}"
    return local


def _events(path: Path):
    try:
        yield from iterparse(str(path), events=("start", "end"), forbid_dtd=True)
    except ParseError as error:
        line, column = error.position
        raise ImportFileError(
            f"{path.name} is not well-formed XML at line {line}, column {column + 1}: it may "
            "be cut short or damaged. Save the feed again from the site's /blog-feed.xml."
        ) from error
    except DefusedXmlException as error:
        raise ImportFileError(
            f"{path.name} declares a DTD or entities, which Wix's feed never does: it is "
            "refused, for safety."
        ) from error


def feed_elements(path: Path):
    """("channel", element) for the channel's own details, ("item", element) for each
    post, each element freed once read."""
    depth, channel = 0, None
    for event, element in _events(path):
        if event == "start":
            depth += 1
            if depth == 1 and _name(element.tag) != "rss":
                raise ImportFileError(f"{path.name} starts with <{element.tag}>, not <rss>.")
            if depth == 2:
                channel = element
            if _name(element.tag).startswith("wp:"):
                raise ImportFileError(
                    f"{path.name} is a WordPress export, not a Wix feed: import it with "
                    "`manage.py import wordpress`."
                )
            continue
        depth -= 1
        if depth == 2 and channel is not None:
            yield ("item" if _name(element.tag) == "item" else "channel"), element
            channel.remove(element)


def _text(element, name: str) -> str:
    for child in element:
        if _name(child.tag) == name:
            return (child.text or "").strip()
    return ""


def feed_site(path: Path) -> tuple[str, str]:
    """The site's base address and the blog's own path on it ("/blog", "/hot-topics")."""
    link = site = ""
    for kind, element in feed_elements(path):
        if kind == "item":
            break
        if _name(element.tag) == "link":
            link = (element.text or "").strip()
        elif _name(element.tag) == "atom:link" and element.get("rel") == "self":
            site = site_of(element.get("href", ""))
    site = site or site_of(link)
    blog = path_of(link).rstrip("/")
    blog = blog[len(path_of(site).rstrip("/")) :] if site else blog
    return site, blog if blog.strip("/") else "/blog"


def read_feed(path: Path):
    number = 0
    for kind, item in feed_elements(path):
        if kind != "item":
            continue
        number += 1
        where = f"{path.name} item {number}"
        try:
            yield _feed_item(item, where)
        except (ValueError, KeyError) as error:
            yield Broken(where=where, reason=str(error))


def _feed_item(item, where: str) -> Part:
    link = _text(item, "link")
    slug = slug_of(link)
    if not slug:
        raise ValueError("it has no address (<link>) to take its slug from")
    guid = _text(item, "guid")
    part = Part(
        origin="feed", where=f"{where} (“{words(_text(item, 'title')) or slug}”)", slug=slug,
        ids=(guid,) if guid else (), title=words(_text(item, "title")),
        excerpt=tidy(plain_text(_text(item, "description"))),
        published_at=date(_text(item, "pubDate")), writer=words(_text(item, "dc:creator")),
        paths=[path_of(link)],
    )  # fmt: skip
    content = _text(item, "content:encoded")
    if content:
        part.body, part.rank = clean_html(content, base=link), FEED
    else:
        part.body, part.rank = paragraphs(part.excerpt), EXCERPT
    for child in item:
        if _name(child.tag) == "category" and words(child.text or ""):
            part.tags.append((words(child.text), "category"))
        elif _name(child.tag) == "enclosure" and child.get("url"):
            part.cover = media_url(child.get("url"))
    language = parse_qs(urlsplit(link).query).get("lang", [""])[0]
    if language:
        part.notes.append(
            f"{part.where}: Wix Multilingual's {language!r} copy of a post (?lang={language}): "
            "imported as a post of its own"
        )
    return part


# A saved post page --------------------------------------------------------------------


CAPTURED = {("h1", "post-title"): "title", ("span", "user-name"): "writer"}


class PageReader(HTMLParser):
    """The page's post: its JSON-LD and Open Graph details, its title and writer, and
    its body (the content viewer's blocks), through the same Cleaner as every body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.linked_data: list = []
        self.title, self.writer = "", ""
        self.capture, self.capture_depth, self.capture_into, self.script = "", 0, "", None
        self.body: Cleaner | None = None
        self.body_depth, self.body_html, self.found_body = 0, "", False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if self.body is not None:
            self.body_depth += tag == "div"
            self.body.handle_starttag(tag, attrs)
        elif tag == "div" and values.get("data-id") == "content-viewer" and not self.found_body:
            # og:url comes in the head, before the body: wget's relative links resolve on it.
            cleaner = Cleaner(base=self.meta.get("og:url", ""), saved_copy=True)
            self.body, self.body_depth, self.found_body = cleaner, 1, True
        if tag == "script":
            self.script = [] if values.get("type") == "application/ld+json" else None
        elif tag == "meta" and values.get("property", "").startswith("og:"):
            self.meta.setdefault(values["property"], values.get("content") or "")
        elif (tag, values.get("data-hook")) in CAPTURED:
            into = CAPTURED[tag, values.get("data-hook")]
            if not getattr(self, into):
                self.capture, self.capture_depth, self.capture_into = tag, 1, into
        elif tag == self.capture:
            self.capture_depth += 1

    def handle_endtag(self, tag):
        if self.body is not None:
            self.body_depth -= tag == "div"
            if self.body_depth == 0:
                self.body_html = self.body.html()
                self.body = None
            else:
                self.body.handle_endtag(tag)
        if tag == "script" and self.script is not None:
            # A damaged data block says nothing; the page's own tags still do.
            with suppress(ValueError):
                self.linked_data.append(json.loads("".join(self.script)))
            self.script = None
        elif tag == self.capture:
            self.capture_depth -= 1
            self.capture = "" if self.capture_depth == 0 else self.capture

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)
        elif self.body is not None:
            self.body.handle_data(data)
        elif self.capture:
            setattr(self, self.capture_into, getattr(self, self.capture_into) + data)

    def close(self):
        super().close()
        if self.body is not None:  # a page cut short: what there is of its body
            self.body_html, self.body = self.body.html(), None

    def posting(self) -> dict:
        for block in self.linked_data:
            for found in block if isinstance(block, list) else block.get("@graph", [block]):
                if isinstance(found, dict) and found.get("@type") in {"BlogPosting", "Article"}:
                    return found
        return {}


def read_page(path: Path) -> Part:
    reader = PageReader()
    with path.open(encoding="utf-8", errors="replace") as file:
        while chunk := file.read(256 * 1024):
            reader.feed(chunk)
    reader.close()
    posting = reader.posting()
    url = posting.get("url") or reader.meta.get("og:url", "")
    if not (reader.found_body or posting) or "/post/" not in path_of(url):
        raise ImportFileError(
            f"{path.name} is a web page, but not a Wix blog post: it has neither the post's "
            "data (JSON-LD BlogPosting) nor its body, or no /post/ address."
        )
    author = posting.get("author") or {}
    author = (author[0] if isinstance(author, list) and author else author) or {}
    author = author if isinstance(author, dict) else {"name": str(author)}
    image = posting.get("image") or reader.meta.get("og:image", "")
    image = image.get("url", "") if isinstance(image, dict) else str(image)
    # The parser has read the page's entities already: its text is not unescaped again.
    title = reader.title or posting.get("headline") or reader.meta.get("og:title", "")
    excerpt = posting.get("description") or reader.meta.get("og:description") or ""
    part = Part(
        origin="page", where=path.name, slug=slug_of(url), site=site_of(url),
        title=tidy(title), body=reader.body_html, rank=PAGE if reader.body_html else 0,
        excerpt=tidy(plain_text(excerpt)), published_at=date(posting.get("datePublished", "")),
        writer=tidy(author.get("name") or reader.writer), cover=media_url(image),
        writer_path=path_of(author.get("url", "")), paths=[path_of(url)],
    )  # fmt: skip
    part.where = f"{path.name} (“{part.title or part.slug}”)"
    return part


# The posts CSV ------------------------------------------------------------------------


def read_csv(path: Path):
    """Each row a part; a row that can't be read is Broken, naming its line."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.reader(file)
            line, rows = 1, 0
            header = [column.strip() for column in next(reader, [])]
            line = reader.line_num + 1
            for row in reader:
                where, line = f"{path.name} line {line}", reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                rows += 1
                if len(row) != len(header):
                    yield Broken(where=where, reason=(
                        f"the row has {len(row)} fields where the header has {len(header)}: "
                        "a quote or comma may be missing"))  # fmt: skip
                    continue
                yield _csv_row(dict(zip(header, row, strict=True)), where)
    except csv.Error as error:
        yield Broken(where=f"{path.name} line {line}", reason=f"{error}; the rest is not read")
        return
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path.name} is not UTF-8 text: save the CSV as UTF-8.") from error
    if rows == 0:
        yield Skipped(
            kind="file", label=path.name, where=path.name,
            reason="the CSV has its header and no posts: it imports nothing",
        )  # fmt: skip


def _names(cell: str, kind: str, where: str, notes: list[str]) -> list[tuple[str, str]]:
    """A Tags or Categories cell as names. Wix exports its references as a JSON array of
    ids, which name nothing readable: those are left out, and the report says so."""
    cell = (cell or "").strip()
    if cell.startswith("["):
        try:
            ids = json.loads(cell)
        except ValueError:
            ids = None
        if isinstance(ids, list):
            if ids:
                notes.append(
                    f"{where}: its {kind} came as {len(ids)} Wix id(s), not names: not "
                    "imported (the blog's feed names the posts' categories)"
                )
            return []
    named = [words(n) for n in cell.split(",")] if kind == "tags" else [words(cell)]
    return [(n, "tag" if kind == "tags" else "category") for n in named if n and not is_id(n)]


def _csv_row(row: dict[str, str], where: str) -> Part:
    url = row.get("Post Page URL", "").strip()
    slug = words(row.get("Slug", "")) or slug_of(url)
    title = words(row.get("Title", ""))
    part = Part(
        origin="csv", where=f"{where} (“{title or slug or 'untitled'}”)", slug=slug, title=title,
        ids=tuple(i for i in (row.get("ID", "").strip(), row.get("Internal ID", "").strip()) if i),
        excerpt=words(row.get("Excerpt", "")),
        published_at=date(row.get("Published Date", "")),
        cover=media_url(row.get("Cover Image", "")),
        paths=[path_of(url)] if url else [],
    )  # fmt: skip
    part.status = "published" if part.published_at else "draft"
    author = words(row.get("Author", ""))
    part.writer = "" if is_id(author) else author
    main = words(row.get("Main Category", ""))
    if main and not is_id(main):
        part.tags.append((main, "category"))
    part.tags += _names(row.get("Categories", ""), "categories", part.where, part.notes)
    part.tags += _names(row.get("Tags", ""), "tags", part.where, part.notes)
    rich = (row.get("Rich Content") or "").strip()
    try:
        document = json.loads(rich) if rich else None
    except ValueError:
        document = None
    if is_ricos(document):
        # A cell edited by hand may hold a list where Ricos has an object: then the row
        # still imports, from its plain text.
        with suppress(TypeError, AttributeError, ValueError, KeyError):
            part.body, part.rank = ricos_html(document), RICOS
    if not part.body:
        part.body, part.rank = paragraphs(row.get("Plain Content", "")), PLAIN
        if rich:
            part.notes.append(
                f"{part.where}: its Rich Content is not a readable Ricos document: its "
                "Plain Content is imported as paragraphs"
            )
    return part
