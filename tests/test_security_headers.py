"""Every public page and the admin carry the security headers: a Content Security Policy
with nothing inline but by nonce, no framing, and the browser-side protections."""

import re

import pytest
from django.urls import reverse

from tests.factories import AuthorFactory, CommentFactory, PostFactory
from tests.test_settings import PRODUCTION_ENV, run_python

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    author = AuthorFactory(slug="leyla")
    post = PostFactory(published=True, authors=[author], tags=["peace"])
    CommentFactory(post=post)
    return post


def public_urls(post):
    month = post.published_at
    return [
        reverse("blog:post_list"),
        post.get_absolute_url(),
        reverse("blog:tag_detail", kwargs={"slug": "peace"}),
        reverse("blog:author_detail", kwargs={"slug": "leyla"}),
        reverse("blog:search") + "?q=peace",
        reverse("blog:archive_month", kwargs={"year": month.year, "month": month.month}),
        reverse("blog:views_explained"),
        reverse("blog:feed"),
        reverse("blog:sitemap"),
        reverse("blog:robots_txt"),
        "/no-such-page/",
        reverse("admin:login"),
    ]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def assert_protected(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    for directive in ("script-src", "style-src"):
        assert csp[directive][0] == "'self'"
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_every_public_page_carries_the_headers(client, site):
    for url in public_urls(site):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert_protected(response)


def test_the_admin_carries_the_headers(admin_client, site):
    for url in [reverse("admin:index"), reverse("admin:blog_post_change", args=[site.pk])]:
        response = admin_client.get(url)
        assert response.status_code == 200
        assert_protected(response)


def test_inline_scripts_and_styles_carry_the_requests_nonce(admin_client, site):
    """The admin writes a few inline scripts; each has the nonce the header names, and a
    nonce is never reused from one response to the next."""
    url = reverse("admin:blog_post_change", args=[site.pk])
    nonces = set()
    for _ in range(2):
        response = admin_client.get(url)
        html = response.content.decode()
        header_nonces = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
            if "src=" in tag or "application/json" in tag or "ld+json" in tag:
                continue  # files from this site, and data that never runs
            assert f'nonce="{header_nonces[0]}"' in tag, tag
        nonces.update(header_nonces)
    assert len(nonces) == 2


def test_public_pages_have_no_inline_script_or_style(client, site):
    """Public pages need no nonce at all, which keeps their HTML the same for every reader
    (and so cacheable): no inline script but JSON-LD data, no style element or attribute."""
    for url in public_urls(site)[:7]:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all("src=" in tag or "ld+json" in tag for tag in scripts), (url, scripts)
        assert "<style" not in html
        assert not re.search(r"<[^>]+\sstyle=", html), url


def test_production_adds_hsts_secure_cookies_and_https():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_CSP.get('upgrade-insecure-requests'))"
    )
    result = run_python(f"import django; django.setup(); {code}", **PRODUCTION_ENV)
    assert result.stdout.split() == ["True"] * 5, result.stderr


def test_the_admin_path_is_a_setting(tmp_path):
    # A database of its own: the old /admin/ is a 404, which looks for a redirect first.
    code = (
        "import django; django.setup(); "
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "from django.test import Client; from django.urls import reverse; "
        "c = Client(); "
        "print(reverse('admin:index'), reverse('reader_stats'), "
        "c.get('/office/').status_code, c.get('/admin/').status_code, "
        "'admin' in c.get('/robots.txt').content.decode())"
    )
    result = run_python(
        code, ADMIN_PATH="office", DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
    )  # fmt: skip
    assert result.stdout.split() == ["/office/", "/office/stats/", "302", "404", "False"], (
        result.stderr
    )


def test_editors_sessions_end_with_the_browser_and_within_hours(client, django_user_model):
    user = django_user_model.objects.create_superuser("ed", password="a-long-passphrase-9")
    client.force_login(user)
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 12 * 3600
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_AGE)",
        ADMIN_SESSION_HOURS="2",
    )
    assert result.stdout.strip() == "7200"
