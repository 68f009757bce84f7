"""`manage.py backup` and `manage.py restore`: a site saved, its database emptied and its
pictures deleted, then restored, is the same site (on SQLite and on PostgreSQL)."""

import hashlib
import shutil

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from blog.models import Comment, Image, Post, Tag
from blog.search import search_posts
from tests.factories import AuthorFactory, CommentFactory, ImageFactory, PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


def digest(name: str) -> str:
    return hashlib.sha256(default_storage.open(name).read()).hexdigest()


def renditions(image) -> list[str]:
    return [rendition.file for rendition in image.renditions.all()]


def snapshot() -> dict:
    """What a reader and an editor would notice, by natural keys rather than ids."""
    return {
        "posts": sorted(
            (p.slug, p.title, p.body, p.status, p.view_count, p.cover.title if p.cover else None,
             sorted(t.name for t in p.tags.all()), [a.slug for a in p.authors.all()])
            for p in Post.objects.all()
        ),
        "comments": sorted(
            (c.post.slug, c.author_name, c.author_email, c.body, c.status,
             c.parent.body if c.parent else None)
            for c in Comment.objects.select_related("post", "parent")
        ),
        "tags": sorted(Tag.objects.values_list("name", "slug")),
        "images": sorted(
            (i.title, i.alt, digest(i.file.name), sorted(map(digest, renditions(i))))
            for i in Image.objects.all()
        ),
    }  # fmt: skip


def test_backup_then_restore_into_an_empty_database_gives_back_the_same_site(tmp_path):
    writer = AuthorFactory(slug="leyla", picture=ImageFactory(title="Leyla"))
    post = PostFactory(published=True, authors=[writer], tags=["peace", "water"],
                       cover=ImageFactory(title="River"), title="The river")  # fmt: skip
    PostFactory(authors=[writer], title="A draft")
    first = CommentFactory(post=post, body="Thank you.")
    CommentFactory(post=post, parent=first, body="A reply.")
    CommentFactory(post=post, status="pending", body="Held.")
    Post.objects.filter(pk=post.pk).update(view_count=42)
    before = snapshot()
    assert len(before["images"]) == 2 and before["images"][0][3]  # renditions are files

    call_command("backup", output=tmp_path / "backups", verbosity=0)
    (backup,) = (tmp_path / "backups").glob("backup-*.tar.gz")

    # Everything gone: an empty, migrated database and no pictures.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert Post.objects.count() == 0

    call_command("restore", str(backup), verbosity=0)
    assert snapshot() == before
    assert [p.title for p in search_posts("river")] == ["The river"]  # index rebuilt
    # New rows get new ids after the restored ones (PostgreSQL's sequences were reset).
    assert PostFactory().pk > max(Post.objects.exclude(title__startswith="Post").values_list(
        "pk", flat=True))  # fmt: skip


def test_restore_refuses_a_database_that_has_posts(tmp_path):
    PostFactory(published=True)
    call_command("backup", output=tmp_path, verbosity=0)
    (backup,) = tmp_path.glob("backup-*.tar.gz")
    with pytest.raises(CommandError, match="already has posts"):
        call_command("restore", str(backup), verbosity=0)


def test_restore_says_when_the_file_is_missing(tmp_path):
    with pytest.raises(CommandError, match="No such backup file"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"), verbosity=0)
