"""Ghost's JSON export (Ghost 1 to 6: Settings › Labs, or Import/Export, › Export your
content) as records; also the Admin API's answer to /posts/ ({"posts": [...]}).

An export is one JSON document, read whole: its tables (posts, users, tags, and
posts_authors, posts_tags and posts_meta, which join them) are looked up by id, then each
post is yielded with its writers, tags and cover. Bodies: blog.importers.ghost_bodies.
Ghost exports hold no comments and no view counts; its pages are not imported yet."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape
from urllib.parse import urlsplit

from blog.importers.bodies import plain_text, without_invisible_marks
from blog.importers.ghost_bodies import body_html
from blog.importers.records import (
    Broken,
    ImportedPicture,
    ImportedPost,
    ImportedTag,
    ImportedWriter,
    ImportFileError,
    Skipped,
)

MAJOR_VERSIONS = range(1, 7)
STATUSES = {"published": "published", "scheduled": "scheduled", "draft": "draft"}
VISIBILITY = {"members": "for members only", "paid": "for paying members only"}
# Ghost writes its own address this way in bodies and picture addresses since 4.0.
GHOST_URL = "__GHOST_URL__"
AGAIN = "Export the content again from Ghost's admin (Export your content) and import that file."


def _load(path) -> dict:
    try:
        with path.open("rb") as file:
            document = json.load(file)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"The file is not valid JSON at line {error.lineno}, column {error.colno}: it may "
            f"be cut short or damaged. {AGAIN}"
        ) from error
    except UnicodeDecodeError as error:
        raise ImportFileError(f"The file is not text in UTF-8, as Ghost writes. {AGAIN}") from error
    except RecursionError as error:
        raise ImportFileError(
            f"The file is nested deeper than any Ghost export is. {AGAIN}"
        ) from error
    if isinstance(document, dict) and isinstance(document.get("posts"), list):
        return {"posts": document["posts"]}  # the Admin API: posts with their own tags, authors
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        document = document["db"][0]
    if not isinstance(document, dict) or not isinstance(document.get("data"), dict):
        if isinstance(document, dict) and document:
            at_top = "it has " + ", ".join(f"“{key}”" for key in list(document)[:3])
        else:
            at_top = "it has nothing named"
        raise ImportFileError(
            f"This is not a Ghost export: {at_top} at its top, where a Ghost export has "
            f"“db” (or “meta” and “data”). {AGAIN}"
        )
    meta = document.get("meta") if isinstance(document.get("meta"), dict) else {}
    version = str(meta.get("version", "")).strip()
    major = version.split(".")[0]
    if not version or "." not in version or not major.isdigit():
        what = f"says it is version {version!r}" if version else "does not say its version"
    elif int(major) not in MAJOR_VERSIONS:
        what = f"says it is version {version!r}"
    else:
        what = ""
    if what:
        raise ImportFileError(
            f"This Ghost export {what} (meta.version); this importer reads exports from "
            f"Ghost {MAJOR_VERSIONS.start} to {MAJOR_VERSIONS.stop - 1}."
        )
    if not isinstance(document["data"].get("posts"), list):
        raise ImportFileError(f"This Ghost export has no posts table in its data. {AGAIN}")
    return document["data"]


def _rows(data: dict, table: str) -> list[dict]:
    rows = data.get(table)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _words(value) -> str:
    return without_invisible_marks(value) if isinstance(value, str) else ""


def _joined(rows: list[dict], column: str) -> dict[str, list[str]]:
    """posts_authors or posts_tags as each post's ids, in Ghost's order (sort_order)."""
    by_post: dict[str, list[str]] = {}
    ordered = sorted(rows, key=lambda row: o if type(o := row.get("sort_order")) is int else 0)
    for row in ordered:
        if row.get("post_id") is not None and row.get(column) is not None:
            by_post.setdefault(str(row["post_id"]), []).append(str(row[column]))
    return by_post


def _moment(value) -> datetime | None:
    """Ghost keeps times in UTC: ISO 8601 in exports (2021-03-24T05:57:56.000Z), the
    database's form in some (2017-09-01 12:29:50), milliseconds since 1970 in old ones."""
    if value is None or value == "":
        return None
    try:
        if type(value) in (int, float):
            return datetime.fromtimestamp(value / 1000, UTC)
        if isinstance(value, str):
            moment = datetime.fromisoformat(value.strip())
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        pass
    raise ValueError(f"its publish time {value!r} is not a time Ghost writes")


class GhostExport:
    """An export file: `source` names the site, `records()` reads it."""

    def __init__(self, paths):
        if len(paths) != 1:
            raise ImportFileError("A Ghost site is one export file: import one at a time.")
        self.data = _load(paths[0])
        settings = {str(row.get("key")): row.get("value") for row in _rows(self.data, "settings")}
        url = settings.get("url") if isinstance(settings.get("url"), str) else ""
        self.site = (url or self._site_from_posts()).strip().rstrip("/")
        self.base = urlsplit(self.site).path.rstrip("/")
        title = _words(settings.get("title"))
        self.source = f"ghost:{self.site or title}"[:200]

    def _site_from_posts(self) -> str:
        """The Admin API gives each post its address: the site's is what comes before
        /<slug>/ (Ghost's default address for a post)."""
        for post in _rows(self.data, "posts"):
            url, slug = post.get("url"), post.get("slug")
            if isinstance(url, str) and isinstance(slug, str) and url.endswith(f"/{slug}/"):
                return url.removesuffix(f"/{slug}/")
        return ""

    def _address(self, url) -> str:
        """__GHOST_URL__ is the site's own address: with none known, the path stays
        relative (/content/images/…), which --media finds in a copy of content/images."""
        url = url.strip() if isinstance(url, str) else ""
        return self.site + url.removeprefix(GHOST_URL) if url.startswith(GHOST_URL) else url

    def _writer(self, user: dict) -> ImportedWriter:
        slug = _words(user.get("slug"))
        return ImportedWriter(
            source_id=str(user.get("id")),
            name=_words(user.get("name")) or slug or str(user.get("id")),
            bio=_words(user.get("bio")),
            old_paths=(f"{self.base}/author/{slug}/",) if slug else (),
        )

    def _tag(self, tag: dict) -> ImportedTag | None:
        slug, name = _words(tag.get("slug")), _words(tag.get("name"))
        # Ghost's internal tags (#name) group posts for themes; readers never see them.
        if not slug or not name or name.startswith("#") or tag.get("visibility") == "internal":
            return None
        return ImportedTag(source_id=slug, name=name, old_paths=(f"{self.base}/tag/{slug}/",))

    def records(self) -> Iterator:
        users = {str(row.get("id")): row for row in _rows(self.data, "users")}
        tags = {str(row.get("id")): self._tag(row) for row in _rows(self.data, "tags")}
        authors_of = _joined(_rows(self.data, "posts_authors"), "author_id")
        tags_of = _joined(_rows(self.data, "posts_tags"), "tag_id")
        meta_of = {str(row.get("post_id")): row for row in _rows(self.data, "posts_meta")}
        yield from (self._writer(user) for user in users.values())
        yield from (tag for tag in tags.values() if tag)
        seen: set[str] = set(users)
        for number, post in enumerate(self.data["posts"], 1):
            if not isinstance(post, dict):
                yield Broken(where=f"post {number}", reason="it is not a post, as Ghost writes one")
                continue
            title = _words(post.get("title"))
            where = f"post {number} (id {post.get('id') or '?'}, “{title or 'untitled'}”)"
            # The Admin API's posts carry their writers and tags within them.
            for user in _rows(post, "authors"):
                if str(user.get("id")) not in seen:
                    seen.add(str(user.get("id")))
                    yield self._writer(user)
            nested = [tag for tag in map(self._tag, _rows(post, "tags")) if tag]
            yield from nested
            post_id = str(post.get("id") or "")
            writer_ids = authors_of.get(post_id) or _author_ids(post)
            names = [tags[t].name for t in tags_of.get(post_id, []) if tags.get(t)]
            try:
                yield self._post(
                    post, where, meta_of.get(post_id, {}), writer_ids,
                    names or [tag.name for tag in nested],
                )  # fmt: skip
            except ValueError as error:
                yield Broken(where=where, reason=str(error))

    def _post(self, post: dict, where: str, meta: dict, writer_ids, tag_names):
        title = _words(post.get("title"))
        is_page = post.get("type") == "page" or post.get("page") in (1, True, "1")
        if is_page:
            reason = "a page: pages are not imported yet, only posts"
            return Skipped(kind="page", label=title, where=where, reason=reason)
        if post.get("type") not in (None, "post"):
            kind = str(post["type"])
            return Skipped(
                kind=kind, label=title, where=where, reason=f"a {kind}: only posts are imported"
            )
        if not post.get("id"):
            raise ValueError("it has no id, so a second import could not find it again")
        status = str(post.get("status") or "draft")
        mapped, note = STATUSES.get(status, "draft"), ""
        visibility = str(post.get("visibility") or "public")
        if visibility != "public" and mapped != "draft":
            why = VISIBILITY.get(visibility, "for some members only")
            mapped, note = "draft", f"{where}: {why} on the old site, imported as a draft"
        elif status not in STATUSES:
            why = "sent only by email" if status == "sent" else f"its status was “{status}”"
            note = f"{where}: {why} on the old site, imported as a draft"
        # A draft's time is not kept (as for WordPress's): it gets one when it is published.
        published_at = None if mapped == "draft" else _moment(post.get("published_at"))
        if mapped == "scheduled" and published_at is None:
            mapped, note = "draft", f"{where}: scheduled with no time, imported as a draft"
        slug = _words(post.get("slug"))
        body = body_html(post).replace(GHOST_URL, escape(self.site))
        old_paths = [f"{self.base}/{slug}/" if slug else "", urlsplit(_words(post.get("url"))).path]
        return ImportedPost(
            source_id=str(post["id"]), title=title or "Untitled", slug=slug, body_html=body,
            where=where, status=mapped, published_at=published_at,
            excerpt=_words(post.get("custom_excerpt")), writer_ids=tuple(writer_ids),
            tags=tuple(dict.fromkeys(tag_names)), cover=self._cover(post, meta),
            old_paths=tuple(dict.fromkeys(p for p in old_paths if p.strip("/"))), note=note,
        )  # fmt: skip

    def _cover(self, post: dict, meta: dict) -> ImportedPicture | None:
        url = self._address(post.get("feature_image"))
        if not url:
            return None
        # Ghost 4 and later keep the cover's words in posts_meta; the Admin API in the post.
        alt = meta.get("feature_image_alt") or post.get("feature_image_alt")
        caption = meta.get("feature_image_caption") or post.get("feature_image_caption")
        return ImportedPicture(
            source_id=url, url=url, alt=_words(alt),
            caption=plain_text(caption)[:300] if isinstance(caption, str) else "",
        )  # fmt: skip


def _author_ids(post: dict) -> list[str]:
    if post.get("author_id"):  # Ghost 1: one writer a post, and no posts_authors
        return [str(post["author_id"])]
    return [str(user.get("id")) for user in _rows(post, "authors")]
