"""Blog › Imports: upload an export, read the dry run's preview, start it, watch it run
in the tasks worker, read the report; bad files say why and lose nothing."""

from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from blog.models import ImportRun, Post
from tests.test_roles import member

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "import" / "wordpress"


def run_worker():
    # As in tests/test_comment_notifications.py: the worker's connection check is off
    # inside a test's transaction.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def imports_root(settings, tmp_path):
    settings.IMPORTS_ROOT = tmp_path / "imports"
    return settings.IMPORTS_ROOT


@pytest.fixture
def admin_client(client, media_root, imports_root):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(user)
    return client


def upload(client, name, content: bytes, source="wordpress", **fields):
    data = {"source": source, "file": SimpleUploadedFile(name, content), **fields}
    return client.post(reverse("admin:blog_importrun_add"), data)


def test_an_export_is_checked_then_imported_by_the_worker(
    admin_client, imports_root, media_root, django_capture_on_commit_callbacks
):
    content = (FIXTURES / "wxr-simple.xml").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, "wxr-simple.xml", content)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{run.pk}/")
    assert run.status == ImportRun.Status.CHECKING and DBTaskResult.objects.count() == 1
    # Kept out of the public media folder: an export holds emails and drafts.
    assert Path(run.file.path).is_relative_to(imports_root)
    assert not media_root.exists() or not list(media_root.rglob("*.xml"))

    page = admin_client.get(response["Location"])
    assert b"Nothing is imported yet" in page.content
    run_worker()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.READY and run.total > 0
    assert Post.objects.count() == 0  # the preview is a dry run
    page = admin_client.get(response["Location"]).content.decode()
    assert "What this file would import" in page and "posts: 1 created" in page
    assert "Start the import" in page

    start = reverse("admin:blog_importrun_start", args=[run.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(start)
        admin_client.post(start)  # pressed twice: queued once
    assert ImportRun.objects.get().status == ImportRun.Status.QUEUED
    assert DBTaskResult.objects.filter(task_path__endswith="run_import").count() == 1
    status = admin_client.get(reverse("admin:blog_importrun_status", args=[run.pk])).json()
    assert status["working"] and status["status"] == "queued"
    run_worker()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.done == run.total
    assert Post.objects.count() == 1
    page = admin_client.get(response["Location"]).content.decode()
    assert "What was imported" in page and "posts: 1 created" in page and "Run it again" in page
    assert "boss" in admin_client.get(reverse("admin:blog_importrun_changelist")).content.decode()


def test_a_broken_file_says_where_and_imports_nothing(
    admin_client, django_capture_on_commit_callbacks
):
    content = (FIXTURES / "malformed-simple.xml").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, "malformed-simple.xml", content)
    run_worker()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and "line 14" in run.error
    page = admin_client.get(response["Location"]).content.decode()
    assert "line 14" in page and "Start the import" not in page
    assert Post.objects.count() == 0


def test_a_file_of_the_wrong_kind_or_size_is_refused_with_the_reason(admin_client, settings):
    response = upload(admin_client, "photo.jpg", b"\xff\xd8\xff")
    assert response.status_code == 200 and ImportRun.objects.count() == 0
    assert "this one is “photo.jpg”" in response.content.decode()
    settings.IMPORT_MAX_UPLOAD_MB = 0
    response = upload(admin_client, "export.xml", b"<rss/>")
    assert "an export can be up to 0 MB" in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_deleting_a_run_deletes_its_file(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "wxr-simple.xml", (FIXTURES / "wxr-simple.xml").read_bytes())
    run = ImportRun.objects.get()
    stored = Path(run.file.path)
    assert stored.exists()
    admin_client.post(reverse("admin:blog_importrun_delete", args=[run.pk]), {"post": "yes"})
    assert not ImportRun.objects.exists() and not stored.exists()


def test_editors_import_and_writers_cannot(media_root, imports_root):
    assert member("Editor", "eddie").get(reverse("admin:blog_importrun_add")).status_code == 200
    writer = member("Writer", "wanda")
    assert writer.get(reverse("admin:blog_importrun_add")).status_code == 403
    response = upload(writer, "wxr-simple.xml", (FIXTURES / "wxr-simple.xml").read_bytes())
    assert response.status_code == 403 and ImportRun.objects.count() == 0


def test_the_import_page_says_what_language_the_posts_are_in(
    admin_client, django_capture_on_commit_callbacks
):
    form = admin_client.get(reverse("admin:blog_importrun_add")).content.decode()
    assert '<option value="ru">Русский</option>' in form
    content = (FIXTURES / "wxr-simple.xml").read_bytes()
    refused = upload(admin_client, "wxr-simple.xml", content, language="fr")
    assert refused.status_code == 200 and ImportRun.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "wxr-simple.xml", content, language="ru")
    run_worker()
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:blog_importrun_start", args=[run.pk]))
    run_worker()
    assert run.language == "ru" and Post.objects.get().language == "ru"
