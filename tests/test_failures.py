"""When a part of the machine fails: the database (a 503 that says come back), Redis (the
site serves on without it, and says so in the log), the media storage; and /healthz,
which tells a load balancer which of them answers."""

import logging
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse

from blog.views import health
from tests.factories import PostFactory, form_token
from tests.test_settings import run_python

CLOSED_PORT = 1  # nothing listens there: connections are refused at once
DEAD_REDIS = {
    "default": {
        "BACKEND": "blog.operations.cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{CLOSED_PORT}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.mark.django_db
def test_healthz_reports_each_part(client):
    response = client.get(reverse("blog:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_fails_when_media_cannot_be_written(client, caplog):
    with mock.patch("blog.views.health.default_storage.save", side_effect=OSError("disk full")):
        response = client.get(reverse("blog:healthz"))
    assert response.status_code == 503
    assert response.json()["storage"] == "failing"
    assert "disk full" not in response.content.decode()  # in the log, not in the answer
    assert "disk full" in caplog.text


@pytest.mark.django_db
def test_healthz_writes_to_the_storage_at_most_every_30_seconds_while_it_works(client, monkeypatch):
    """Asking /healthz many times does not make as many writes (on S3, billed ones)."""
    clock = [1000.0]
    # The view's clock alone: time.monotonic itself also serves psycopg and redis.
    monkeypatch.setattr(health, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    url = reverse("blog:healthz")
    with mock.patch("blog.views.health.default_storage.save", wraps=default_storage.save) as save:
        assert [client.get(url).json()["storage"] for _ in range(3)] == ["ok"] * 3
        assert save.call_count == 1
        clock[0] += 29
        client.get(url)
        assert save.call_count == 1
        clock[0] += 2
        client.get(url)
        assert save.call_count == 2
    # A failure is checked again at every request: the storage's return shows at once.
    clock[0] += 31
    with mock.patch("blog.views.health.default_storage.save", side_effect=OSError("full")):
        assert client.get(url).status_code == 503
    assert client.get(url).json()["storage"] == "ok"


def test_database_down_gives_a_503_page_and_healthz_says_so():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "c = Client(raise_request_exception=False); "
        "page = c.get('/'); health = c.get('/healthz'); "
        "print(page.status_code, page.get('Retry-After'), health.status_code, "
        "health.json()['database']); print(page.content.decode())"
    )
    result = run_python(
        code,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/blog",
        DJANGO_ALLOWED_HOSTS="testserver",
        LOG_LEVEL="CRITICAL",
    )
    first, page = result.stdout.split("\n", 1)
    assert first.split() == ["503", "60", "503", "failing"], result.stdout + result.stderr
    assert "Back in a moment" in page
    assert "Traceback" not in page
    assert "OperationalError" not in page


@pytest.mark.django_db
def test_redis_down_the_site_serves_on_and_logs_it(client, settings, caplog, open_comments):
    settings.CACHES = DEAD_REDIS
    post = PostFactory(published=True)
    with caplog.at_level(logging.ERROR, logger="blog.operations.cache"):
        assert client.get(reverse("blog:post_list")).status_code == 200
        assert client.get(post.get_absolute_url()).status_code == 200
        # Posting a comment reads and counts rate limits in the cache.
        response = client.post(
            reverse("blog:comment_create", kwargs={"slug": post.slug}),
            {"author_name": "Nino", "author_email": "nino@example.org",
             "body": "Still here while Redis is away.", "issued": form_token()},
        )  # fmt: skip
        health = client.get(reverse("blog:healthz"))
    assert response.status_code == 302
    assert post.comments.get().body == "Still here while Redis is away."
    assert health.status_code == 200
    assert health.json() == {
        "status": "degraded", "database": "ok", "cache": "failing", "storage": "ok"
    }  # fmt: skip
    assert "cache unavailable" in caplog.text


def test_dead_redis_answers_as_an_empty_cache(settings):
    settings.CACHES = DEAD_REDIS
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", 1) is False
    cache.set("key", 1)
    assert cache.has_key("key") is False
    with pytest.raises(ValueError):
        cache.incr("key")  # as for a missing key, which the rate limits handle
