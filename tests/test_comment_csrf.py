"""The comment form of a shared (cached) page carries no CSRF token: an anonymous
comment is accepted when the browser says it comes from this site (blog/public/csrf.py).
Everything else keeps Django's check."""

import pytest
from django.test import Client
from django.urls import reverse

from blog.models import Comment
from tests.factories import PostFactory, comment_data

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def send(client, post, **headers):
    url = reverse("blog:comment_create", kwargs={"slug": post.slug})
    return client.post(url, comment_data(), headers=headers)


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": SITE},
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "same-origin", "Origin": SITE},
    ],
)
def test_a_reader_comments_from_the_shared_page_without_a_token(browser, open_comments, headers):
    post = PostFactory(published=True)
    page = browser.get(post.get_absolute_url())
    assert b"csrfmiddlewaretoken" not in page.content
    assert "csrftoken" not in page.cookies
    response = send(browser, post, **headers)
    assert response.status_code == 302
    assert Comment.objects.get().body == "A thoughtful comment."


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is another site's page
        {"Sec-Fetch-Site": "cross-site", "Origin": SITE},  # the fetch metadata wins
        {},  # an old browser that says nothing: the token is needed, and missing
    ],
)
def test_a_forged_or_unattributed_comment_is_refused(browser, headers):
    post = PostFactory(published=True)
    response = send(browser, post, **headers)
    assert response.status_code == 403
    assert Comment.objects.count() == 0
    # In the site's look, saying how to get the text back.
    assert "Your form was not accepted" in response.text
    assert "Back button" in response.text


def test_a_browser_that_says_nothing_still_comments_with_the_token(browser, open_comments):
    post = PostFactory(published=True)
    browser.cookies.load({"commenter": "x"})  # any personal cookie: a page for them alone
    page = browser.get(post.get_absolute_url())
    assert b"csrfmiddlewaretoken" in page.content
    token = page.context["csrf_token"]
    url = reverse("blog:comment_create", kwargs={"slug": post.slug})
    response = browser.post(url, comment_data(csrfmiddlewaretoken=str(token)))
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_logged_in_editor_always_needs_the_token(browser, admin_user):
    post = PostFactory(published=True)
    browser.force_login(admin_user)
    response = send(browser, post, Origin=SITE, **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 403
    assert Comment.objects.count() == 0
    page = browser.get(post.get_absolute_url())
    assert b"csrfmiddlewaretoken" in page.content  # their page is personal, with a token
    url = reverse("blog:comment_create", kwargs={"slug": post.slug})
    data = comment_data(csrfmiddlewaretoken=str(page.context["csrf_token"]))
    assert browser.post(url, data, headers={"Origin": SITE}).status_code == 302
    assert Comment.objects.get().by_editor
