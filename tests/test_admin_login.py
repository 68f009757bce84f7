"""Guessing an editor's password: after a few failures that username is locked out from
that address for a while, with a page that says so; the editor elsewhere is not."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-passphrase-7"  # noqa: S105 - a test account


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("leyla", password=PASSWORD)


def log_in(client, password, address="203.0.113.5"):
    return client.post(
        reverse("admin:login"),
        {"username": "leyla", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def test_repeated_failures_lock_the_username_from_that_address(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200  # the form again, with its error
    locked = log_in(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()
    # Even the right password is refused now, from that address.
    assert log_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # The editor at another address logs in as usual.
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_a_success_clears_earlier_failures(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, PASSWORD).status_code == 302


def test_passwords_are_checked_for_strength(editor):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["leyla123", "password", "12345678901", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user=editor)
    validate_password("river-tea-keys-and-bridges", user=editor)
