from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def ensure_editor(tmp_path):
    out = StringIO()
    call_command("ensure_editor", password_file=tmp_path / "password", stdout=out)
    return out.getvalue()


def test_first_run_creates_an_editor_who_can_log_in_with_the_printed_password(tmp_path):
    output = ensure_editor(tmp_path)
    password = (tmp_path / "password").read_text().strip()
    assert "username: editor" in output
    assert f"password: {password}" in output
    # As the admin's login form does: with the request, which the lockout (axes) reads.
    user = authenticate(
        RequestFactory().post("/admin/login/"), username="editor", password=password
    )
    assert user is not None
    assert user.is_staff
    assert user.is_superuser
    assert (tmp_path / "password").stat().st_mode & 0o777 == 0o600


def test_password_is_random_unless_chosen(tmp_path, monkeypatch):
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    first_dir.mkdir()
    second_dir.mkdir()
    ensure_editor(first_dir)
    first = (first_dir / "password").read_text().strip()
    get_user_model().objects.all().delete()
    monkeypatch.setenv("EDITOR_PASSWORD", "chosen-by-the-operator-42")
    ensure_editor(second_dir)
    assert (second_dir / "password").read_text().strip() == "chosen-by-the-operator-42"
    assert first != "chosen-by-the-operator-42"
    assert len(first) >= 16


def test_second_run_keeps_the_account_and_says_how_to_log_in(tmp_path):
    ensure_editor(tmp_path)
    password = (tmp_path / "password").read_text().strip()
    output = ensure_editor(tmp_path)
    assert get_user_model().objects.count() == 1
    assert "Created" not in output
    assert f"password: {password}" in output


def test_new_editor_is_linked_to_the_first_writer_without_a_login(tmp_path):
    writer = AuthorFactory()
    ensure_editor(tmp_path)
    writer.refresh_from_db()
    assert writer.user.username == "editor"
