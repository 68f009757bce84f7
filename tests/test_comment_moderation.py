from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from blog.models import BlockedTerm, Comment, CommentStatus, ModerationEvent
from blog.readership.privacy import ip_hash
from tests.factories import CommentFactory, PostFactory, post_comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("policy", "known_commenter", "status"),
    [
        ("open", False, CommentStatus.APPROVED),
        ("first-time", False, CommentStatus.PENDING),
        ("first-time", True, CommentStatus.APPROVED),
        ("all", True, CommentStatus.PENDING),
    ],
)
def test_site_policy_decides_the_status(client, settings, policy, known_commenter, status):
    settings.COMMENT_MODERATION = policy
    post = PostFactory(published=True)
    if known_commenter:
        CommentFactory(author_email="AYSEL@example.org")  # approved before, elsewhere
    post_comment(client, post)
    assert Comment.objects.get(post=post).status == status


def test_first_time_hold_is_the_default(settings):
    assert settings.COMMENT_MODERATION == "first-time"


def test_post_policy_overrides_the_site(client, settings):
    settings.COMMENT_MODERATION = "open"
    post = PostFactory(published=True, comment_policy="all")
    post_comment(client, post)
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_closed_policy_refuses_comments(client, settings):
    post = PostFactory(published=True, comment_policy="closed")
    response = post_comment(client, post, body="Still open?")
    assertContains(response, "Comments are closed", status_code=400)
    assertContains(response, "Still open?", status_code=400)
    assert not Comment.objects.exists()
    assertContains(client.get(post.get_absolute_url()), "Comments are closed on this article.")


def test_comments_close_by_themselves_after_n_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = PostFactory(published=True, published_at=timezone.now() - timedelta(days=31))
    recent = PostFactory(published=True, published_at=timezone.now() - timedelta(days=29))
    assert post_comment(client, old).status_code == 400
    assert post_comment(client, recent, body="In time.").status_code == 302
    assert list(Comment.objects.values_list("body", flat=True)) == ["In time."]


@pytest.mark.parametrize(
    ("kind", "value", "data"),
    [
        ("word", "casino", {"body": "Best CASINO offers here"}),
        ("email", "bad@example.org", {"author_email": "Bad@Example.org"}),
        ("domain", "spam.example", {"author_email": "x@mail.spam.example"}),
        ("ip", ip_hash("127.0.0.1"), {}),
    ],
)
def test_blocklist_match_goes_to_spam_without_mail(
    client, settings, mailoutbox, django_capture_on_commit_callbacks, kind, value, data
):
    settings.COMMENT_MODERATION = "open"
    BlockedTerm.objects.create(kind=kind, value=value)
    post = PostFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_comment(client, post, **data)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.SPAM
    assert comment.held_reason.startswith("blocklist")
    assert callbacks == []
    assert mailoutbox == []
    assert response.status_code == 302  # the sender is told nothing


def test_every_moderation_action_is_recorded(admin_client, admin_user):
    comment = CommentFactory(status=CommentStatus.PENDING)
    admin_client.post(
        reverse("admin:blog_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    event = ModerationEvent.objects.get(comment=comment)
    assert (event.actor, event.from_status, event.to_status) == (
        admin_user, CommentStatus.PENDING, CommentStatus.APPROVED,
    )  # fmt: skip
    response = admin_client.get(reverse("admin:blog_moderationevent_changelist"))
    assertContains(response, "set to approved")


def test_posting_records_the_automatic_decision(client, settings):
    settings.COMMENT_MODERATION = "first-time"
    post_comment(client, PostFactory(published=True))
    event = ModerationEvent.objects.get()
    assert event.actor is None
    assert event.note == "first comment from this address"


def test_queue_lists_pending_first_and_the_index_counts_them(admin_client):
    CommentFactory(body="Old approved")
    CommentFactory(body="Waiting one", status=CommentStatus.PENDING,
                   created_at=timezone.now() - timedelta(days=3))  # fmt: skip
    CommentFactory(body="Newest approved")
    content = admin_client.get(reverse("admin:blog_comment_changelist")).content.decode()
    assert content.index("Waiting one") < content.index("Newest approved")
    assertContains(admin_client.get(reverse("admin:index")), "1 comment awaiting moderation")


def test_queue_filters_by_email(admin_client):
    CommentFactory(author_email="one@example.org", body="From one")
    CommentFactory(author_email="two@example.org", body="From two")
    response = admin_client.get(
        reverse("admin:blog_comment_changelist"), {"author_email__iexact": "ONE@example.org"}
    )
    assertContains(response, "From one")
    assert "From two" not in response.content.decode()


def test_editor_replies_from_the_admin(admin_client, admin_user):
    comment = CommentFactory(body="A question for the editors")
    url = reverse("admin:blog_comment_change", args=[comment.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(post=comment.post_id, reply="We will answer in the next post.",
                **{"moderation_events-TOTAL_FORMS": "0",
                   "moderation_events-INITIAL_FORMS": "0"})  # fmt: skip
    data.pop("parent", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    reply = Comment.objects.get(parent=comment)
    assert reply.by_editor
    assert reply.user == admin_user
    assert reply.status == CommentStatus.APPROVED


def test_block_sender_action(admin_client):
    comment = CommentFactory(author_email="troll@example.org", ip_hash=ip_hash("10.0.0.9"))
    admin_client.post(
        reverse("admin:blog_comment_changelist"),
        {"action": "block_sender", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SPAM
    assert set(BlockedTerm.objects.values_list("kind", flat=True)) == {"email", "ip"}


def test_blocklist_keeps_ip_addresses_only_as_hashes(admin_client):
    admin_client.post(
        reverse("admin:blog_blockedterm_add"), {"kind": "ip", "value": "203.0.113.7", "note": ""}
    )
    term = BlockedTerm.objects.get()
    assert term.value == ip_hash("203.0.113.7")
    assert (
        "203.0.113.7"
        not in admin_client.get(reverse("admin:blog_blockedterm_changelist")).content.decode()
    )
