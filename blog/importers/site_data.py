"""Moving out: the whole site read as plain dicts, one object at a time, for the two
writers of an export (blog.importers.export_json, blog.importers.export_wxr).

Everything is read with .iterator(), in chunks that bring their own related rows, so an
export's memory does not grow with the site. Bodies point at the pictures' original
files, not at this site's renditions (which the next site makes for itself)."""

import html
import re
from collections.abc import Iterator
from urllib.parse import unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.utils import timezone

from blog.models import (
    Author,
    Comment,
    Image,
    Post,
    PostStatus,
    Redirect,
    Rendition,
    Series,
    SeriesPart,
    Tag,
)
from blog.models.images import library_address
from blog.public.addresses import absolute_url

CHUNK = 200
IMG = re.compile(r"<img\b[^>]*>", re.I)
ADDRESS = re.compile(r'\s(src|href)="([^"]*)"')
# This site's renditions and library ids (data-file): the next site has its own.
RESPONSIVE = re.compile(r'\s(?:srcset|sizes|width|height|loading|decoding|data-file)="[^"]*"')


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def picture_url(name: str) -> str:
    """Where a library file is read from, absolute (the export is read elsewhere)."""
    return absolute_url(default_storage.url(name))


class Originals:
    """Bodies with each library picture at its original file: renditions (src, srcset,
    the link to the full size) are this site's, and the next site makes its own."""

    def __init__(self):
        self.prefixes = sorted({library_address(), settings.MEDIA_URL}, key=len, reverse=True)

    def _name(self, address: str) -> str | None:
        for prefix in self.prefixes:
            if address.startswith(prefix):
                return unquote(address.removeprefix(prefix))
        return None

    def body(self, body: str) -> str:
        names = {}
        for tag in IMG.findall(body):
            for _, address in ADDRESS.findall(tag):
                if (name := self._name(html.unescape(address))) is not None:
                    names[address] = name
        for _, address in ADDRESS.findall(body):
            if (name := self._name(html.unescape(address))) is not None:
                names.setdefault(address, name)
        if not names:
            return body
        wanted = set(names.values())
        originals = {name: name for name in Image.objects.filter(file__in=wanted).values_list(
            "file", flat=True
        )}  # fmt: skip
        for rendition, original in Rendition.objects.filter(file__in=wanted).values_list(
            "file", "image__file"
        ):
            originals[rendition] = original
        found = {a: picture_url(originals[n]) for a, n in names.items() if n in originals}

        def point(match: re.Match) -> str:
            address = found.get(match.group(2))
            return f' {match.group(1)}="{html.escape(address)}"' if address else match.group(0)

        body = IMG.sub(lambda m: RESPONSIVE.sub("", m.group(0)), body)
        return ADDRESS.sub(point, body)


def status_of(post: Post, now) -> str:
    if post.status == PostStatus.DRAFT:
        return "draft"
    return "scheduled" if post.published_at and post.published_at > now else "published"


def site() -> dict:
    return {
        "name": settings.SITE_NAME, "url": settings.SITE_URL,
        "language": settings.LANGUAGE_CODE, "time_zone": settings.TIME_ZONE,
        "exported_at": iso(timezone.now()),
    }  # fmt: skip


def writers() -> Iterator[dict]:
    for author in Author.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": author.pk, "name": author.name, "slug": author.slug, "role": author.role,
            "bio": author.bio, "picture": author.picture_id,
            "url": absolute_url(author.get_absolute_url()),
        }  # fmt: skip


def tags() -> Iterator[dict]:
    for tag in Tag.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": tag.pk, "name": tag.name, "slug": tag.slug,
            "url": absolute_url(tag.get_absolute_url()),
        }  # fmt: skip


def pictures() -> Iterator[dict]:
    for image in Image.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": image.pk, "file": f"media/{image.file.name}", "url": picture_url(image.file.name),
            "title": image.title, "alt": image.alt, "caption": image.caption,
            "credit": image.credit, "width": image.width, "height": image.height,
            "uploaded_at": iso(image.created_at),
        }  # fmt: skip


def posts() -> Iterator[dict]:
    now, originals = timezone.now(), Originals()
    queryset = Post.objects.order_by("pk").prefetch_related(
        Prefetch("post_authors", to_attr="credits"),
        Prefetch("tagged", to_attr="tag_links"),
        Prefetch("comments", queryset=Comment.objects.order_by("pk"), to_attr="thread"),
    )
    for post in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": post.pk, "title": post.title, "slug": post.slug,
            "url": absolute_url(post.get_absolute_url()), "status": status_of(post, now),
            "published_at": iso(post.published_at), "created_at": iso(post.created_at),
            "updated_at": iso(post.updated_at), "excerpt": post.excerpt,
            "body": originals.body(post.body), "cover": post.cover_id,
            "writers": [c.author_id for c in sorted(post.credits, key=lambda c: c.position)],
            "tags": sorted(link.tag_id for link in post.tag_links),
            "comments_enabled": post.comments_enabled, "comment_policy": post.comment_policy,
            "language": post.language, "translation_group": str(post.translation_group),
            "views": {
                "here": post.view_count, "before": post.imported_views,
                "total": post.total_views,
            },
            "comments": [comment_dict(c) for c in post.thread],
        }  # fmt: skip


def comment_dict(comment: Comment) -> dict:
    return {
        "id": comment.pk, "parent": comment.parent_id, "name": comment.author_name,
        "email": comment.author_email, "body": comment.body, "status": comment.status,
        "created_at": iso(comment.created_at), "edited_at": iso(comment.edited_at),
        "by_editor": comment.by_editor, "is_deleted": comment.is_deleted,
    }  # fmt: skip


def series() -> Iterator[dict]:
    """Each series with its parts in reading order, by the posts' slugs (drafts too: the
    next site publishes them when this one would)."""
    parts = SeriesPart.objects.order_by("position", "pk").select_related("post")
    queryset = Series.objects.order_by("pk").prefetch_related(Prefetch("parts", queryset=parts))
    for one in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": one.pk, "title": one.title, "slug": one.slug,
            "description": one.description, "language": one.language,
            "url": absolute_url(one.get_absolute_url()),
            "parts": [part.post.slug for part in one.parts.all()],
        }  # fmt: skip


def redirects() -> Iterator[dict]:
    rows = Redirect.objects.order_by("pk").values("old_path", "new_path", "source", "hits")
    yield from rows.iterator(chunk_size=CHUNK)
