"""Production serving settings: gunicorn.conf.py and the database connection, as
docs/deploy.md describes them."""

import multiprocessing
import re
import runpy
from pathlib import Path

import pytest
from django.db import connection
from django.templatetags.static import static

from tests.factories import CommentFactory, PostFactory
from tests.test_settings import setting

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def gunicorn_conf(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "GUNICORN_MAX_REQUESTS", "GUNICORN_TIMEOUT", "GUNICORN_BIND",
                 "GUNICORN_ACCESS_LOG", "GUNICORN_FORWARDED_ALLOW_IPS"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_gunicorn_workers_follow_the_cores_and_recycle_with_jitter(monkeypatch):
    conf = gunicorn_conf(monkeypatch)
    assert conf["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert conf["max_requests"] == 2000 and conf["max_requests_jitter"] == 200
    assert conf["timeout"] == 30 and conf["preload_app"] is True
    assert conf["logger_class"] == "blog.operations.logs.AccessLogger"
    assert conf["control_socket_disable"] is True


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    conf = gunicorn_conf(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_MAX_REQUESTS="0",
                         GUNICORN_TIMEOUT="10", PORT="9001")  # fmt: skip
    assert conf["workers"] == 3
    assert conf["max_requests"] == 0 and conf["max_requests_jitter"] == 0
    assert conf["timeout"] == 10
    assert conf["bind"] == "127.0.0.1:9001"
    conf = gunicorn_conf(monkeypatch, GUNICORN_BIND="unix:/run/blog.sock",
                         GUNICORN_ACCESS_LOG="/var/log/blog/access.log",
                         GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.2")  # fmt: skip
    assert conf["bind"] == "unix:/run/blog.sock"
    assert conf["accesslog"] == "/var/log/blog/access.log"
    assert conf["forwarded_allow_ips"] == "10.0.0.2"


def test_database_connections_persist_and_are_checked():
    url = "postgres://blog@127.0.0.1:5432/blog"
    assert setting("DATABASES['default']['CONN_MAX_AGE']", DATABASE_URL=url) == "600"
    assert setting("DATABASES['default']['CONN_HEALTH_CHECKS']", DATABASE_URL=url) == "True"


def test_postgresql_prepares_queries_unless_told_not_to():
    url = "postgres://blog@127.0.0.1:5432/blog"
    options = "DATABASES['default']['OPTIONS']"
    assert setting(options, DATABASE_URL=url) == (
        "{'server_side_binding': True, 'prepare_threshold': 5}"
    )
    assert setting(options, DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="0") == "{}"
    # Options written in the URL stay.
    assert setting(options, DATABASE_URL=f"{url}?sslmode=require") == (
        "{'sslmode': 'require', 'server_side_binding': True, 'prepare_threshold': 5}"
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
@pytest.mark.django_db
def test_an_article_read_again_reuses_postgresql_query_plans(client):
    post = PostFactory(published=True, tags=["peace", "region"])
    CommentFactory(post=post)

    def prepared() -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return {row[0] for row in cursor.fetchall()}

    # psycopg prepares a query run more than five times on a connection (the test
    # client's requests share the test's connection).
    for _ in range(6):
        assert client.get(post.get_absolute_url()).status_code == 200
    statements = prepared()
    assert any('FROM "blog_post"' in sql and "$1" in sql for sql in statements)
    assert any('FROM "blog_comment"' in sql for sql in statements)
    # A seventh read runs those same statements: nothing new to plan.
    assert client.get(post.get_absolute_url()).status_code == 200
    assert prepared() == statements


def test_redis_holds_the_cache_and_editors_sessions():
    assert setting("SESSION_ENGINE", REDIS_URL="redis://127.0.0.1:6379/9") == (
        "django.contrib.sessions.backends.cached_db"
    )
    assert setting("CACHES['default']['BACKEND']", REDIS_URL="redis://127.0.0.1:6379/9") == (
        "blog.operations.cache.ResilientRedisCache"
    )


@pytest.mark.django_db
def test_static_files_are_hashed_compressed_and_kept_for_years(client):
    # whitenoise serves what `collectstatic` made (make test runs it first).
    url = static("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
