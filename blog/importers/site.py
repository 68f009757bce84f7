"""This site's own export, read back: `manage.py import site FILE` with the .zip that
`manage.py export` (or the admin's download) writes, or its site.json with the
`<stem>-media/` folder beside it. A zip holding site.xml (the WXR export) is read by the
WordPress importer, with the zip's pictures.

The JSON is read as a stream (ijson), one section at a time, so a large site's file is
never held in memory whole."""

import csv
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import ijson

from blog.importers.archive import is_zip, unpack
from blog.importers.export_json import FORMAT, VERSION
from blog.importers.records import (
    Broken,
    ImportedComment,
    ImportedPicture,
    ImportedPost,
    ImportedRedirect,
    ImportedSeries,
    ImportedTag,
    ImportedWriter,
    ImportFileError,
)
from blog.importers.wordpress import WordPressExport

ZIP_MAX_BYTES = 50 * 1024**3  # the pictures of a large site, with room to spare
EXPECTED = "expected this site's export: a .zip with site.json (or site.xml), or site.json"


def _path(url: str) -> str:
    return urlsplit(url or "").path


def _time(value) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class SiteExport:
    """`source` names the site the file came from; `media` is the folder of its
    pictures (in the zip, or beside the file), None if there is none."""

    def __init__(self, paths: list[Path]):
        if len(paths) != 1:
            raise ImportFileError("A site's export is one file: import one at a time.")
        path = paths[0]
        self.media: Path | None = None
        self.wordpress: WordPressExport | None = None
        if is_zip(path):
            # The folder lives as long as this export does.
            self._unpacked = tempfile.TemporaryDirectory(prefix="site-")
            into = Path(self._unpacked.name)
            unpack(path, into, max_bytes=ZIP_MAX_BYTES)
            self.media = into / "media" if (into / "media").is_dir() else None
            if (into / "site.json").is_file():
                path = into / "site.json"
            elif (into / "site.xml").is_file():
                self.wordpress = WordPressExport([into / "site.xml"])
                self.source = self.wordpress.source
                self.redirects_csv = into / "redirects.csv"
                return
            else:
                raise ImportFileError(f"{paths[0].name} holds no site.json or site.xml.")
        else:
            beside = path.with_name(f"{path.stem}-media")
            self.media = beside if beside.is_dir() else None
        self.path = path
        self.name = paths[0].name
        head = self._first("format"), self._first("version")
        if head[0] != FORMAT:
            raise ImportFileError(f"{self.name} is not this site's export: {EXPECTED}.")
        if not isinstance(head[1], int) or head[1] > VERSION:
            raise ImportFileError(
                f"{self.name} is an export of version {head[1]}; this site reads versions up "
                f"to {VERSION}. Update this site, then import it again."
            )
        site = self._first("site") or {}
        self.source = f"site:{site.get('url', '')}"

    def _items(self, prefix: str) -> Iterator:
        with self.path.open("rb") as file:
            try:
                yield from ijson.items(file, prefix, use_float=True)
            except ijson.JSONError as error:
                raise ImportFileError(f"{self.name}: {self._where(error)}") from error

    def _where(self, error) -> str:
        """ijson says what is wrong; Python's parser says on which line."""
        import json

        try:
            with self.path.open(encoding="utf-8") as file:
                json.load(file)
        except ValueError as exact:
            return f"line {getattr(exact, 'lineno', '?')}: {getattr(exact, 'msg', exact)}"
        return str(error)

    def _first(self, prefix: str):
        return next(iter(self._items(prefix)), None)

    def records(self) -> Iterator:
        if self.wordpress:
            yield from self.wordpress.records()
            yield from self._redirects_csv()
            return
        pictures = {}
        for row in self._rows("pictures", "picture", ("id", "url")):
            picture = ImportedPicture(
                source_id=str(row["id"]), url=row["url"], alt=row.get("alt", ""),
                caption=row.get("caption", ""), title=row.get("title", ""),
                credit=row.get("credit", ""),
            )  # fmt: skip
            pictures[row["id"]] = picture
            yield picture
        for row in self._rows("writers", "writer", ("id", "name")):
            yield ImportedWriter(
                source_id=str(row["id"]), name=row["name"], bio=row.get("bio", ""),
                slug=row.get("slug", ""), role=row.get("role", ""),
                picture=pictures.get(row.get("picture")), listed=True,
                old_paths=(_path(row.get("url")),),
            )  # fmt: skip
        tags = {}
        for row in self._rows("tags", "tag", ("id", "name")):
            tags[row["id"]] = row["name"]
            yield ImportedTag(
                source_id=row.get("slug") or row["name"], name=row["name"],
                old_paths=(_path(row.get("url")),),
            )  # fmt: skip
        post_ids = {}  # a post's slug in the file -> its id there, for the series' parts
        for number, row in enumerate(self._items("posts.item"), 1):
            if not isinstance(row, dict):
                yield Broken(where=f"post {number}", reason="it is not an object")
                continue
            if isinstance(row.get("slug"), str) and "id" in row:
                post_ids[row["slug"]] = str(row["id"])
            where = f"post {number} (id {row.get('id', '?')}, “{row.get('title') or 'untitled'}”)"
            try:
                yield self._post(row, where, pictures, tags)
            except (KeyError, TypeError, ValueError) as error:
                yield Broken(where=where, reason=f"{type(error).__name__}: {error}")
        for number, row in enumerate(self._rows("series", "series", ("title", "slug")), 1):
            yield ImportedSeries(
                source_id=row["slug"], title=row["title"], slug=row["slug"],
                where=f"series {number} (“{row['title']}”)",
                description=row.get("description", ""), language=row.get("language", ""),
                parts=tuple(post_ids[slug] for slug in row.get("parts", []) if slug in post_ids),
            )  # fmt: skip
        for row in self._rows("redirects", "redirect", ("old_path", "new_path")):
            yield ImportedRedirect(
                old_path=row["old_path"], new_path=row["new_path"], where="redirect"
            )

    def _rows(self, section: str, name: str, needs: tuple[str, ...]) -> Iterator[dict]:
        """A list's objects. Writers, tags, pictures, series and redirects hold up the
        posts that follow, so one that cannot be read stops the import, saying which and why (a
        broken post is only skipped, with its reason)."""
        for number, row in enumerate(self._items(f"{section}.item"), 1):
            if not isinstance(row, dict):
                raise ImportFileError(f"{self.name}: {name} {number} is not an object.")
            if missing := [key for key in needs if not isinstance(row.get(key), (str, int))]:
                raise ImportFileError(f"{self.name}: {name} {number} has no “{missing[0]}”.")
            yield row

    def _redirects_csv(self) -> Iterator[ImportedRedirect]:
        """Beside a WXR, the site's redirects as the Redirection plugin's CSV."""
        if not self.redirects_csv.is_file():
            return
        with self.redirects_csv.open(encoding="utf-8", newline="") as file:
            rows = csv.DictReader(file)
            for row in rows:
                if row.get("source") and row.get("target") and row.get("regex") != "1":
                    where = f"redirects.csv line {rows.line_num}"
                    yield ImportedRedirect(row["source"], row["target"], where=where)

    def _post(self, row: dict, where: str, pictures: dict, tags: dict) -> ImportedPost:
        comments = tuple(
            ImportedComment(
                source_id=str(c["id"]), author_name=c["name"], author_email=c["email"],
                body=c["body"], created_at=_time(c["created_at"]),
                is_approved=c["status"] == "approved", status=c["status"],
                parent_id=str(c["parent"]) if c.get("parent") else "",
                edited_at=_time(c.get("edited_at")), by_editor=c.get("by_editor", False),
                is_deleted=c.get("is_deleted", False),
            )
            for c in row.get("comments", [])
        )  # fmt: skip
        return ImportedPost(
            source_id=str(row["id"]), title=row["title"], slug=row["slug"],
            body_html=row.get("body", ""), where=where, status=row["status"],
            published_at=_time(row.get("published_at")), excerpt=row.get("excerpt", ""),
            writer_ids=tuple(str(i) for i in row.get("writers", [])),
            tags=tuple(tags[i] for i in row.get("tags", []) if i in tags),
            cover=pictures.get(row.get("cover")), comments=comments,
            old_paths=(_path(row.get("url")),),
            imported_views=int(row.get("views", {}).get("total", 0)),
            comments_enabled=row.get("comments_enabled", True),
            comment_policy=row.get("comment_policy", ""),
            language=row.get("language", ""), translation_group=row.get("translation_group", ""),
        )  # fmt: skip
