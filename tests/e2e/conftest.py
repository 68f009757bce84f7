"""Browser journeys: the real app under gunicorn on 127.0.0.1, driven by Playwright
through Debian's Chromium (never a browser Playwright downloads).

The site gets its own database (a SQLite file, or `<name>_e2e` on the PostgreSQL of
DATABASE_URL) with the demo content, and its own media folder; under pytest-xdist each
worker has its own. Each journey module sets `pytestmark = E2E`, so that
`-m "not e2e"` leaves it out."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    # Nothing leaves the machine: every host but this one fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
E2E = [pytest.mark.e2e]
EDITOR_PASSWORD = "journey-editor-password-7"  # noqa: S105 - a throwaway test database
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def e2e_database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'e2e.sqlite3'}"
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_e2e" + os.environ.get("PYTEST_XDIST_WORKER", "")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    env = {
        **{name: value for name, value in os.environ.items() if name != "SITE_URL"},
        "DATABASE_URL": e2e_database_url(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "IMPORTS_ROOT": str(tmp / "imports"),
        "STATIC_ROOT": str(tmp / "static"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Journeys post faster and more often than a person: the spam rules have their
        # own tests, and the operator switches exist for runs like this one.
        "COMMENT_MODERATION": "open",
        "COMMENT_MIN_SECONDS": "0",
        "COMMENT_RATE_LIMITS": "off",
        # Every journey reads from 127.0.0.1: together they pass one reader's beacon
        # limit, and views.js then (rightly) leaves a cached page's count as it was.
        "VIEW_RATE_LIMITS": "off",
        # The editor journeys log in with a password; two-factor has its own tests.
        "ADMIN_TWO_FACTOR": "off",
        "EDITOR_PASSWORD": EDITOR_PASSWORD,
        "CACHE_KEY_PREFIX": f"e2e-{os.getpid()}",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["createcachetable"], ["loaddemo"],
                    ["ensure_editor", "--password-file", str(tmp / "password")]):  # fmt: skip
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    # Static files of its own: collected into the checkout's staticfiles/, they were
    # rewritten while the other xdist worker's tests read that folder (whitenoise lists
    # it whenever a test client starts) and a file vanished under it.
    subprocess.run([*manage, "collectstatic", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip
    # One article holds every comment, for the journeys that see a held comment. The
    # newest demo article is named too: a journey that opens "the first card" would
    # otherwise get whatever another journey published last (the editor's letter, with
    # a video player that loads from Vimeo).
    hold_all = (
        "from blog.models import Post; "
        "post = Post.objects.published().order_by('published_at').first(); "
        "post.comment_policy = 'all'; post.save(); print(post.slug); "
        "print(Post.objects.published().order_by('-published_at').first().slug); "
        # The newest demo article in Azerbaijani and in Russian (the demo has both).
        "[print(Post.objects.published().filter(language=code).order_by('-published_at')"
        ".first().slug) for code in ('az', 'ru')]; "
        # And an English article published in every language.
        "from django.db.models import Count; "
        "groups = Post.objects.published().values('translation_group')"
        ".annotate(n=Count('pk')).filter(n=3).values('translation_group'); "
        "print(Post.objects.published().filter(language='en', translation_group__in=groups)"
        ".first().slug); "
        # And one in Azerbaijani alone.
        "alone = Post.objects.published().values('translation_group')"
        ".annotate(n=Count('pk')).filter(n=1).values('translation_group'); "
        "print(Post.objects.published().filter(language='az', translation_group__in=alone)"
        ".first().slug)"
    )
    result = subprocess.run([*manage, "shell", "-c", hold_all], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True)  # fmt: skip
    names = ["E2E_HELD_POST", "E2E_NEWEST_POST", "E2E_AZ_POST", "E2E_RU_POST",
             "E2E_TRANSLATED_POST", "E2E_AZ_ONLY_POST"]  # fmt: skip
    env.update(zip(names, result.stdout.strip().splitlines()[-len(names):], strict=True))
    return env


@pytest.fixture(scope="session")
def live_url(site_env, tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.getbasetemp() / "gunicorn.log").open("w")
    # Started as `PORT=... make run` starts it: gunicorn.conf.py binds to PORT, and with
    # no SITE_URL the site's own links (feeds, sitemap, canonical) use that port too.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "foundation_site.wsgi",
         "--workers", "2", "--access-logfile", "-"],
        cwd=ROOT, env={**site_env, "PORT": str(port)}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310 - our own server
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"gunicorn exited; see {log.name}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def worker(site_env, live_url, tmp_path_factory):
    """The tasks worker, as `make run` starts it beside the server: imports (and mail)
    run there, outside the request."""
    log = (tmp_path_factory.getbasetemp() / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=ROOT, env=site_env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    yield process
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test leaves e2e out)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def javascript():
    """Journeys run with JavaScript; parametrize `javascript` to walk one without it."""
    return True


@pytest.fixture
def audit_visits():
    """Journeys have every kind of page they visit audited by axe-core afterwards; a module
    that audits each page itself, in the state it put it in, overrides this."""
    return True


def page_kind(url: str) -> str:
    """The view behind a URL: one audit per kind of page (each article looks alike)."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return "404"


def audit_pages(browser, context, urls, viewport) -> list[dict]:
    """Audits each page again, once it is quiet, in a context with the journey's cookies
    (logged in, a commenter's own comments) and with JavaScript, which axe needs."""
    from tests.e2e.axe import audit

    auditor = browser.new_context(viewport=viewport, storage_state=context.storage_state())
    page = auditor.new_page()
    violations = []
    try:
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("networkidle")
            violations += audit(page)
    finally:
        auditor.close()
    return violations


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_url, javascript, audit_visits, tmp_path_factory):
    """A fresh browser context per journey and screen size. A JavaScript error or a
    dialog on the page fails the journey, and so does an axe-core violation on any kind
    of page it visited."""
    viewport = VIEWPORTS[request.param]
    context = browser.new_context(
        viewport=viewport, base_url=live_url, java_script_enabled=javascript
    )
    page = context.new_page()
    problems = []
    visited = {}  # kind of page -> the first URL of that kind, fetched with GET
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def on_console(message):
        # Failed loads are judged by on_response, which knows the URL and the kind.
        if message.type == "error" and "Failed to load resource" not in message.text:
            problems.append(f"console error: {message.text}")

    def on_response(response):
        # A page, or a form posted by script, may answer 4xx on purpose (a form error is
        # a 400); a stylesheet, a script or a picture may not, and nothing may answer 5xx.
        kind = response.request.resource_type
        limit = 500 if kind in {"document", "fetch", "xhr"} else 400
        if response.status >= limit:
            problems.append(f"HTTP {response.status}: {response.url}")
        if (
            kind == "document"
            and response.request.method == "GET"
            and response.frame == page.main_frame
            and not 300 <= response.status < 400
        ):
            visited.setdefault(page_kind(response.url), response.url)

    def on_request(request):
        # Nothing may leave the site (a leak, or a payload at work), but for the player of
        # a video the reader pressed play on (blog.content.videos: only those players).
        from blog.content.text import EMBED_SOURCE

        ours = request.url.startswith((live_url, "data:", "blob:", "about:"))
        video = EMBED_SOURCE.match(request.url) or (
            request.frame != page.main_frame and EMBED_SOURCE.match(request.frame.url)
        )
        if not (ours or video):
            problems.append(f"request to another site: {request.url}")

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("request", on_request)
    page.on("dialog", on_dialog)
    page.viewport_name = request.param
    yield page
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)
    if audit_visits:
        problems += audit_pages(browser, context, list(visited.values()), viewport)
    context.close()
    if any(problem.startswith("HTTP 5") for problem in problems):
        # What the server said about it: the traceback is in its log, not in the browser.
        log = tmp_path_factory.getbasetemp() / "gunicorn.log"
        tail = log.read_text(errors="replace").splitlines()[-80:] if log.exists() else []
        problems.append("the server's log ends:\n" + "\n".join(tail))
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
