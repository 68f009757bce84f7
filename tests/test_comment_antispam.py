"""Each spam rule refuses or holds what it should, and never loses a reader's text."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from blog.comments.antispam import issue_form_token, parse_limits
from blog.models import Comment, CommentStatus
from tests import factories
from tests.factories import PostFactory, form_token

pytestmark = pytest.mark.django_db

TEXT = "A long and careful comment about the workshop in Gəncə."


@pytest.fixture(autouse=True)
def open_moderation(settings):
    settings.COMMENT_MODERATION = "open"


def post_comment(client, post, **data):
    return factories.post_comment(client, post, **{"body": TEXT} | data)


def test_honeypot_filled_goes_to_spam_and_looks_like_success(client):
    post = PostFactory(published=True)
    response = post_comment(client, post, website="http://buy.example")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.SPAM
    assert comment.held_reason == "honeypot field filled"
    assert response.status_code == 302


def test_honeypot_is_hidden_from_people(client):
    content = client.get(PostFactory(published=True).get_absolute_url()).content.decode()
    assert '<div class="field-trap" aria-hidden="true">' in content
    assert 'name="website"' in content
    assert 'tabindex="-1"' in content


def test_form_posted_too_fast_is_refused_with_the_text_kept(client, settings):
    settings.COMMENT_MIN_SECONDS = 3
    response = post_comment(client, PostFactory(published=True), issued=form_token(age_seconds=1))
    assertContains(response, "very fast", status_code=400)
    assertContains(response, TEXT, status_code=400)
    assert not Comment.objects.exists()


def test_form_replayed_after_a_long_time_is_refused_with_the_text_kept(client, settings):
    settings.COMMENT_FORM_MAX_AGE_HOURS = 24
    stale = form_token(age_seconds=25 * 3600)
    response = post_comment(client, PostFactory(published=True), issued=stale)
    assertContains(response, "form expired", status_code=400)
    assertContains(response, TEXT, status_code=400)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "token", ["", "forged", issue_form_token()[:-3] + "abc"], ids=["empty", "forged", "tampered"]
)
def test_missing_or_forged_timestamp_is_refused(client, token):
    response = post_comment(client, PostFactory(published=True), issued=token)
    assertContains(response, "could not be checked", status_code=400)
    assert not Comment.objects.exists()


def test_refused_form_gets_a_fresh_timestamp(client, settings):
    settings.COMMENT_MIN_SECONDS = 0
    post = PostFactory(published=True)
    response = post_comment(client, post, issued="forged")
    fresh = response.context["form"].data["issued"]
    assert post_comment(client, post, issued=fresh).status_code == 302


def test_too_many_links_are_held(client, settings):
    settings.COMMENT_MAX_LINKS = 2
    body = "See https://a.example https://b.example and www.c.example"
    post_comment(client, PostFactory(published=True), body=body)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.held_reason == "3 links"


def test_rate_limit_per_ip_answers_429_and_keeps_the_text(client, settings, fresh_minute):
    settings.COMMENT_RATE_LIMITS = "2/m"
    post = PostFactory(published=True)
    for n in range(2):
        assert (
            post_comment(client, post, body=f"Comment {n}", author_email=f"{n}@e.org").status_code
            == 302
        )
    response = post_comment(client, post, body="The third one", author_email="3@e.org")
    assertContains(response, "many comments in a short time", status_code=429)
    assertContains(response, "The third one", status_code=429)
    assert Comment.objects.count() == 2


def test_rate_limit_per_email_counts_across_addresses(client, settings):
    settings.COMMENT_RATE_LIMITS = "1/d"
    post = PostFactory(published=True)
    post_comment(client, post, body="First", REMOTE_ADDR="10.0.0.1")
    response = client.post(
        reverse("blog:comment_create", kwargs={"slug": post.slug}),
        {"author_name": "A", "author_email": "AYSEL@example.org", "body": "Second",
         "issued": form_token()},
        REMOTE_ADDR="10.0.0.2",
    )  # fmt: skip
    assert response.status_code == 429
    assert Comment.objects.count() == 1


def test_rate_limits_can_be_switched_off(client, settings):
    settings.COMMENT_RATE_LIMITS = "off"
    post = PostFactory(published=True)
    for n in range(8):
        assert post_comment(client, post, body=f"Comment {n}").status_code == 302


def test_limits_are_read_from_the_setting():
    assert [(limit.count, limit.seconds) for limit in parse_limits("5/m,50/d")] == [
        (5, 60), (50, 86400),
    ]  # fmt: skip
    assert parse_limits("off") == []


def test_the_same_body_twice_is_refused_as_a_duplicate(client):
    post = PostFactory(published=True)
    post_comment(client, post)
    response = post_comment(client, post)
    assertContains(response, "already posted", status_code=400)
    assertContains(response, TEXT, status_code=400)
    assert Comment.objects.count() == 1
