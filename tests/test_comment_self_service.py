"""A commenter edits or deletes their comment for 15 minutes, from the same browser."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import Comment
from tests.factories import CommentFactory, PostFactory, form_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def my_comment(client, settings):
    settings.COMMENT_MODERATION = "open"
    post = PostFactory(published=True)
    client.post(
        reverse("blog:comment_create", kwargs={"slug": post.slug}),
        {"author_name": "Aysel", "author_email": "a@example.org", "body": "First words",
         "issued": form_token()},
    )  # fmt: skip
    return Comment.objects.get()


def edit_url(comment):
    return reverse("blog:comment_edit", kwargs={"pk": comment.pk})


def delete_url(comment):
    return reverse("blog:comment_delete", kwargs={"pk": comment.pk})


def test_writer_sees_edit_and_delete_links_and_others_do_not(client, my_comment):
    page = client.get(my_comment.post.get_absolute_url())
    assertContains(page, edit_url(my_comment))
    assertContains(page, delete_url(my_comment))
    assertNotContains(Client().get(my_comment.post.get_absolute_url()), edit_url(my_comment))


def test_writer_edits_and_the_comment_says_edited(client, my_comment):
    response = client.post(edit_url(my_comment), {"body": "Better words"})
    assert response.status_code == 302
    page = client.get(my_comment.post.get_absolute_url())
    assertContains(page, "Better words")
    assertContains(page, "(edited)")
    my_comment.refresh_from_db()
    assert my_comment.edited_at is not None


def test_empty_edit_is_refused_and_nothing_changes(client, my_comment):
    response = client.post(edit_url(my_comment), {"body": "  "})
    assertContains(response, "Please write your comment", status_code=400)
    my_comment.refresh_from_db()
    assert my_comment.body == "First words"


def test_edit_with_too_many_links_is_held_again(client, my_comment, settings):
    settings.COMMENT_MAX_LINKS = 1
    client.post(edit_url(my_comment), {"body": "http://a.example http://b.example"})
    my_comment.refresh_from_db()
    assert my_comment.status == "pending"


def test_another_browser_cannot_edit_or_delete(my_comment):
    stranger = Client()
    assert stranger.get(edit_url(my_comment)).status_code == 404
    assert stranger.post(delete_url(my_comment)).status_code == 404
    assert Comment.objects.filter(pk=my_comment.pk).exists()


def test_window_closes_after_15_minutes(client, my_comment):
    later = timezone.now() + timedelta(minutes=16)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(edit_url(my_comment)).status_code == 404
        page = client.get(my_comment.post.get_absolute_url())
    assertNotContains(page, edit_url(my_comment))


def test_delete_without_replies_removes_it(client, my_comment):
    assertContains(client.get(delete_url(my_comment)), "Delete your comment?")
    client.post(delete_url(my_comment))
    assert not Comment.objects.filter(pk=my_comment.pk).exists()


def test_delete_with_replies_leaves_a_placeholder(client, my_comment):
    CommentFactory(post=my_comment.post, parent=my_comment, body="A reply to keep")
    client.post(delete_url(my_comment))
    my_comment.refresh_from_db()
    assert my_comment.is_deleted
    assert my_comment.body == ""
    page = client.get(my_comment.post.get_absolute_url())
    assertContains(page, "Comment deleted by its writer.")
    assertContains(page, "A reply to keep")
    assertNotContains(page, "First words")


def test_forged_cookie_is_ignored(my_comment):
    stranger = Client()
    stranger.cookies["commenter"] = str(my_comment.pk)
    assert stranger.get(edit_url(my_comment)).status_code == 404


def test_too_many_edits_are_refused_with_the_text_kept(client, my_comment, settings, fresh_minute):
    settings.COMMENT_EDIT_RATE_LIMITS = "2/m"
    for n in range(2):
        assert client.post(edit_url(my_comment), {"body": f"Version {n}"}).status_code == 302
    response = client.post(edit_url(my_comment), {"body": "Version three, kept in the form"})
    assertContains(response, "the limit is 2 a minute", status_code=429)
    assertContains(response, "Version three, kept in the form", status_code=429)
    my_comment.refresh_from_db()
    assert my_comment.body == "Version 1"
