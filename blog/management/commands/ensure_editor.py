import os
import secrets
from base64 import b32encode
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from blog.models import Author

PASSWORD_FILE = Path(settings.BASE_DIR) / ".editor-password"


class Command(BaseCommand):
    help = (
        "Make sure an editor account exists, and say how to log in. A new account gets "
        "EDITOR_PASSWORD, or a random password kept in .editor-password (git ignores it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("EDITOR_USERNAME", "editor"))
        parser.add_argument("--password-file", type=Path, default=PASSWORD_FILE)

    def handle(self, *args, username, password_file, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = os.environ.get("EDITOR_PASSWORD") or secrets.token_urlsafe(12)
            user = User.objects.create_superuser(username=username, password=password, email="")
            # Created readable by its owner only, before the password is written into it.
            password_file.unlink(missing_ok=True)
            fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(password + "\n")
            # The first writer without a login becomes this editor, so "my posts" mean something.
            author = Author.objects.filter(user__isnull=True).order_by("pk").first()
            if author is not None:
                author.user = user
                author.save(update_fields=["user"])
            self.stdout.write(self.style.SUCCESS(f"Created the editor account “{username}”."))
        self.stdout.write(f"Log in at {settings.SITE_URL}{reverse('admin:index')}")
        self.stdout.write(f"  username: {username}")
        if password_file.exists():
            self.stdout.write(f"  password: {password_file.read_text().strip()}")
            self.stdout.write(
                f"  (kept in {password_file.name}; if you changed it since, "
                f"run: .venv/bin/python manage.py changepassword {username})"
            )
        else:
            self.stdout.write(
                f"  password: the one you set; to reset it run "
                f".venv/bin/python manage.py changepassword {username}"
            )
        self._two_factor(user)

    def _two_factor(self, user):
        if not settings.ADMIN_TWO_FACTOR:
            self.stdout.write("Two-factor sign-in: OFF (ADMIN_TWO_FACTOR=off), for this local run.")
            return
        # The editor's authenticator app: one TOTP device, made on the first run.
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        key = b32encode(device.bin_key).decode()
        self.stdout.write("Two-factor sign-in: ON. Add this key to an authenticator app and")
        self.stdout.write("give its six-digit code as the OTP token when logging in:")
        self.stdout.write(f"  key: {key}")
        self.stdout.write(f"  or open: {device.config_url}")
