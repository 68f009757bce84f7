"""WordPress's export (WXR 1.0 to 1.2, Tools › Export) as records, read as a stream.

The file is read twice, element by element, each element dropped once read: first for
its attachments (pictures, which posts name by id as covers and galleries), then for
the posts. Memory stays flat in the number of posts. defusedxml refuses a DTD, so
entity bombs and external entities never expand, and nothing is fetched. Metadata that
WordPress stores PHP-serialized is never unserialized: only plain values are read."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings

from blog.importers.bodies import plain_text, without_invisible_marks, wordpress_html
from blog.importers.records import (
    Broken,
    ImportedComment,
    ImportedPicture,
    ImportedPost,
    ImportedTag,
    ImportedWriter,
    ImportFileError,
    Skipped,
)

VERSIONS = {"1.0", "1.1", "1.2"}
VIEW_KEYS = ("views", "post_views_count", "_post_views_count", "wpb_post_views_count")
STATUSES = {"publish": "published", "future": "scheduled", "draft": "draft", "pending": "draft"}


def _name(tag: str) -> str:
    """A tag as `prefix:local`, whichever WXR version's namespace it is in."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if "/excerpt/" in uri:
        return f"excerpt:{local}"
    if "wordpress.org/export" in uri:
        return f"wp:{local}"
    if "rss/1.0/modules/content" in uri:
        return f"content:{local}"
    if "purl.org/dc/" in uri:
        return f"dc:{local}"
    return local


def _text(element, name: str) -> str:
    for child in element:
        if _name(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _children(element, name: str):
    return [child for child in element if _name(child.tag) == name]


def _events(path):
    try:
        yield from iterparse(str(path), events=("start", "end"), forbid_dtd=True)
    except ParseError as error:
        line, column = error.position
        raise ImportFileError(
            f"The file is not well-formed XML at line {line}, column {column + 1}: it may be "
            "cut short or damaged. Export it again from WordPress (Tools › Export)."
        ) from error
    except DefusedXmlException as error:
        raise ImportFileError(
            "The file declares a DTD or entities, which a WordPress export never does: it "
            "is refused, for safety."
        ) from error


def _elements(path, wanted: set[str]):
    """The channel's own elements and items, one at a time, each freed once read."""
    stack, channel = [], None
    version = None
    for event, element in _events(path):
        name = _name(element.tag)
        if event == "start":
            stack.append(name)
            if len(stack) == 1 and name != "rss":
                raise ImportFileError(
                    f"This is not a WordPress export: it starts with <{name}>, not <rss>."
                )
            if len(stack) == 2 and name == "channel":
                channel = element
            continue
        stack.pop()
        if len(stack) == 2 and stack[1] == "channel":  # a child of <channel> ended
            if name == "wp:wxr_version":
                version = (element.text or "").strip()
                if version not in VERSIONS:
                    raise ImportFileError(
                        f"This WordPress export says it is version {version!r}; this "
                        f"importer reads versions {', '.join(sorted(VERSIONS))}."
                    )
            if name in wanted:
                # Every export states its version before its writers, terms and items.
                if version is None and name in {"item", "wp:author", "wp:category", "wp:tag"}:
                    raise ImportFileError(_NO_VERSION)
                yield name, element
            channel.remove(element)  # read: let it go
    if version is None:
        raise ImportFileError(_NO_VERSION)


_NO_VERSION = (
    "This is not a WordPress export: it has no <wp:wxr_version> in its <channel>. Export "
    "the site from WordPress (Tools › Export) and import that file."
)


def _meta(item) -> dict[str, str]:
    return {
        _text(meta, "wp:meta_key"): _text(meta, "wp:meta_value")
        for meta in _children(item, "wp:postmeta")
    }


def _date(item, gmt_name: str, local_name: str) -> datetime | None:
    gmt = _text(item, gmt_name)
    if gmt and not gmt.startswith("0000"):
        try:
            return datetime.fromisoformat(gmt).replace(tzinfo=UTC)
        except ValueError:
            pass
    published = _text(item, "pubDate")
    if published:
        try:
            return parsedate_to_datetime(published)
        except (TypeError, ValueError):
            pass
    local = _text(item, local_name)
    if local and not local.startswith("0000"):
        try:
            return datetime.fromisoformat(local).replace(tzinfo=UTC)
        except ValueError:
            return None
    return None


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "") if url else ""


class WordPressExport:
    """An export file: `site` names it (its base address), `records()` reads it."""

    def __init__(self, paths):
        if len(paths) != 1:
            raise ImportFileError("A WordPress site is one export file: import one at a time.")
        self.path = path = paths[0]
        self.site = ""
        self.base = ""
        header = {"wp:base_site_url", "link", "wp:base_blog_url", "item"}
        for name, element in _elements(path, header):
            if name == "item":
                break  # the channel's own details come before its items
            if name in {"wp:base_blog_url", "wp:base_site_url"} or not self.site:
                self.site = (element.text or "").strip().rstrip("/") or self.site
        self.base = urlsplit(self.site).path.rstrip("/")
        self.source = f"wordpress:{self.site}"

    def _pictures(self) -> dict[str, tuple[ImportedPicture, str, str]]:
        """Attachments by id: the picture, its page's address, and the post it belongs to."""
        pictures = {}
        for _, item in _elements(self.path, {"item"}):
            if _text(item, "wp:post_type") != "attachment":
                continue
            meta = _meta(item)
            url = _text(item, "wp:attachment_url") or _text(item, "guid")
            source_id = _text(item, "wp:post_id")
            pictures[source_id] = (
                ImportedPicture(
                    source_id=url or source_id, url=url,
                    alt=without_invisible_marks(meta.get("_wp_attachment_image_alt", "")),
                    # WordPress's caption is the excerpt; exports from older sites and
                    # some plugins carry it only as the description.
                    caption=plain_text(
                        _text(item, "excerpt:encoded") or _text(item, "content:encoded")
                    )[:300],
                    title=without_invisible_marks(_text(item, "title")),
                ),
                _path(_text(item, "link")),
                _text(item, "wp:post_parent"),
            )  # fmt: skip
        return pictures

    def records(self) -> Iterator:
        pictures = self._pictures()
        attachment_pages: dict[str, list[str]] = {}
        for _, page, parent in pictures.values():
            if page and parent and parent != "0":
                attachment_pages.setdefault(parent, []).append(page)
        number = 0
        wanted = {"wp:author", "wp:category", "wp:tag", "item"}
        for name, element in _elements(self.path, wanted):
            if name == "wp:author":
                yield self._writer(element)
            elif name in {"wp:category", "wp:tag"}:
                yield self._tag(element, name)
            else:
                number += 1
                try:
                    yield self._item(element, number, pictures, attachment_pages)
                except (ValueError, KeyError) as error:
                    yield Broken(where=f"item {number}", reason=str(error))

    def _writer(self, element) -> ImportedWriter:
        login = _text(element, "wp:author_login")
        name = _text(element, "wp:author_display_name") or " ".join(
            filter(
                None,
                [_text(element, "wp:author_first_name"), _text(element, "wp:author_last_name")],
            )
        )
        return ImportedWriter(
            source_id=login, name=without_invisible_marks(name or login),
            old_paths=(f"{self.base}/author/{login}/",),
        )  # fmt: skip

    def _tag(self, element, kind: str) -> ImportedTag:
        if kind == "wp:category":
            slug, name, folder = (
                _text(element, "wp:category_nicename"),
                _text(element, "wp:cat_name"),
                "category",
            )
        else:
            slug, name, folder = _text(element, "wp:tag_slug"), _text(element, "wp:tag_name"), "tag"
        return ImportedTag(
            source_id=slug, name=without_invisible_marks(name or slug),
            old_paths=(f"{self.base}/{folder}/{slug}/",),
        )  # fmt: skip

    def _item(self, item, number: int, pictures, attachment_pages):
        kind = _text(item, "wp:post_type") or "post"
        title = without_invisible_marks(_text(item, "title"))
        source_id = _text(item, "wp:post_id")
        where = f"item {number} (id {source_id or '?'}, “{title or 'untitled'}”)"
        status = _text(item, "wp:status")
        if kind != "post":
            reason = {
                "attachment": "a picture: imported with the post that uses it",
                "page": "a page: pages are not imported yet, only posts",
            }.get(kind, f"a {kind}: only posts are imported")
            return Skipped(kind=kind, label=title, where=where, reason=reason)
        if status in {"trash", "auto-draft", "inherit"}:
            return Skipped(kind="post", label=title, where=where, reason=f"its status is {status}")
        note = ""
        if status == "private" or _text(item, "wp:post_password"):
            why = "private" if status == "private" else "password-protected"
            note = f"{where}: {why} on the old site, imported as a draft"
        mapped = STATUSES.get(status, "draft") if not note else "draft"
        published_at = _date(item, "wp:post_date_gmt", "wp:post_date")
        meta = _meta(item)
        body = wordpress_html(
            _text(item, "content:encoded"),
            gallery=lambda ids: "".join(_img(pictures[i][0]) for i in ids if i in pictures),
        )
        writers, tags = [], []
        language = group = ""
        for category in _children(item, "category"):
            domain, words = category.get("domain", ""), without_invisible_marks(category.text or "")
            if domain in {"category", "post_tag"} and words:
                tags.append(words)
            elif domain == "author" and category.get("nicename"):  # Co-Authors Plus
                writers.append(category.get("nicename").removeprefix("cap-"))
            elif domain == "language":  # Polylang: the post's language, by its slug
                language = category.get("nicename", "")
            elif domain == "post_translations":  # Polylang: the group its versions share
                group = category.get("nicename", "")
        language, language_note = _site_language(language, where)
        note = "; ".join(filter(None, [note, language_note]))
        writers = writers or [_text(item, "dc:creator")]
        cover = pictures.get(meta.get("_thumbnail_id", ""), (None,))[0]
        slug = without_invisible_marks(_text(item, "wp:post_name"))
        return ImportedPost(
            source_id=source_id, title=title or "Untitled", slug=slug, body_html=body,
            where=where, status=mapped, published_at=None if mapped == "draft" else published_at,
            excerpt=plain_text(_text(item, "excerpt:encoded")),
            writer_ids=tuple(w for w in writers if w), tags=tuple(dict.fromkeys(tags)), cover=cover,
            comments=tuple(self._comments(item)),
            old_paths=self._old_paths(item, source_id, slug, attachment_pages.get(source_id, [])),
            imported_views=_views(meta), note=note,
            comments_enabled=_text(item, "wp:comment_status") != "closed",
            language=language,
            # The same group on every run (and for every version): a name-based UUID.
            translation_group=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.site}#{group}"))
            if group else "",
        )  # fmt: skip

    def _comments(self, item) -> Iterator[ImportedComment]:
        for comment in _children(item, "wp:comment"):
            approved = _text(comment, "wp:comment_approved")
            if approved in {"spam", "trash"} or _text(comment, "wp:comment_type") in {
                "pingback", "trackback"
            }:  # fmt: skip
                continue
            yield ImportedComment(
                source_id=_text(comment, "wp:comment_id"),
                author_name=without_invisible_marks(_text(comment, "wp:comment_author"))[:80],
                author_email=_text(comment, "wp:comment_author_email"),
                body=plain_text(_text(comment, "wp:comment_content")),
                created_at=_date(comment, "wp:comment_date_gmt", "wp:comment_date"),
                is_approved=approved == "1",
                parent_id=_text(comment, "wp:comment_parent").lstrip("0"),
            )

    def _old_paths(self, item, source_id, slug, attachment_pages) -> tuple[str, ...]:
        paths = [_path(_text(item, "link")), f"{self.base}/?p={source_id}", *attachment_pages]
        local = _text(item, "wp:post_date")
        if slug and local and not local.startswith("0000"):
            year, month, day = local[:4], local[5:7], local[8:10]
            paths += [
                f"{self.base}/{year}/{month}/{day}/{slug}/",
                f"{self.base}/{year}/{month}/{slug}/",
            ]
        return tuple(dict.fromkeys(p for p in paths if p and p.strip("/")))


def _site_language(slug: str, where: str) -> tuple[str, str]:
    """A Polylang language slug ("ru", "en-gb", "pt_BR") as one of the site's languages,
    else none (the import's --language or the default) with a note saying so."""
    if not slug:
        return "", ""
    codes = [code for code, _name in settings.LANGUAGES]
    for candidate in (slug.lower().replace("_", "-"), slug.lower().split("-")[0].split("_")[0]):
        if candidate in codes:
            return candidate, ""
    return "", f"{where}: in {slug!r} on the old site, which is not one of this site's languages"


def _img(picture: ImportedPicture) -> str:
    caption = f"<figcaption>{escape(picture.caption)}</figcaption>" if picture.caption else ""
    return (
        f'<figure><img src="{escape(picture.url)}" alt="{escape(picture.alt)}">{caption}</figure>'
    )


def _views(meta: dict[str, str]) -> int:
    for key in VIEW_KEYS:
        value = meta.get(key, "").strip()
        if value.isdigit():
            return int(value)
    return 0
