from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import Comment
from blog.readership.privacy import client_ip, ip_hash
from tests.factories import CommentFactory, PostFactory, form_token

pytestmark = pytest.mark.django_db


def test_ip_is_stored_only_as_a_keyed_hash(client):
    post = PostFactory(published=True)
    client.post(
        reverse("blog:comment_create", kwargs={"slug": post.slug}),
        {"author_name": "A", "author_email": "a@example.org", "body": "Hello",
         "issued": form_token()},
        REMOTE_ADDR="198.51.100.23",
    )  # fmt: skip
    comment = Comment.objects.get()
    assert comment.ip_hash == ip_hash("198.51.100.23")
    assert "198.51.100" not in comment.ip_hash
    assert len(comment.ip_hash) == 32


def test_proxy_address_is_read_only_behind_a_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.5"


def test_ip_hashes_are_erased_after_the_retention_period(settings):
    settings.COMMENT_IP_RETENTION_DAYS = 30
    old = CommentFactory(ip_hash="a" * 32, created_at=timezone.now() - timedelta(days=31))
    recent = CommentFactory(ip_hash="b" * 32)
    call_command("purge_ip_hashes", verbosity=0)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_hash == ""
    assert recent.ip_hash == "b" * 32


def test_no_email_and_no_third_party_avatar_in_the_page(client):
    post = PostFactory(published=True)
    CommentFactory(post=post, author_email="hidden@example.org", author_name="Nigar Aliyeva")
    response = client.get(post.get_absolute_url())
    assertNotContains(response, "hidden@example.org")
    assertNotContains(response, "gravatar")
    assertContains(response, ">NA</span>", html=False)  # initials avatar


def test_privacy_note_beside_the_form(client, settings):
    settings.COMMENT_IP_RETENTION_DAYS = 30
    response = client.get(PostFactory(published=True).get_absolute_url())
    assertContains(response, "What we keep:")
    assertContains(response, "erased after 30 days")
