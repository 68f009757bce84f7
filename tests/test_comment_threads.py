from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import Comment, CommentStatus
from tests.factories import CommentFactory, PostFactory, form_token

pytestmark = pytest.mark.django_db


def chain(post, length):
    """A comment and `length - 1` replies, each answering the one before."""
    parent = None
    comments = []
    for n in range(length):
        parent = CommentFactory(post=post, parent=parent, author_name=f"Level {n + 1}")
        comments.append(parent)
    return comments


def test_replies_nest_to_the_configured_depth(client, settings):
    settings.COMMENT_MAX_DEPTH = 3
    post = PostFactory(published=True)
    _, _, three, four = chain(post, 4)
    roots = post.comment_tree()
    level_two = roots[0].children[0]
    deep = level_two.children
    assert [roots[0].depth, level_two.depth, deep[0].depth] == [1, 2, 3]
    assert [c.pk for c in deep] == [three.pk, four.pk]  # four sits beside three
    assert deep[1].shown_flat
    assert deep[1].replying_to.pk == three.pk
    response = client.get(post.get_absolute_url())
    assertContains(response, f'In reply to <a href="#comment-{three.pk}">Level 3</a>', html=False)


def test_readers_names_are_escaped_wherever_the_thread_shows_them(client, settings):
    settings.COMMENT_MAX_DEPTH = 2
    settings.SITE_NAME = 'Peace & "Dialogue"'
    post = PostFactory(published=True)
    name = '<img src=x onerror="alert(1)">'
    first = CommentFactory(post=post, author_name=name)
    second = CommentFactory(post=post, parent=first, author_name=name)
    CommentFactory(post=post, parent=second, author_name="Third", by_editor=True)
    content = client.get(post.get_absolute_url()).content.decode()
    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert "<img src=x" not in content
    assert f'aria-label="Replies to {escaped}"' in content  # the replies' list
    assert f'<span class="visually-hidden">, replying to {escaped}</span>' in content
    assert f'data-reply-name="{escaped}"' in content  # the Reply link
    assert f'In reply to <a href="#comment-{second.pk}">{escaped}</a>' in content  # flat
    assert '<span class="badge">Peace &amp; &quot;Dialogue&quot; editor</span>' in content
    # Initials of a name that starts with "<": "<S" escaped in the avatar.
    CommentFactory(post=post, author_name="<Script Kiddie")
    content = client.get(post.get_absolute_url()).content.decode()
    assert 'aria-hidden="true">&lt;K</span>' in content


def test_a_comment_shows_when_it_was_posted_in_the_sites_time(client, settings):
    settings.TIME_ZONE = "Asia/Baku"
    post = PostFactory(published=True)
    comment = CommentFactory(post=post)
    Comment.objects.filter(pk=comment.pk).update(
        created_at=datetime(2026, 3, 9, 20, 5, tzinfo=UTC)  # 00:05 the next day in Baku
    )
    assertContains(
        client.get(post.get_absolute_url()),
        '<time datetime="2026-03-10T00:05:00+04:00">10 March 2026, 00:05</time>',
        html=False,
    )


def test_a_comment_date_names_its_month_as_the_article_dates_do(client, settings):
    """Russian and Azerbaijani name a date's month in their own form ("8 декабря", not
    "8 Декабрь"): the comment's date is written as the article's, date:"j E Y"."""
    from django.utils import dateformat, timezone, translation

    settings.TIME_ZONE = "Asia/Baku"
    when = datetime(2026, 12, 8, 8, 30, tzinfo=UTC)  # 12:30 in Baku
    for language, slug, shown in [("ru", "mir", "8 декабря 2026, 12:30"),
                                  ("en", "peace", "8 December 2026, 12:30")]:  # fmt: skip
        post = PostFactory(published=True, language=language, slug=slug)
        comment = CommentFactory(post=post)
        Comment.objects.filter(pk=comment.pk).update(created_at=when)
        page = client.get(post.get_absolute_url()).content.decode()
        assert f'<time datetime="2026-12-08T12:30:00+04:00">{shown}</time>' in page
        with translation.override(language), timezone.override("Asia/Baku"):
            assert dateformat.format(timezone.localtime(when), "j E Y, H:i") == shown
    assert "Декабрь" not in page


def test_a_long_reply_chain_renders(client, settings):
    settings.COMMENT_MAX_DEPTH = 3
    post = PostFactory(published=True)
    chain(post, 120)
    response = client.get(post.get_absolute_url())
    assertContains(response, "Level 120")
    assert response.content.decode().count("comment-list--replies") == 2


def test_each_comment_has_a_permalink_time_and_position_for_screen_readers(client):
    post = PostFactory(published=True)
    root = CommentFactory(post=post, author_name="Aynur")
    reply = CommentFactory(post=post, parent=root, author_name="Tigran")
    response = client.get(post.get_absolute_url())
    assertContains(response, f'href="#comment-{reply.pk}"', html=False)
    assertContains(response, "<time datetime=", html=False)
    assertContains(response, "Tigran<span class=\"visually-hidden\">, replying to Aynur</span>",
                   html=False)  # fmt: skip
    assertContains(response, 'aria-label="Replies to Aynur"', html=False)


def test_editor_replies_carry_a_badge(client, admin_user, settings):
    post = PostFactory(published=True)
    CommentFactory(post=post, by_editor=True, author_name="Leyla")
    CommentFactory(post=post, author_name="Reader")
    response = client.get(post.get_absolute_url())
    assertContains(response, f"{settings.SITE_NAME} editor", count=1)


def test_an_editor_logged_in_on_the_site_comments_with_the_badge(client, admin_user, settings):
    settings.COMMENT_MODERATION = "all"
    admin_user.email = "editor@example.org"
    admin_user.save()
    client.force_login(admin_user)
    post = PostFactory(published=True)
    page = client.get(post.get_absolute_url())
    assertContains(page, 'value="editor@example.org"', html=False)
    client.post(
        reverse("blog:comment_create", kwargs={"slug": post.slug}),
        {"author_name": "The editors", "author_email": "editor@example.org",
         "body": "Thank you all.", "issued": form_token()},
    )  # fmt: skip
    comment = Comment.objects.get()
    assert comment.by_editor
    assert comment.status == CommentStatus.APPROVED  # editors are not held
    assertContains(Client().get(post.get_absolute_url()), f"{settings.SITE_NAME} editor")


def test_deleted_comment_with_replies_leaves_a_placeholder(client):
    post = PostFactory(published=True)
    root = CommentFactory(post=post, is_deleted=True, body="", author_name="")
    CommentFactory(post=post, parent=root, body="Still here")
    response = client.get(post.get_absolute_url())
    assertContains(response, "Comment deleted by its writer.")
    assertContains(response, "Still here")
    assertContains(response, "1 comment")


def test_held_reply_shows_only_to_its_writer(client, settings):
    settings.COMMENT_MODERATION = "all"
    post = PostFactory(published=True)
    root = CommentFactory(post=post)
    client.post(
        reverse("blog:comment_create", kwargs={"slug": post.slug}),
        {"author_name": "Mine", "author_email": "m@example.org", "body": "My held reply",
         "parent": root.pk, "issued": form_token()},
    )  # fmt: skip
    assertContains(client.get(post.get_absolute_url()), "My held reply")
    assertNotContains(Client().get(post.get_absolute_url()), "My held reply")
