"""The one writer of every import: records in, rows out, keyed by (source, kind, source_id)
so a second run updates what it made instead of making it again. Each post goes in its
own transaction: one broken post is reported and the rest still import."""

import html
import re
import uuid
from hashlib import sha256
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.utils import timezone

from blog.content.text import slugify
from blog.content.uploads import validate_image_upload
from blog.importers.pictures import Address, PictureSource, PictureUnavailable
from blog.importers.records import (
    Broken,
    ImportedComment,
    ImportedPicture,
    ImportedPost,
    ImportedRedirect,
    ImportedSeries,
    ImportedTag,
    ImportedWriter,
    Report,
    Skipped,
)
from blog.models import (
    Author,
    Comment,
    CommentStatus,
    Image,
    ImportedItem,
    Post,
    PostAuthor,
    PostStatus,
    Redirect,
    Series,
    SeriesPart,
    Tag,
    normalize_path,
)
from blog.public import pagecache
from blog.publishing.renditions import process_upload

NO_EMAIL = "nobody@example.invalid"  # a commenter the old site kept no address for
IMG = re.compile(r"<img\b[^>]*>", re.I)
ATTRIBUTE = re.compile(r"""\b(src|alt|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
# Another site's library ids (the editor's data-file) would name this library's pictures.
OTHER_LIBRARY_ID = re.compile(r"""\sdata-file\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)


class _DryRun(Exception):
    """Raised inside a post's transaction under --dry-run, so nothing it wrote stays."""


class Importer:
    def __init__(
        self, source: str, *, dry_run: bool = False, pictures: PictureSource | None = None,
        language: str = "",
    ):  # fmt: skip
        self.source = source
        # What the posts are written in, unless the file says (Polylang, our own export).
        self.language = language
        self.pictures = pictures
        self.report = Report(dry_run=dry_run)
        self.writers: dict[str, ImportedWriter] = {}
        self.tags: dict[str, ImportedTag] = {}
        # A dry run rolls each post back, writers and tags too: counted once all the same.
        self.made: set[tuple[str, str]] = set()
        self.writer_pictures: dict[str, Image | None] = {}

    def _known(self, kind: str, source_id: str) -> int | None:
        return (
            ImportedItem.objects.filter(source=self.source, kind=kind, source_id=source_id)
            .values_list("object_id", flat=True)
            .first()
        )

    def _remember(self, kind: str, source_id: str, object_id: int) -> None:
        ImportedItem.objects.update_or_create(
            source=self.source, kind=kind, source_id=source_id,
            defaults={"object_id": object_id},
        )  # fmt: skip

    def run(self, records) -> Report:
        for record in records:
            if isinstance(record, ImportedWriter):
                self.writers[record.source_id] = record
                if picture := record.picture:
                    found = self._picture(record.name, Address.of(picture.url), picture)
                    self.writer_pictures[record.source_id] = found
                if record.listed:
                    self._apart(record.name, lambda r=record: self._writer(r.source_id))
            elif isinstance(record, ImportedPicture):
                self._picture(record.title or record.url, Address.of(record.url), record)
            elif isinstance(record, ImportedRedirect):
                where = record.where
                self._apart(where, lambda r=record: self._redirects([r.old_path], r.new_path))
            elif isinstance(record, ImportedSeries):
                self._apart(record.where, lambda r=record: self._series(r), kind="series")
            elif isinstance(record, ImportedTag):
                self.tags[record.source_id] = record
            elif isinstance(record, Skipped):
                self.report.count("posts", "skipped", f"{record.where}: skipped, {record.reason}")
            elif isinstance(record, Broken):
                self.report.count("posts", "failed", f"{record.where}: {record.reason}")
            elif isinstance(record, ImportedPost):
                self._post_in_its_transaction(record)
        if self.pictures is None and self.report.tallies.get("pictures"):
            self.report.notes.append(
                "Pictures stay at their old addresses: give the folder of the old site's "
                "files (--media DIR), or ask for them to be fetched (--fetch-pictures), to "
                "bring them into the library."
            )
        if not self.report.dry_run:
            pagecache.invalidate_on_commit()
        return self.report

    def _post_in_its_transaction(self, record: ImportedPost) -> None:
        # Pictures are kept even when their post fails: the files are stored already, and
        # the next run finds them here instead of fetching them again.
        pictures = self._pictures(record)
        self._apart(record.where, lambda: self._post(record, pictures))

    def _apart(self, where: str, write, kind: str = "posts") -> None:
        """`write()` in a transaction of its own (rolled back under --dry-run): if it
        fails, what it wrote is undone, the failure is reported with `where`, and the
        import goes on."""
        report, self.report = self.report, Report(dry_run=self.report.dry_run)
        try:
            with transaction.atomic():
                write()
                if self.report.dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        except (ValidationError, DatabaseError, ValueError) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            self.report = report
            self.report.count(kind, "failed", f"{where}: {'; '.join(messages)}")
            return
        # Only what the post's transaction kept (or would keep) is counted.
        for kind, tally in self.report.tallies.items():
            for outcome, n in vars(tally).items():
                for _ in range(n):
                    report.count(kind, outcome)
        report.notes += self.report.notes
        self.report = report

    def _count_made(self, kind: str, source_id: str) -> None:
        if (kind, source_id) not in self.made:
            self.made.add((kind, source_id))
            self.report.count(kind, "created")

    def _writer(self, source_id: str) -> Author:
        found = self._known("writer", source_id)
        author = Author.objects.filter(pk=found).first() if found else None
        record = self.writers.get(source_id) or ImportedWriter(source_id=source_id, name=source_id)
        if author is None:
            author = Author(
                name=record.name[:120], role=record.role[:120], bio=record.bio,
                slug=_free_slug(Author, record.slug or record.name or source_id),
                picture=self.writer_pictures.get(source_id),
            )  # fmt: skip
            author.full_clean()
            author.save()
            self._remember("writer", source_id, author.pk)
            self._count_made("writers", source_id)
            self._redirects(record.old_paths, author.get_absolute_url())
        elif ("writers", source_id) not in self.made:
            self.made.add(("writers", source_id))
            # A bio written here since the last run is the editors' own: only an empty
            # one is filled from the old site.
            if record.bio and not author.bio:
                author.bio = record.bio
                author.save(update_fields=["bio"])
                self.report.count("writers", "updated")
            else:
                self.report.count("writers", "unchanged")
        return author

    def _tag(self, name: str) -> Tag:
        record = next((t for t in self.tags.values() if t.name == name), None)
        source_id = record.source_id if record else slugify(name)
        found = self._known("tag", source_id)
        tag = Tag.objects.filter(pk=found).first() if found else None
        made = False
        if tag is None:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag, made = Tag.objects.create(name=name[:100]), True
            self._remember("tag", source_id, tag.pk)
            if record:
                self._redirects(record.old_paths, tag.get_absolute_url())
        # Counted by the tag it became (a category and a tag of one name are one tag here);
        # one made under --dry-run is rolled back with its post, so it is known by name.
        seen = ("tags", f"name:{source_id}" if made else f"pk:{tag.pk}")
        if seen not in self.made:
            self.made.add(seen)
            self.report.count("tags", "created" if made else "unchanged")
        if made:
            self.made.add(("tags", f"pk:{tag.pk}"))  # a later post finds it by its pk
        return tag

    def _pictures(self, record: ImportedPost) -> dict[str, Image | None]:
        """The post's cover and the pictures in its body, by address key: in the library
        (found from an earlier run, or brought in now), or None where they can't be had."""
        wanted: dict[str, tuple[Address, ImportedPicture]] = {}
        if record.cover and record.cover.url:
            wanted[Address.of(record.cover.url).key] = (Address.of(record.cover.url), record.cover)
        for tag in IMG.findall(record.body_html):
            values = _attributes(tag)
            if values.get("src"):
                address = Address.of(values["src"])
                picture = ImportedPicture(
                    source_id=address.key, url=values["src"], alt=values.get("alt", "")
                )
                wanted.setdefault(address.key, (address, picture))
        return {key: self._picture(record.where, *found) for key, found in wanted.items()}

    def _picture(self, where: str, address: Address, record: ImportedPicture) -> Image | None:
        source_id = (
            address.key if len(address.key) <= 200 else sha256(address.key.encode()).hexdigest()
        )
        found = self._known("picture", source_id)
        image = Image.objects.filter(pk=found).first() if found else None
        if image is not None:
            if (source_id, "picture") not in self.made:
                self.made.add((source_id, "picture"))
                self.report.count("pictures", "unchanged")
            return image
        if (source_id, "picture") in self.made:
            return None  # already counted: failed, or made under --dry-run
        self.made.add((source_id, "picture"))
        if self.pictures is None:
            self.report.count("pictures", "skipped")
            return None
        try:
            data = self.pictures.read(address, record.url)
            upload = ContentFile(data, name=address.file_name)
            validate_image_upload(upload)
        except PictureUnavailable as why:
            self.report.count("pictures", "failed", f"{where}: picture {record.url}: {why}")
            return None
        except ValidationError as error:
            reason = " ".join(error.messages)
            self.report.count("pictures", "failed", f"{where}: picture {record.url}: {reason}")
            return None
        self.report.count("pictures", "created")
        if self.report.dry_run:
            return None
        stem = PurePosixPath(address.file_name).stem.replace("-", " ").replace("_", " ")
        image = Image(
            title=(record.title or record.caption or stem)[:200],
            alt=(record.alt or record.caption or record.title or stem)[:250],
            caption=record.caption[:300], credit=record.credit[:200],
        )  # fmt: skip
        with transaction.atomic():
            image.file.save(address.file_name, upload, save=False)
            process_upload(image)
            self._remember("picture", source_id, image.pk)
        return image

    def _post(self, record: ImportedPost, pictures: dict[str, Image | None]) -> None:
        found = self._known("post", record.source_id)
        post = Post.objects.filter(pk=found).first() if found else None
        is_new = post is None
        if is_new:
            post = Post(slug=_free_slug(Post, record.slug or record.title))
        status = PostStatus.DRAFT if record.status == "draft" else PostStatus.PUBLISHED
        published_at = record.published_at
        if status == PostStatus.PUBLISHED and published_at is None:
            published_at = timezone.now()
        cover = pictures.get(Address.of(record.cover.url).key) if record.cover else None
        fields = {
            "title": record.title[:200], "body": _in_library(record.body_html, pictures),
            "cover": cover or post.cover,
            "excerpt": record.excerpt[:400], "status": status, "published_at": published_at,
            "imported_views": record.imported_views,
            "comments_enabled": record.comments_enabled, "comment_policy": record.comment_policy,
        }  # fmt: skip
        if record.language or self.language:
            fields["language"] = record.language or self.language
        if record.translation_group:
            fields["translation_group"] = uuid.UUID(record.translation_group)
        before = {name: getattr(post, name) for name in fields}
        for name, value in fields.items():
            setattr(post, name, value)
        post.full_clean()
        post.save()
        post.refresh_from_db(fields=list(fields))
        self._remember("post", record.source_id, post.pk)
        changed = is_new or before != {name: getattr(post, name) for name in fields}
        self.report.count("posts", "created" if is_new else "updated" if changed else "unchanged")
        if record.note:
            self.report.notes.append(record.note)

        authors = [self._writer(w) for w in dict.fromkeys(record.writer_ids)] or [
            self._writer("unknown")
        ]
        PostAuthor.objects.filter(post=post).delete()
        PostAuthor.objects.bulk_create(
            PostAuthor(post=post, author=author, position=n) for n, author in enumerate(authors)
        )
        post.tags.set([self._tag(name) for name in record.tags])
        self._comments(post, record.comments)
        if status == PostStatus.PUBLISHED:
            self._redirects(record.old_paths, post.get_absolute_url())

    def _series(self, record: ImportedSeries) -> None:
        """A series and its parts in order, from the posts this import brought; a post
        already in another series stays there."""
        found = self._known("series", record.source_id)
        series = Series.objects.filter(pk=found).first() if found else None
        is_new = series is None
        if is_new:
            series = Series(slug=_free_slug(Series, record.slug or record.title))
        fields = {"title": record.title[:200], "description": record.description}
        if record.language or self.language:
            fields["language"] = record.language or self.language
        before = {name: getattr(series, name) for name in fields}
        for name, value in fields.items():
            setattr(series, name, value)
        series.full_clean()
        series.save()
        self._remember("series", record.source_id, series.pk)
        post_ids = [self._known("post", source_id) for source_id in record.parts]
        parts = [pk for pk in post_ids if pk is not None]
        had = list(series.parts.values_list("post_id", flat=True))
        if had != parts:
            series.parts.all().delete()
            in_others = SeriesPart.objects.filter(post_id__in=parts)
            taken = set(in_others.values_list("post_id", flat=True))
            for position, pk in enumerate((pk for pk in parts if pk not in taken), 1):
                part = SeriesPart(series=series, post_id=pk, position=position)
                part.full_clean()
                part.save()
        after = {name: getattr(series, name) for name in fields}
        changed = had != parts or before != after
        self.report.count("series", "created" if is_new else "updated" if changed else "unchanged")

    def _comments(self, post: Post, comments: tuple[ImportedComment, ...]) -> None:
        made: dict[str, Comment] = {}
        waiting = list(comments)
        # Replies may come before the comment they answer: each pass places what it can.
        while waiting:
            placed = [c for c in waiting if not c.parent_id or c.parent_id in made]
            if not placed:  # a reply to a comment that is not in the file (spam, trash)
                placed = waiting
            for record in placed:
                waiting.remove(record)
                made[record.source_id] = self._comment(post, record, made.get(record.parent_id))

    def _comment(self, post: Post, record: ImportedComment, parent: Comment | None) -> Comment:
        found = self._known("comment", record.source_id and f"{post.pk}:{record.source_id}")
        comment = Comment.objects.filter(pk=found).first() if found else None
        if comment is not None:
            self.report.count("comments", "unchanged")
            return comment
        try:
            validate_email(record.author_email)
            email = record.author_email
        except ValidationError:
            email = NO_EMAIL  # kept private anyway; an old site's typo must not lose the comment
        status = CommentStatus.APPROVED if record.is_approved else CommentStatus.PENDING
        comment = Comment(
            post=post, parent=parent, author_name=record.author_name or "Reader",
            author_email=email[:254], body=record.body[:5000] or "…",
            status=record.status if record.status in CommentStatus.values else status,
            created_at=record.created_at or post.published_at or timezone.now(),
            edited_at=record.edited_at, by_editor=record.by_editor,
            is_deleted=record.is_deleted,
        )  # fmt: skip
        comment.full_clean()
        comment.save()
        self._remember("comment", f"{post.pk}:{record.source_id}", comment.pk)
        self.report.count("comments", "created")
        return comment

    def _redirects(self, old_paths, new_url: str) -> None:
        for old in old_paths:
            path = normalize_path(old)
            if path == normalize_path(new_url):
                continue  # the old address is the new one (Wix's /post/slug/)
            redirect, created = Redirect.objects.update_or_create(
                old_path=path[:500], defaults={"new_path": new_url, "source": self.source[:200]}
            )
            self.report.count("redirects", "created" if created else "unchanged")


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
        for m in ATTRIBUTE.finditer(tag)
    }


def _in_library(body: str, pictures: dict[str, Image | None]) -> str:
    """The body with its pictures' addresses (and links to the full-size picture) pointing
    at the library: saving the post then gives them the library's renditions."""
    body = OTHER_LIBRARY_ID.sub("", body)
    if not any(pictures.values()):
        return body

    def point(match: re.Match) -> str:
        value = html.unescape(match.group(2) if match.group(2) is not None else match.group(3))
        image = pictures.get(Address.of(value).key) if value else None
        if image is None:
            return match.group(0)
        return f'{match.group(1)}="{html.escape(image.file.url)}"'

    return ATTRIBUTE.sub(point, body)


def _free_slug(model, text: str) -> str:
    base = slugify(text)[:190] or "imported"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
