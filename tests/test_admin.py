from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import (
    BlockedTerm,
    BlockKind,
    Comment,
    CommentStatus,
    ModerationEvent,
    Post,
    PostStatus,
    PublicationEvent,
    Redirect,
)
from tests.factories import (
    AuthorFactory,
    CommentFactory,
    ImageFactory,
    PostFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["post", "author", "comment"])
def test_changelists_and_add_forms_render(admin_client, model):
    PostFactory(published=True, tags=["peace"])
    CommentFactory()
    changelist = admin_client.get(reverse(f"admin:blog_{model}_changelist"))
    add = admin_client.get(reverse(f"admin:blog_{model}_add"))
    assert changelist.status_code == 200
    assert add.status_code == 200


def test_post_changelist_shows_status_writers_views_and_comments(admin_client):
    author = AuthorFactory(name="Nino Kapanadze")
    post = PostFactory(title="Mountain schools", authors=[author], published=True)
    Post.objects.filter(pk=post.pk).update(view_count=321)
    CommentFactory.create_batch(2, post=post)
    CommentFactory(post=post, status=CommentStatus.PENDING)
    PostFactory(
        title="Later", status=PostStatus.PUBLISHED, published_at=timezone.now() + timedelta(days=3)
    )
    response = admin_client.get(reverse("admin:blog_post_changelist"))
    assertContains(response, "Nino Kapanadze")
    assertContains(response, "321")
    assertContains(response, '<td class="field-approved_comments">2</td>', html=True)
    assertContains(response, "Scheduled for")


def post_changelist_queries(admin_client):
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(reverse("admin:blog_post_changelist"))
    return len(queries)


def test_post_changelist_runs_no_query_per_row(admin_client):
    PostFactory(published=True, tags=["a"])
    few = post_changelist_queries(admin_client)
    for _ in range(15):
        post = PostFactory(published=True, authors=[AuthorFactory(), AuthorFactory()])
        CommentFactory(post=post)
    assert post_changelist_queries(admin_client) == few


def test_comment_changelist_runs_no_query_per_row(admin_client):
    CommentFactory()
    with CaptureQueriesContext(connection) as few:
        admin_client.get(reverse("admin:blog_comment_changelist"))
    for _ in range(10):
        parent = CommentFactory()
        CommentFactory(post=parent.post, parent=parent)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(reverse("admin:blog_comment_changelist"))
    assert len(many) == len(few)
    assertContains(response, parent.author_name)


def add_post(admin_client, author, **fields):
    """Submit the admin's add-post form, crediting `author`, as an editor would."""
    data = {
        "title": "A post",
        "slug": "",
        "imported_views": "0",
        "status": PostStatus.DRAFT,
        "post_authors-TOTAL_FORMS": "1",
        "post_authors-INITIAL_FORMS": "0",
        "post_authors-MIN_NUM_FORMS": "1",
        "post_authors-MAX_NUM_FORMS": "1000",
        "post_authors-0-author": author.pk,
        "post_authors-0-position": "0",
        **fields,
    }
    return admin_client.post(reverse("admin:blog_post_add"), data)


def test_editor_creates_a_post_with_writers_and_tags(admin_client):
    author = AuthorFactory()
    response = add_post(
        admin_client,
        author,
        title="Gəncə youth forum",
        excerpt="Young people met.",
        body="<p>Met.</p><script>alert(1)</script>",
        tags="youth, dialogue",
        status=PostStatus.PUBLISHED,
        comments_enabled="on",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get()
    assert post.slug == "gence-youth-forum"
    assert post.published_at is not None
    assert "<script" not in post.body
    assert sorted(post.tags.names()) == ["dialogue", "youth"]
    assert post.credited_authors == [author]
    assert post in Post.objects.published()


def test_post_without_a_writer_is_refused(admin_client):
    response = add_post(admin_client, AuthorFactory(), **{"post_authors-0-author": ""})
    assertContains(response, "This field is required.")
    assert not Post.objects.exists()


def test_bulk_publish_and_unpublish(admin_client):
    draft = PostFactory()
    scheduled_at = timezone.now() + timedelta(days=2)
    scheduled = PostFactory(status=PostStatus.DRAFT, published_at=scheduled_at)
    url = reverse("admin:blog_post_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]})
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.status == scheduled.status == PostStatus.PUBLISHED
    assert draft in Post.objects.published()
    assert scheduled.published_at == scheduled_at  # a schedule stays a schedule
    admin_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert draft not in Post.objects.published()


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", CommentStatus.APPROVED),
        ("mark_spam", CommentStatus.SPAM),
        ("remove", CommentStatus.REMOVED),
    ],
)
def test_comment_bulk_moderation(admin_client, action, status):
    comments = CommentFactory.create_batch(2, status=CommentStatus.PENDING)
    admin_client.post(
        reverse("admin:blog_comment_changelist"),
        {"action": action, "_selected_action": [c.pk for c in comments]},
    )
    assert set(Comment.objects.values_list("status", flat=True)) == {status}


def test_comment_filters_by_status(admin_client):
    CommentFactory(body="Waiting words", status=CommentStatus.PENDING)
    CommentFactory(body="Approved words")
    response = admin_client.get(
        reverse("admin:blog_comment_changelist"), {"status__exact": "pending"}
    )
    assertContains(response, "Waiting words")
    assert "Approved words" not in response.content.decode()


def test_admin_carries_the_foundation_name(admin_client, settings):
    assertContains(admin_client.get(reverse("admin:index")), settings.SITE_NAME)


def test_view_on_site_links_to_the_article(admin_client):
    post = PostFactory(published=True)
    response = admin_client.get(reverse("admin:blog_post_change", args=[post.pk]))
    assertContains(response, "View on site")


def test_help_texts_read_as_written(admin_client):
    """Help texts are text: the post's address reads "/post/<slug>/", not "/post//."."""
    response = admin_client.get(reverse("admin:blog_post_add"))
    assertContains(response, "The address of the post: /post/&lt;slug&gt;/.")
    assertNotContains(response, "/post/<slug>/")


def one_of_each():
    """A row of every blog model, so each admin's change page has something to show."""
    post = PostFactory(published=True, tags=["peace"], cover=ImageFactory())
    comment = CommentFactory(post=post)
    BlockedTerm.objects.create(value="spam.example", kind=BlockKind.DOMAIN)
    ModerationEvent.objects.create(comment=comment, action="approve", to_status="approved")
    PublicationEvent.objects.create(post=post, action="publish", to_status="published")
    Redirect.objects.create(old_path="/old", new_path=post.get_absolute_url())
    SeriesFactory(parts=[post])


BLOG_ADMINS = [model_admin for model, model_admin in admin.site._registry.items()
               if model._meta.app_label == "blog"]  # fmt: skip


@pytest.mark.parametrize("model_admin", BLOG_ADMINS, ids=lambda a: a.model._meta.model_name)
def test_every_help_text_of_the_blog_admin_is_shown_escaped(admin_client, rf, admin_user,
                                                            model_admin):  # fmt: skip
    """Each field's help text, on the form or read-only, is on the page as escaped text:
    one with <, > or & (or a quote) would otherwise be taken for markup."""
    one_of_each()
    obj = model_admin.model.objects.first()
    request = rf.get("/")
    request.user = admin_user
    name = model_admin.model._meta.model_name
    if name != "importrun":
        page = admin_client.get(reverse(f"admin:blog_{name}_change", args=[obj.pk]))
    else:  # an import is never edited: its form is the add form
        obj, page = None, admin_client.get(reverse(f"admin:blog_{name}_add"))
    assert page.status_code == 200
    written = {f.name: f.help_text for f in model_admin.model._meta.get_fields()
               if getattr(f, "help_text", "")}  # fmt: skip
    written.update({n: f.help_text for n, f in model_admin.form.declared_fields.items()
                    if f.help_text})  # fmt: skip
    shown = [written[n] for n in model_admin.get_fields(request, obj) if n in written]
    for help_text in shown:
        assertContains(page, conditional_escape(help_text))
