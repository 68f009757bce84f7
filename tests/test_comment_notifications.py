"""Mail leaves the request: posting queues a task; `db_worker` sends it."""

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from blog.comments.services import moderate_comments
from blog.models import Comment, CommentStatus
from tests.factories import AuthorFactory, CommentFactory, PostFactory, post_comment

pytestmark = pytest.mark.django_db


def run_worker():
    # The worker drops connections whose autocommit differs from the settings; inside a
    # test's transaction that is every connection, so that one check is switched off.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def moderator():
    return get_user_model().objects.create_superuser("mod", "mod@example.org", "x")


def test_held_comment_mails_moderators_from_the_worker_not_the_request(
    client, settings, mailoutbox, moderator, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "all"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, PostFactory(title="Water", published=True))
    assert mailoutbox == []  # nothing sent while the reader waited
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert [m.to for m in mailoutbox] == [["mod@example.org"]]
    assert "awaiting moderation" in mailoutbox[0].subject
    assert "?status__exact=pending" in mailoutbox[0].body


def test_new_public_comment_mails_the_posts_writers(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "open"
    user = get_user_model().objects.create_user("leyla", "leyla@example.org", "x")
    post = PostFactory(published=True, authors=[AuthorFactory(user=user), AuthorFactory()])
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post)
    run_worker()
    assert [m.to for m in mailoutbox] == [["leyla@example.org"]]


def test_reply_mails_the_person_who_asked_with_a_link_that_stops_it(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "open"
    post = PostFactory(published=True)
    parent = CommentFactory(post=post, author_email="asker@example.org", notify_replies=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, parent=parent.pk, body="An answer.")
    run_worker()
    assert [m.to for m in mailoutbox] == [["asker@example.org"]]
    stop_url = re.search(r"http://\S+/comments/stop-mail/\S+/", mailoutbox[0].body).group()
    page = client.get(stop_url.split("8000", 1)[1])
    assert "no more reply emails" in page.content.decode()
    parent.refresh_from_db()
    assert not parent.notify_replies
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, parent=parent.pk, body="Another answer.")
    run_worker()
    assert len(mailoutbox) == 1


def test_no_reply_mail_unless_asked(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "open"
    post = PostFactory(published=True)
    parent = CommentFactory(post=post, notify_replies=False)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, parent=parent.pk)
    run_worker()
    assert mailoutbox == []


def test_held_reply_mails_the_person_once_approved(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "all"
    post = PostFactory(published=True)
    parent = CommentFactory(post=post, author_email="asker@example.org", notify_replies=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, parent=parent.pk)
    run_worker()
    assert mailoutbox == []  # no moderators with email here, and the reply is not public
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comments(Comment.objects.filter(parent=parent), status=CommentStatus.APPROVED)
    run_worker()
    assert [m.to for m in mailoutbox] == [["asker@example.org"]]


def test_mail_to_one_address_is_capped(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "open"
    settings.COMMENT_MAILS_PER_ADDRESS_PER_DAY = 2
    settings.COMMENT_RATE_LIMITS = "off"
    post = PostFactory(published=True)
    parent = CommentFactory(post=post, author_email="target@example.org", notify_replies=True)
    for n in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(client, post, parent=parent.pk, body=f"Reply {n}",
                         author_email=f"r{n}@example.org")  # fmt: skip
    run_worker()
    assert len(mailoutbox) == 2


def test_bad_unsubscribe_link_is_404(client):
    assert (
        client.get(reverse("blog:comment_unsubscribe", kwargs={"token": "nope"})).status_code == 404
    )


def test_mail_server_down_keeps_the_comment_and_reports_the_failed_send(
    client, settings, mailoutbox, moderator, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "all"
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, PostFactory(published=True), body="Kept anyway.")
    assert response.status_code == 302
    refused = ConnectionRefusedError(111, "Connection refused")
    with mock.patch("blog.comments.notifications.send_mail", side_effect=refused):
        run_worker()
    assert Comment.objects.get().body == "Kept anyway."
    assert mailoutbox == []
    # The failed send stays on record (Django Tasks DB › DB task results in the admin).
    result = DBTaskResult.objects.get()
    assert result.status == "FAILED"
    assert "Connection refused" in str(result.traceback)
