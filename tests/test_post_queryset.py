from datetime import timedelta
from unittest import mock

import pytest
from django.db import IntegrityError
from django.utils import timezone

from blog.models import Post, PostStatus
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled_posts():
    live = PostFactory(published=True)
    PostFactory()  # draft
    PostFactory(status=PostStatus.PUBLISHED, published_at=timezone.now() + timedelta(hours=1))
    PostFactory(status=PostStatus.DRAFT, published_at=timezone.now() - timedelta(days=1))
    assert list(Post.objects.published()) == [live]


def test_scheduled_post_appears_when_its_time_comes():
    at = timezone.now() + timedelta(hours=2)
    scheduled = PostFactory(status=PostStatus.PUBLISHED, published_at=at)
    assert scheduled not in Post.objects.published()
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert scheduled in Post.objects.published()


def test_comment_counts_include_only_approved_comments():
    post = PostFactory(published=True)
    CommentFactory.create_batch(3, post=post)
    CommentFactory(post=post, status="pending")
    CommentFactory(post=post, status="spam")
    assert Post.objects.for_cards().get().approved_comment_count == 3


def test_body_is_sanitized_when_saved():
    post = PostFactory(
        body='<p>Hello<script>alert("x")</script><img src="a.png" onerror="x()"></p>'
    )
    post.refresh_from_db()
    assert "<script" not in post.body
    assert "onerror" not in post.body
    assert "Hello" in post.body


def test_slug_is_made_from_title_and_kept_unique():
    first = PostFactory(title="Şəki in spring", slug="")
    second = PostFactory(title="Şəki in spring", slug="")
    assert first.slug == "seki-in-spring"
    assert second.slug == "seki-in-spring-2"


def test_database_refuses_an_unknown_status():
    post = PostFactory()
    with pytest.raises(IntegrityError):
        Post.objects.filter(pk=post.pk).update(status="archived")


def test_comment_tree_nests_replies_under_what_they_answer():
    post = PostFactory(published=True)
    root = CommentFactory(post=post)
    reply = CommentFactory(post=post, parent=root)
    reply_to_reply = CommentFactory(post=post, parent=reply)
    CommentFactory(post=post, parent=root, status="pending")
    roots = post.comment_tree()
    assert roots == [root]
    assert roots[0].children == [reply]
    assert roots[0].children[0].children == [reply_to_reply]
    assert post.shown_comment_count == 3
