"""The admin's front page starts with the person's work: "Write a post", drafts and
scheduled posts, comments awaiting moderation, the week's most read posts; then the
blog's models; the site's machinery apart, for those who may manage it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import CommentStatus, DailyPostViews, PostStatus
from tests.factories import AuthorFactory, CommentFactory, PostFactory
from tests.test_roles import member

pytestmark = pytest.mark.django_db

SYSTEM_HEADING = "Site administration: sign-in, security and background work"
SYSTEM_LINKS = ["/admin/axes/", "/admin/otp_totp/", "/admin/django_tasks_database/",
                "/admin/auth/user/", "/admin/auth/group/"]  # fmt: skip


def later(days=3):
    return timezone.now() + timedelta(days=days)


def test_an_editor_starts_with_the_sites_work_and_never_sees_its_machinery():
    editor = member("Editor", "eddie")
    PostFactory(title="Someone's unfinished piece")
    PostFactory(title="Coming on Friday", status=PostStatus.PUBLISHED, published_at=later())
    read = PostFactory(title="Read all week", published=True)
    DailyPostViews.objects.create(post=read, day=timezone.localdate() - timedelta(days=2),
                                  count=42)  # fmt: skip
    CommentFactory(post=read, status=CommentStatus.PENDING, body="Is there a recording?")
    page = editor.get(reverse("admin:index"))
    html = page.content.decode()
    assertContains(page, f'href="{reverse("admin:blog_post_add")}">Write a post</a>')
    assertContains(page, "Someone&#x27;s unfinished piece")
    assertContains(page, "Coming on Friday")
    assertContains(page, "goes live")
    assertContains(page, "1 comment awaiting moderation")
    assertContains(page, "Is there a recording?")
    assertContains(page, "Read all week")
    assertContains(page, "42 views")
    # The work comes first, then the blog's models.
    order = ["Write a post", "Drafts", "Scheduled", "Comments awaiting moderation",
             "Most read this week", 'class="app-blog module"']  # fmt: skip
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assertNotContains(page, SYSTEM_HEADING)
    for link in SYSTEM_LINKS:
        assertNotContains(page, link)
    assertNotContains(page, reverse("site_export"))


def test_a_writer_sees_only_the_posts_that_credit_them():
    writer = member("Writer", "wanda")
    wanda = AuthorFactory(name="Wanda", user=writer.user)
    PostFactory(title="My own draft", authors=[wanda])
    PostFactory(title="My piece for Monday", authors=[wanda], status=PostStatus.PUBLISHED,
                published_at=later())  # fmt: skip
    PostFactory(title="A colleague's draft")
    PostFactory(title="A colleague's schedule", status=PostStatus.PUBLISHED, published_at=later())
    CommentFactory(status=CommentStatus.PENDING, body="Held for the moderators")
    page = writer.get(reverse("admin:index"))
    assertContains(page, "Write a post")
    assertContains(page, "Your drafts")
    assertContains(page, "My own draft")
    assertContains(page, "My piece for Monday")
    assertNotContains(page, "colleague")
    assertNotContains(page, "awaiting moderation")  # writers do not moderate
    assertNotContains(page, "Held for the moderators")
    assertNotContains(page, SYSTEM_HEADING)
    for link in SYSTEM_LINKS:
        assertNotContains(page, link)


def test_a_moderator_starts_with_the_queue():
    moderator = member("Moderator", "mona")
    for n in range(5):
        CommentFactory(status=CommentStatus.PENDING, body=f"Held comment {n}")
    page = moderator.get(reverse("admin:index"))
    assertContains(page, "5 comments awaiting moderation")
    assertContains(page, reverse("admin:blog_comment_changelist") + "?status__exact=pending")
    for n in (4, 3, 2):  # the newest few
        assertContains(page, f"Held comment {n}")
    assertNotContains(page, "Held comment 0")
    assertNotContains(page, "Write a post")
    assertNotContains(page, SYSTEM_HEADING)


def test_a_superuser_finds_the_machinery_apart_after_the_blog(admin_client):
    page = admin_client.get(reverse("admin:index"))
    html = page.content.decode()
    assertContains(page, SYSTEM_HEADING)
    assertContains(page, reverse("site_export"))
    heading = html.index(SYSTEM_HEADING)
    assert html.index('class="app-blog module"') < heading
    for link in SYSTEM_LINKS:
        assert html.index(f'href="{link}') > heading, link


def test_the_drafts_list_is_short_and_links_to_the_rest(admin_client):
    for n in range(7):
        PostFactory(title=f"Draft {n}")
    page = admin_client.get(reverse("admin:index"))
    assertContains(page, "All 7 drafts")
    assertContains(page, reverse("admin:blog_post_changelist") + "?status__exact=draft")
    assertNotContains(page, "Draft 0<")  # the oldest two wait in the list


def work(n: int) -> None:
    """n of each thing the front page counts or lists."""
    for i in range(n):
        PostFactory(title=f"Draft {i}")
        PostFactory(title=f"Scheduled {i}", status=PostStatus.PUBLISHED, published_at=later(i + 1))
        PostFactory(title=f"Review {i}", status=PostStatus.REVIEW)
        read = PostFactory(title=f"Read {i}", published=True)
        DailyPostViews.objects.create(post=read, day=timezone.localdate(), count=i + 1)
        CommentFactory(post=read, status=CommentStatus.PENDING)


# Session, user and permissions; then one query for each list and each count the person
# is shown (drafts, their count, the schedule, posts in review, the queue's length and
# newest comments, the week's most read), and the sidebar's recent actions.
@pytest.mark.parametrize(("role", "budget"), [("Editor", 12), ("Writer", 9), ("Moderator", 8)])
def test_the_front_page_queries_do_not_grow(django_assert_max_num_queries, role, budget):
    person = member(role, "pat")
    AuthorFactory(user=person.user)
    work(1)
    with django_assert_max_num_queries(budget):
        person.get(reverse("admin:index"))
    work(30)
    with django_assert_max_num_queries(budget):
        person.get(reverse("admin:index"))


def test_a_superusers_front_page_queries_do_not_grow(admin_client, django_assert_max_num_queries):
    work(1)
    with django_assert_max_num_queries(10):
        admin_client.get(reverse("admin:index"))
    work(30)
    with django_assert_max_num_queries(10):
        admin_client.get(reverse("admin:index"))
