"""A Wix blog as records, from any mix of the files it leaves, for one site: its RSS feed
(blog-feed.xml), saved post pages, and the Content Manager's posts CSV (read by
blog.importers.wix_files).

Wix has no export of a whole blog, and each file holds part of a post: the feed its
date, writer and categories but often only an excerpt, a saved page the whole body, the
CSV the Ricos document and the drafts. The same post seen in several files becomes one
post, matched on its Wix id where the files know it, else on its slug, and each detail
is taken from the file that has it best: the body from the Ricos document, then the
page, then the feed's content, then the plain text, then the feed's excerpt; title,
date, writer, excerpt and cover from the CSV, then the page, then the feed; categories
and old addresses from all. Every file is read before the first post is given, since a
post is whole only once all its files are seen; a blog's files are small."""

import csv
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from blog.importers.archive import is_zip, unpack
from blog.importers.records import (
    ImportedPicture,
    ImportedPost,
    ImportedTag,
    ImportedWriter,
    ImportFileError,
)
from blog.importers.ricos import is_ricos
from blog.importers.wix_files import (
    CSV_COLUMNS,
    EXCERPT,
    WIX_ID,
    Part,
    feed_site,
    read_csv,
    read_feed,
    read_page,
)

ZIP_SUFFIXES = {".xml", ".csv", ".html", ".htm"}
ZIP_MAX_BYTES = 2 * 1024**3  # a blog's feed, CSV and pages: far less than this
TRUST = {"csv": 0, "page": 1, "feed": 2}  # whose title, date, writer… come first
EXPECTED = (
    "expected Wix's blog feed (blog-feed.xml, RSS), a saved post page (HTML), or the "
    "Content Manager's posts CSV (a header with Title, Slug and Rich Content)"
)


def sniff(path: Path) -> str:
    """Which file this is, "feed", "page" or "csv", from its first bytes (never its
    name); anything else is refused, saying what was expected."""
    with path.open("rb") as file:
        head = file.read(64 * 1024).decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    lower = head[:4096].lower()
    if "\x00" in head:
        raise ImportFileError(f"{path.name} is not text (it holds binary data): {EXPECTED}.")
    if re.match(r"(<!--.*?-->\s*)*(<!doctype\s+html|<html)", lower, re.S):
        return "page"
    if head.startswith("<"):
        first = re.search(r"<(?![?!])([\w:.-]+)", head)
        if first and first.group(1) in {"rss", "html"}:
            return "feed" if first.group(1) == "rss" else "page"
        name = first.group(1) if first else "?"
        raise ImportFileError(
            f"{path.name} is XML that starts with <{name}>, not <rss>: {EXPECTED}."
        )
    if head.startswith(("{", "[")):
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            document = None
        if is_ricos(document):
            raise ImportFileError(
                f"{path.name} is a Ricos document: one post's body as Wix stores it, with no "
                "title, address or date, so it is not a post to import. Wix's posts CSV "
                f"carries these in its Rich Content column: {EXPECTED}."
            )
        raise ImportFileError(f"{path.name} is JSON: {EXPECTED}.")
    header = next(csv.reader(head.splitlines()[:1]), [])
    if {column.strip() for column in header} >= CSV_COLUMNS:
        return "csv"
    raise ImportFileError(f"{path.name} is none of these: {EXPECTED}.")


def wix_slug(name: str) -> str:
    """A name as Wix writes it in an address (/blog/categories/energy-justice): lower
    case, words joined by hyphens, letters of any script kept."""
    return re.sub(r"[\W_]+", "-", name.lower()).strip("-")


def _same_site(one: str, other: str) -> bool:
    def key(url: str) -> str:
        parts = urlsplit(url)
        return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")

    return key(one) == key(other)


class WixExport:
    """The files of one Wix site: `source` names the site ("wix:" and its base address,
    or "wix" when no file tells it), `records()` reads them."""

    def __init__(self, paths: list[Path]):
        # A .zip of the site's files (how the Import page takes several) is read as its
        # files; the folder lives as long as this export does.
        self._unpacked = tempfile.TemporaryDirectory(prefix="wix-")
        files = []
        for number, path in enumerate(dict.fromkeys(paths)):
            if is_zip(path):
                into = Path(self._unpacked.name, str(number))
                found = unpack(path, into, max_bytes=ZIP_MAX_BYTES, suffixes=ZIP_SUFFIXES)
                if not found:
                    raise ImportFileError(f"{path.name} holds none of these: {EXPECTED}.")
                files.extend(found)
            else:
                files.append(path)
        self.paths = files
        self.kinds = {path: sniff(path) for path in self.paths}
        self.blog = "/blog"
        self.pages: dict[Path, Part] = {}
        self.site, site_file = "", ""
        for path, kind in self.kinds.items():
            site = ""
            if kind == "feed":
                site, self.blog = feed_site(path)
            elif kind == "page":
                self.pages[path] = read_page(path)
                site = self.pages[path].site
            if not site:
                continue
            if self.site and not _same_site(self.site, site):
                raise ImportFileError(
                    f"{path.name} is from {site}, but {site_file} is from {self.site}: "
                    "import one site at a time."
                )
            if not self.site:
                self.site, site_file = site, path.name
        self.source = f"wix:{self.site}" if self.site else "wix"

    def records(self) -> Iterator:
        parts, others = [], []
        for path in self.paths:
            kind = self.kinds[path]
            if kind == "page":
                found = [self.pages[path]]
            else:
                found = read_feed(path) if kind == "feed" else read_csv(path)
            for item in found:
                (parts if isinstance(item, Part) else others).append(item)
        groups = _merge(parts)
        writers: dict[str, ImportedWriter] = {}
        tags: dict[str, ImportedTag] = {}
        posts = [self._post(group, writers, tags) for group in groups]
        # The writer looks writers and tags up by the records it has seen: they go first.
        yield from writers.values()
        yield from tags.values()
        yield from others
        yield from posts

    def _post(self, group: list[Part], writers: dict, tags: dict) -> ImportedPost:
        ordered = sorted(group, key=lambda p: TRUST[p.origin])

        def first(name: str, default=""):
            return next((getattr(p, name) for p in ordered if getattr(p, name)), default)

        best = max(ordered, key=lambda p: p.rank)  # the first of the best, by trust
        slug = first("slug")
        ids = [i for p in ordered for i in p.ids]
        fallback = f"slug:{slug or wix_slug(first('title'))}"
        source_id = next((i for i in ids if WIX_ID.match(i)), ids[0] if ids else fallback)
        status = first("status", "published")
        where = ordered[0].where
        if len(ordered) > 1:
            where += ", also in " + ", ".join(p.where.split(" (“")[0] for p in ordered[1:])
        notes = [note for p in ordered for note in p.notes]
        if best.rank == EXCERPT:
            notes.append(
                f"{where}: the feed holds only the start of this post; import its saved "
                "page or the posts CSV with the feed for the whole text"
            )
        writer_ids = ()
        if name := first("writer"):
            writer_id = wix_slug(name) or name
            known = writers.get(writer_id)
            profile = first("writer_path") or (
                known.old_paths[0] if known and known.old_paths else ""
            )
            writers[writer_id] = ImportedWriter(
                source_id=writer_id, name=known.name if known else name,
                old_paths=(profile,) if profile else (),
            )  # fmt: skip
            writer_ids = (writer_id,)
        names = []
        for name, kind in (tag for p in ordered for tag in p.tags):
            names.append(self._tag(name, kind, tags))
        cover, title = first("cover"), first("title")
        paths = [f"/post/{slug}", *(path for p in ordered for path in p.paths)] if slug else []
        return ImportedPost(
            source_id=source_id, title=title or slug or "Untitled", slug=slug,
            body_html=best.body, where=where, status=status,
            published_at=None if status == "draft" else first("published_at", None),
            excerpt=first("excerpt"), writer_ids=writer_ids, tags=tuple(dict.fromkeys(names)),
            cover=ImportedPicture(source_id=cover, url=cover, title=title) if cover else None,
            old_paths=tuple(dict.fromkeys(p for p in paths if p.strip("/"))),
            note="; ".join(dict.fromkeys(notes)),
        )  # fmt: skip

    def _tag(self, name: str, kind: str, tags: dict) -> str:
        """The tag's name as first seen (one tag for "Travel" and "travel"), its record
        holding each address Wix gave it: a category's and a tag's pages."""
        slug = wix_slug(name) or name
        folder = "categories" if kind == "category" else "tags"
        known = tags.get(slug)
        path = f"{self.blog}/{folder}/{slug}"
        old_paths = tuple(dict.fromkeys((*(known.old_paths if known else ()), path)))
        tags[slug] = ImportedTag(
            source_id=slug, name=known.name if known else name, old_paths=old_paths
        )
        return tags[slug].name


def _merge(parts: list[Part]) -> list[list[Part]]:
    """Parts of one post together: by a shared id, else by slug, unless two parts of
    one kind of file carry different ids (two posts that happen to share a slug)."""
    groups: list[list[Part]] = []
    by_id: dict[str, list[Part]] = {}
    by_slug: dict[str, list[Part]] = {}
    for part in parts:
        group = next((by_id[i] for i in part.ids if i in by_id), None)
        if group is None and part.slug:
            candidate = by_slug.get(part.slug.lower())
            if candidate is not None and not any(
                p.origin == part.origin and p.ids and part.ids and not set(p.ids) & set(part.ids)
                for p in candidate
            ):
                group = candidate
        if group is None:
            group = []
            groups.append(group)
        group.append(part)
        for i in part.ids:
            by_id.setdefault(i, group)
        if part.slug:
            by_slug.setdefault(part.slug.lower(), group)
    return groups
