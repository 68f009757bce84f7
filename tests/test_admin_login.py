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


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_TWO_FACTOR = True


def current_code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_with_two_factor_a_password_alone_does_not_let_staff_in(client, editor, two_factor):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    response = log_in(client, PASSWORD)
    assert response.status_code == 200  # the form again
    assert "OTP Token" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    # A logged-in session without the code is still not let in.
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 302

    client.logout()
    response = client.post(
        reverse("admin:login"),
        {"username": "leyla", "password": PASSWORD, "otp_device": device.persistent_id,
         "otp_token": current_code(device), "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.5",
    )  # fmt: skip
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_is_refused(client, editor, two_factor):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(
        reverse("admin:login"),
        {"username": "leyla", "password": PASSWORD, "otp_device": device.persistent_id,
         "otp_token": wrong, "next": reverse("admin:index")},
    )  # fmt: skip
    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_two_factor_is_on_unless_the_environment_turns_it_off():
    from tests.test_settings import run_python

    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.ADMIN_TWO_FACTOR)"
    assert run_python(code, ADMIN_TWO_FACTOR="").stdout.strip() == "True"
    assert run_python(code, ADMIN_TWO_FACTOR="off").stdout.strip() == "False"
