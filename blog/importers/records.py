"""What a source module yields: plain records, one per post, writer or picture, with the
place in the file each came from. The writer (blog.importers.writer) maps them onto the
models; no source module touches the database."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ImportedWriter:
    source_id: str
    name: str
    bio: str = ""
    old_paths: tuple[str, ...] = ()
    slug: str = ""  # kept when free: this site's own export keeps its writers' addresses
    role: str = ""
    picture: "ImportedPicture | None" = None
    # Made even if no post names it: this site's own export lists only its real writers
    # (WordPress's lists every account that could write).
    listed: bool = False


@dataclass(frozen=True)
class ImportedTag:
    source_id: str  # a category's or tag's address name on the old site
    name: str
    old_paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportedPicture:
    source_id: str
    url: str  # where the old site served it
    alt: str = ""
    caption: str = ""
    title: str = ""
    credit: str = ""


@dataclass(frozen=True)
class ImportedComment:
    source_id: str
    author_name: str
    author_email: str
    body: str  # plain text: comments are text here, shown escaped
    created_at: datetime | None
    is_approved: bool
    parent_id: str = ""  # source_id of the comment it answers
    status: str = ""  # this site's own statuses (spam kept as spam); else from is_approved
    edited_at: datetime | None = None
    by_editor: bool = False
    is_deleted: bool = False


@dataclass(frozen=True)
class ImportedPost:
    source_id: str
    title: str
    slug: str
    body_html: str  # raw from the source; the writer cleans and sanitizes it
    where: str  # "item 12, line 340": for the report
    status: str  # "published", "scheduled", "draft"
    published_at: datetime | None
    excerpt: str = ""
    writer_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    cover: ImportedPicture | None = None
    comments: tuple[ImportedComment, ...] = ()
    old_paths: tuple[str, ...] = ()
    imported_views: int = 0
    note: str = ""  # why the status changed ("private on the old site: imported as a draft")
    comments_enabled: bool = True
    comment_policy: str = ""
    language: str = ""  # one of the site's LANGUAGES; empty: the site's default
    translation_group: str = ""  # versions of one post in other languages share it


@dataclass(frozen=True)
class ImportedSeries:
    """Posts to be read in order (this site's own export)."""

    source_id: str
    title: str
    slug: str
    where: str
    description: str = ""
    language: str = ""  # empty: the site's default
    parts: tuple[str, ...] = ()  # the posts' source ids, in reading order


@dataclass(frozen=True)
class ImportedRedirect:
    """An old address the old site already sent somewhere (its own redirects)."""

    old_path: str
    new_path: str
    where: str


@dataclass(frozen=True)
class Skipped:
    """Something in the file that is not imported, and why."""

    kind: str
    label: str
    where: str
    reason: str


@dataclass(frozen=True)
class Broken:
    """An item that could not be read: the rest of the file still imports."""

    where: str
    reason: str


class ImportFileError(ValueError):
    """The file as a whole cannot be imported: not the format it claims, cut short,
    an unknown version. The message says where and why, in plain words."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0


@dataclass
class Report:
    """What an import did (or, with --dry-run, would do), by kind, with the reasons."""

    dry_run: bool = False
    tallies: dict[str, Tally] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # skipped, failed, changed: each with where

    def count(self, kind: str, outcome: str, note: str = "") -> None:
        tally = self.tallies.setdefault(kind, Tally())
        setattr(tally, outcome, getattr(tally, outcome) + 1)
        if note:
            self.notes.append(note)

    def lines(self) -> list[str]:
        order = ["posts", "writers", "tags", "pictures", "comments", "redirects"]
        # Only this site's own export has series: other sources' reports do not list them.
        order += ["series"] if "series" in self.tallies else []
        out = []
        for kind in order:
            tally = self.tallies.get(kind, Tally())
            out.append(
                f"{kind}: {tally.created} created, {tally.updated} updated, "
                f"{tally.unchanged} unchanged, {tally.skipped} skipped, {tally.failed} failed"
            )
        return out
