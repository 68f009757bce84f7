"""Whatever a bot or a careless link sends, the answer is a 400, 404 or 405 with a page,
never a 500: malformed paths, nonsense query strings, wrong methods, oversized bodies."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import AuthorFactory, PostFactory, form_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    author = AuthorFactory(slug="leyla")
    return PostFactory(published=True, authors=[author], tags=["peace"])


@pytest.fixture
def client():
    # A 500 must show up as a response, not as the test client re-raising the error.
    return Client(raise_request_exception=False)


LISTINGS = ["/", "/tags/peace/", "/authors/leyla/", "/search/?q=peace&"]


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999", "1.5", "", "%00", "1e9", "9" * 40])
@pytest.mark.parametrize("listing", LISTINGS)
def test_nonsense_page_numbers_are_answered_calmly(client, site, listing, page):
    joiner = "" if listing.endswith("&") else "?"
    response = client.get(f"{listing}{joiner}page={page}")
    assert response.status_code in {200, 404}, response.status_code


@pytest.mark.parametrize(
    "path",
    [
        "/post/%00/",
        "/post/../../etc/passwd",
        "/post/" + "a" * 5000 + "/",
        "/post/şəki/",
        "/tags/%ff/",
        "/authors/%2e%2e/",
        "/archive/2026/13/",
        "/archive/0/1/",
        "/archive/99999/1/",
        "/comments/99999999999999999999999/edit/",
        "/comments/-1/delete/",
        "/preview/not-a-token/",
        "/comments/stop-mail/garbage/",
        "/post/x/view.gif/extra",
        "/static/../settings.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/feed/?format=<script>",
        "/sitemap.xml?p=abc",
        "/search/?q=" + "x" * 10000,
        "/search/?q=%00%ff",
    ],
)
def test_malformed_paths_are_404_or_400(client, site, path):
    response = client.get(path)
    assert response.status_code in {200, 301, 400, 404}, (path, response.status_code)
    assert b"Traceback" not in response.content


@pytest.mark.parametrize(
    ("method", "name", "kwargs"),
    [
        ("post", "blog:post_list", {}),
        ("put", "blog:post_detail", {"slug": "x"}),
        ("delete", "blog:search", {}),
        ("get", "blog:comment_create", {"slug": "x"}),
        ("get", "blog:view_record", {"slug": "x"}),
        ("post", "blog:feed", {}),
        ("post", "blog:sitemap", {}),
        ("post", "blog:healthz", {}),
    ],
)
def test_wrong_methods_are_405(client, site, method, name, kwargs):
    response = getattr(client, method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 405


def test_an_oversized_comment_post_is_refused_with_a_400(client, site, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    response = client.post(
        reverse("blog:comment_create", kwargs={"slug": site.slug}),
        {"author_name": "Big", "author_email": "big@example.org", "body": "x" * 200_000,
         "issued": form_token()},
    )  # fmt: skip
    assert response.status_code == 400
    assert site.comments.count() == 0
    # In the site's look, saying what happened and how to get the text back.
    page = response.content.decode()
    assert "<h1>Your request could not be read</h1>" in page
    assert "Back button" in page and "5,000 characters" in page
    assert settings.SITE_NAME in page and 'href="#page-bottom"' in page


def test_a_too_long_comment_keeps_its_text_and_says_the_limit(client, site):
    text = "word " * 1200  # 6,000 characters, over the 5,000 a comment may have
    response = client.post(
        reverse("blog:comment_create", kwargs={"slug": site.slug}),
        {"author_name": "Long", "author_email": "long@example.org", "body": text,
         "issued": form_token()},
    )  # fmt: skip
    assert response.status_code == 400
    assert "5000" in response.content.decode().replace(",", "")
    assert text.strip()[:200] in response.content.decode()
    assert site.comments.count() == 0
