"""Guessing an editor's password: after a few failures that username is locked out from
that address for a while, with a page that says so; the editor elsewhere is not."""

from datetime import timedelta

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-passphrase-7"  # noqa: S105 - a test account


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("leyla", password=PASSWORD)


def log_in(client, password, address="203.0.113.5", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": "leyla", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **headers,
    )


def test_repeated_failures_lock_the_username_from_that_address(client, editor, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200  # the form again, with its error
    locked = log_in(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()
    # How long, in words: not django-axes' ISO 8601 duration ("PT15M").
    limit = settings.AXES_FAILURE_LIMIT
    assert f"for 15 minutes after {limit} wrong passwords" in locked.content.decode()
    assert "PT15M" not in locked.content.decode()
    # Even the right password is refused now, from that address.
    assert log_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # The editor at another address logs in as usual.
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_the_lockout_page_says_how_long_in_the_editors_language(client, editor, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=21)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = log_in(client, "wrong", HTTP_ACCEPT_LANGUAGE="ru")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "на 21 минуту" in page  # the form "закрыт на …" needs
    assert "PT21M" not in page and "minute" not in page


@pytest.mark.parametrize(
    ("cool_off", "english", "russian"),
    [
        (timedelta(minutes=1), "1 minute", "1 минуту"),
        (timedelta(minutes=15), "15 minutes", "15 минут"),
        (timedelta(minutes=22), "22 minutes", "22 минуты"),
        (timedelta(seconds=90), "2 minutes", "2 минуты"),  # rounded up
        (timedelta(hours=1), "1 hour", "1 час"),
        (timedelta(hours=2), "2 hours", "2 часа"),
        (timedelta(minutes=90), "90 minutes", "90 минут"),
    ],
)
def test_a_lockout_is_named_in_minutes_or_whole_hours(cool_off, english, russian):
    from django.utils import translation

    from blog.templatetags.blog_admin import lockout_duration

    assert lockout_duration(cool_off) == english
    with translation.override("ru"):
        assert lockout_duration(cool_off) == russian
    with translation.override("az"):
        assert lockout_duration(cool_off).split()[0] == english.split()[0]


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
