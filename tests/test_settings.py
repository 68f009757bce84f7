import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import AuthorFactory, ImageFactory, PostFactory

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k" * 20 + "production-only-secret-with-enough-entropy-9f8e7d6c5b4a",
    "DJANGO_ALLOWED_HOSTS": "blog.example.org",
    "DJANGO_SECURE": "1",
    "DJANGO_DEBUG": "0",
    "EMAIL_BACKEND": "smtp",
}


def run_python(code, **env):
    """Settings are read once per process: each variant is loaded in a fresh one."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "foundation_site.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def setting(name, **env):
    result = run_python(
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_settings_pass_check_deploy():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_laptop_defaults_are_safe():
    assert setting("DEBUG") == "False"
    assert "sqlite3" in setting("DATABASES['default']['ENGINE']")
    assert "console" in setting("MAILERS['default']['BACKEND']")


def test_default_cache_is_shared_by_all_workers():
    backend = setting("CACHES['default']['BACKEND']")
    assert backend == "django.core.cache.backends.db.DatabaseCache"


def test_environment_switches_to_postgresql_and_redis():
    env = {"DATABASE_URL": "postgres://u@db.internal:5432/blog", "REDIS_URL": "redis://r:6379/1"}
    assert setting("DATABASES['default']['ENGINE']", **env) == "django.db.backends.postgresql"
    assert setting("DATABASES['default']['HOST']", **env) == "db.internal"
    assert setting("CACHES['default']['BACKEND']", **env).endswith("RedisCache")


def test_smtp_mail_is_a_setting():
    env = {"EMAIL_BACKEND": "smtp", "EMAIL_HOST": "mail.example.org", "EMAIL_PORT": "2525"}
    assert setting("MAILERS['default']['BACKEND']", **env).endswith("smtp.EmailBackend")
    assert setting("MAILERS['default']['OPTIONS']['host']", **env) == "mail.example.org"


def test_site_name_is_a_setting():
    assert setting("SITE_NAME", SITE_NAME="Peace Lab") == "Peace Lab"


def test_site_address_follows_the_local_port_until_it_is_set():
    assert setting("SITE_URL", PORT="8080", SITE_URL="") == "http://127.0.0.1:8080"
    assert setting("SITE_URL", PORT="8080", SITE_URL="https://blog.example.org/") == (
        "https://blog.example.org"
    )


@pytest.mark.django_db
def test_uploaded_pictures_are_served(client):
    author = AuthorFactory(picture=ImageFactory())
    response = client.get(author.picture.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    "path", ["../manage.py", "..%2fmanage.py", "authors/../../manage.py", "nothing.png"]
)
def test_media_urls_outside_the_folder_are_refused(client, path):
    response = client.get(settings.MEDIA_URL + path)
    assert response.status_code in {400, 404}
    assert b"execute_from_command_line" not in response.content


@pytest.mark.django_db
def test_static_files_are_hashed_for_far_future_caching(client):
    content = client.get(reverse("blog:post_list")).content.decode()
    assert "/static/css/site." in content
    assert "/static/css/site.css" not in content


@pytest.mark.django_db
def test_pages_go_out_compressed_to_browsers_that_accept_it(client):
    PostFactory(published=True, body="<p>" + "A long paragraph about the river. " * 80 + "</p>")
    url = reverse("blog:post_list")
    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 2
    assert "Accept-Encoding" in packed["Vary"]
