"""Writers, editors and moderators, as the groups made by the migration define them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import Post, PostStatus, PublicationEvent
from tests.factories import AuthorFactory, CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def member(group: str, username: str) -> Client:
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw",
                                                is_staff=True)  # fmt: skip
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def post_form(author, **fields):
    return {
        "title": "A writer's piece", "slug": "", "excerpt": "Short.", "body": "<p>Text</p>",
        "status": PostStatus.DRAFT, "comments_enabled": "on",
        "imported_views": "0",
        "post_authors-TOTAL_FORMS": "1", "post_authors-INITIAL_FORMS": "0",
        "post_authors-MIN_NUM_FORMS": "1", "post_authors-MAX_NUM_FORMS": "1000",
        "post_authors-0-author": author.pk, "post_authors-0-position": "0", **fields,
    }  # fmt: skip


@pytest.fixture
def writer():
    client = member("Writer", "wanda")
    client.author = AuthorFactory(name="Wanda Writer", user=client.user)
    return client


def test_the_three_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Writer", "Editor", "Moderator"}
    editor = Group.objects.get(name="Editor")
    assert editor.permissions.filter(codename="publish_post").exists()
    assert not Group.objects.get(name="Writer").permissions.filter(codename="publish_post").exists()


def test_writer_writes_a_draft_and_sends_it_to_review(writer):
    response = writer.post(
        reverse("admin:blog_post_add"), post_form(writer.author, status="review")
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == PostStatus.REVIEW
    assert PublicationEvent.objects.get().action == "sent to review"


def test_writer_cannot_publish(writer):
    form = writer.get(reverse("admin:blog_post_add")).content.decode()
    assert 'value="published"' not in form
    response = writer.post(reverse("admin:blog_post_add"),
                           post_form(writer.author, status="published"))  # fmt: skip
    assertContains(response, "Select a valid choice")
    assert not Post.objects.exists()
    changelist = writer.get(reverse("admin:blog_post_changelist")).content.decode()
    assert 'value="publish"' not in changelist


def test_writer_sees_and_edits_only_their_own_unpublished_posts(writer):
    mine = PostFactory(title="Mine", authors=[writer.author])
    PostFactory(title="Someone else's")
    published = PostFactory(title="Mine, published", authors=[writer.author], published=True)
    changelist = writer.get(reverse("admin:blog_post_changelist"))
    assertContains(changelist, "Mine")
    assertNotContains(changelist, "Someone else")
    assert writer.get(reverse("admin:blog_post_change", args=[mine.pk])).status_code == 200
    edit = writer.post(reverse("admin:blog_post_change", args=[published.pk]),
                       post_form(writer.author, title="Changed"))  # fmt: skip
    assert edit.status_code == 403
    published.refresh_from_db()
    assert published.title == "Mine, published"


def test_writer_is_always_credited_on_their_post(writer):
    other = AuthorFactory()
    writer.post(reverse("admin:blog_post_add"), post_form(other))
    assert set(Post.objects.get().authors.all()) == {other, writer.author}


def test_editor_publishes_and_it_is_recorded():
    editor = member("Editor", "eddie")
    post = PostFactory(status=PostStatus.REVIEW)
    index = editor.get(reverse("admin:index"))
    assertContains(index, "1 post in review")
    editor.post(reverse("admin:blog_post_changelist"),
                {"action": "publish", "_selected_action": [post.pk]})  # fmt: skip
    assert post in Post.objects.published()
    event = PublicationEvent.objects.get()
    assert (event.actor, event.action) == (editor.user, "published")
    assertContains(editor.get(reverse("admin:blog_publicationevent_changelist")), "published")


def test_moderator_moderates_comments_only():
    moderator = member("Moderator", "mo")
    CommentFactory(body="Needs a look", status="pending")
    assertContains(moderator.get(reverse("admin:blog_comment_changelist")), "Needs a look")
    assert moderator.get(reverse("admin:blog_post_add")).status_code == 403
    assert moderator.get(reverse("admin:blog_author_add")).status_code == 403


def test_publishing_checks_warn_the_editor(admin_client):
    author = AuthorFactory()
    response = admin_client.post(
        reverse("admin:blog_post_add"),
        post_form(author, status="published", excerpt="",
                  body='<h2>A</h2><h4>Skipped</h4><p><a href="/x">click here</a>'
                       '<img src="/a.png" alt=""></p>'),
        follow=True,
    )  # fmt: skip
    for warning in ["no excerpt", "no cover picture", "level is skipped", "“click here”",
                    "have no description"]:  # fmt: skip
        assertContains(response, warning)
