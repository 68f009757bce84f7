"""`manage.py backup` and `manage.py restore`: a site saved, its database emptied and its
pictures deleted, then restored, is the same site (on SQLite and on PostgreSQL)."""

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from blog.models import Comment, Image, Post, Tag
from blog.public.search import search_posts
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


def new_database_url(tmp_path) -> str:
    """An empty database beside the test one: a new SQLite file, or a new PostgreSQL
    database on the same server (dropped at the end by the caller)."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(url: str) -> None:
    if url.startswith("sqlite"):
        return
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')


CACHES = ["database"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.mark.parametrize("cache", CACHES)
def test_restore_into_a_new_empty_database_exits_cleanly(tmp_path, cache):
    """As the README says to, on a new machine at night: `manage.py restore FILE` into a
    database nothing has touched, with the database's cache (its table not made yet) or
    with Redis. It exits 0 with its summary, and the site is there."""
    post = PostFactory(published=True, title="The river", cover=ImageFactory())
    CommentFactory(post=post)
    call_command("backup", output=tmp_path, verbosity=0)
    (backup,) = tmp_path.glob("backup-*.tar.gz")

    url = new_database_url(tmp_path)
    env = {name: value for name, value in os.environ.items()
           if name not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}  # fmt: skip
    env.update(DATABASE_URL=url, MEDIA_ROOT=str(tmp_path / "restored-media"),
               CACHE_KEY_PREFIX=f"restore-{uuid.uuid4().hex}")  # fmt: skip
    if cache == "redis":
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    manage = [sys.executable, "manage.py"]
    try:
        restore = subprocess.run([*manage, "restore", str(backup)], cwd=settings.BASE_DIR,
                                 env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
        check = subprocess.run(
            [*manage, "shell", "-c", "from blog.models import Post; from django.core.cache "
             "import cache; cache.set('restored', 1); print(Post.objects.get().title)"],
            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        drop_database(url)
    assert restore.returncode == 0, restore.stderr
    assert "Traceback" not in restore.stderr
    assert "Restored" in restore.stdout and "(1 post, 1 comment)" in restore.stdout
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip().splitlines()[-1] == "The river"
    assert list((tmp_path / "restored-media" / "renditions").rglob("*.webp"))
