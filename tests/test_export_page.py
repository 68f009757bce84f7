"""The admin's "Export the site": a superuser prepares a download (the tasks worker
writes it), fetches it and deletes it; editors never see it; the file it gives imports
into an empty site from the Import page."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blog.models import ImportRun, Post
from tests.factories import CommentFactory, ImageFactory, PostFactory
from tests.test_export import empty_the_site, snapshot
from tests.test_import_page import run_worker
from tests.test_roles import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(client, media_root, settings, tmp_path):
    settings.IMPORTS_ROOT = tmp_path / "imports"
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(user)
    return client


def prepared(client, fmt: str, capture) -> str:
    with capture(execute=True):
        response = client.post(reverse("site_export"), {"format": fmt})
    assert response.status_code == 302
    page = client.get(reverse("site_export")).content.decode()
    assert "Being prepared…" in page and 'http-equiv="refresh"' in page
    run_worker()
    page = client.get(reverse("site_export")).content.decode()
    assert "Being prepared…" not in page and 'http-equiv="refresh"' not in page
    name = page.split(f"{reverse('site_export')}")[1].split("/")[0]
    assert name.endswith(f"-{fmt}.zip")
    return name


def test_a_superuser_prepares_downloads_and_deletes_an_export(
    boss, django_capture_on_commit_callbacks
):
    post = PostFactory(published=True, cover=ImageFactory())
    CommentFactory(post=post, author_email="private@example.org")
    assert reverse("site_export") in boss.get(reverse("admin:index")).content.decode()
    name = prepared(boss, "json", django_capture_on_commit_callbacks)
    response = boss.get(reverse("site_export_file", args=[name]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        data = json.loads(archive.read("site.json"))
        assert any(n.startswith("media/library/") for n in archive.namelist())
    assert data["posts"][0]["comments"][0]["email"] == "private@example.org"
    boss.post(reverse("site_export_delete", args=[name]))
    assert boss.get(reverse("site_export_file", args=[name])).status_code == 404


def test_an_export_downloaded_here_imports_into_an_empty_site_from_the_import_page(
    boss, django_capture_on_commit_callbacks
):
    PostFactory(published=True, slug="kept", cover=ImageFactory(), tags=["peace"])
    CommentFactory(post=Post.objects.get())
    before = snapshot()
    name = prepared(boss, "json", django_capture_on_commit_callbacks)
    content = b"".join(boss.get(reverse("site_export_file", args=[name])).streaming_content)
    empty_the_site()
    upload = SimpleUploadedFile(name, content)
    with django_capture_on_commit_callbacks(execute=True):
        boss.post(reverse("admin:blog_importrun_add"), {"source": "site", "file": upload})
    run_worker()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.READY, run.error
    assert "pictures: 1 created" in " ".join(run.preview["lines"])  # its own pictures
    with django_capture_on_commit_callbacks(execute=True):
        boss.post(reverse("admin:blog_importrun_start", args=[run.pk]))
    run_worker()
    assert snapshot() == before


def test_editors_and_writers_never_reach_the_export(boss, client):
    for role in ("Editor", "Writer"):
        staff = member(role, role.lower())
        assert reverse("site_export") not in staff.get(reverse("admin:index")).content.decode()
        assert staff.get(reverse("site_export")).status_code == 403
        assert staff.post(reverse("site_export"), {"format": "json"}).status_code == 403
    client.logout()
    response = client.get(reverse("site_export"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_names_it_did_not_make_are_not_served(boss, settings):
    outside = settings.IMPORTS_ROOT / "secret.zip"
    outside.parent.mkdir(parents=True)
    outside.write_bytes(b"PK")
    assert boss.get(reverse("site_export_file", args=["secret.zip"])).status_code == 404
    assert boss.get(reverse("site_export_file", args=["..%2Fsecret.zip"])).status_code == 404
    assert boss.post(reverse("site_export"), {"format": "pdf"}).status_code == 302
