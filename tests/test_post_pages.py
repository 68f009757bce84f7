from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import PostStatus
from blog.views import server_error
from tests.factories import AuthorFactory, CommentFactory, ImageFactory, PostFactory

pytestmark = pytest.mark.django_db


def square_url(image):
    return image.renditions.filter(kind="square", format="webp").first().url


def test_drafts_and_scheduled_posts_are_not_listed(client):
    PostFactory(title="Hidden draft")
    PostFactory(
        title="Not yet",
        status=PostStatus.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    PostFactory(title="Visible post", published=True)
    response = client.get(reverse("blog:post_list"))
    assertContains(response, "Visible post")
    assertNotContains(response, "Hidden draft")
    assertNotContains(response, "Not yet")


def test_home_card_shows_what_wix_showed(client):
    author = AuthorFactory(name="Leyla Məmmədova", picture=ImageFactory())
    post = PostFactory(
        title="Dialogue in Şəki",
        excerpt="What young people said.",
        cover=ImageFactory(alt="A street in Şəki"),
        body="<p>" + "word " * 450 + "</p>",
        authors=[author],
        published=True,
    )
    post.view_count = 1234
    post.save()
    CommentFactory.create_batch(2, post=post)
    response = client.get(reverse("blog:post_list"))
    assertContains(response, post.get_absolute_url())
    assertContains(response, "What young people said.")
    assertContains(response, "Leyla Məmmədova")
    assertContains(response, square_url(author.picture))
    assertContains(response, post.cover.renditions.filter(kind="wide", format="webp").first().url)
    assertContains(response, "3 min read")
    assertContains(response, "1234 views")
    assertContains(response, "2 comments")
    published = timezone.localtime(post.published_at).isoformat()
    assertContains(response, f'datetime="{published}"', html=False)


def test_home_is_paginated_ten_a_page(client):
    PostFactory.create_batch(11, published=True)
    first = client.get(reverse("blog:post_list"))
    second = client.get(reverse("blog:post_list"), {"page": 2})
    assert len(first.context["page"].object_list) == 10
    assert len(second.context["page"].object_list) == 1
    assertContains(first, 'rel="next"')


@pytest.mark.parametrize("page", ["3", "abc", "0", "-1", "999999"])
def test_pages_past_the_last_or_malformed_are_404(client, page):
    PostFactory.create_batch(11, published=True)
    response = client.get(reverse("blog:post_list"), {"page": page})
    assert response.status_code == 404
    assertContains(response, "Page not found", status_code=404)


def test_article_shows_byline_body_tags_share_links_and_counts(client):
    author = AuthorFactory(name="Ani Petrosyan", slug="ani", picture=ImageFactory())
    second = AuthorFactory(name="Giorgi Beridze", slug="giorgi")
    post = PostFactory(
        title="Water knows no borders",
        body="<h2>Rivers</h2><p>Shared rivers need shared work.</p>",
        authors=[author, second],
        tags=["environment", "cooperation"],
        published=True,
    )
    CommentFactory(post=post)
    response = client.get(post.get_absolute_url())
    content = response.content.decode()
    assertContains(response, "<h1", count=1)
    assertContains(response, "<h2>Rivers</h2>", html=False)
    assert content.index("Ani Petrosyan") < content.index("Giorgi Beridze")
    assertContains(response, reverse("blog:author_detail", kwargs={"slug": "ani"}))
    assertContains(response, square_url(author.picture))
    assertContains(response, "<time datetime=", html=False)
    assertContains(response, "1 min read")
    assertContains(response, "0 views")
    assertContains(response, "1 comment")
    assertContains(response, reverse("blog:tag_detail", kwargs={"slug": "environment"}))
    for network in ["facebook.com/sharer", "x.com/intent", "linkedin.com/sharing",
                    "t.me/share", "wa.me", "mailto:?subject=", "Copy link"]:  # fmt: skip
        assertContains(response, network)
    assertContains(response, 'rel="canonical" href="http://testserver/post/', html=False)


def test_every_page_has_skip_links_to_content_top_and_bottom(client):
    post = PostFactory(published=True)
    for url in [reverse("blog:post_list"), post.get_absolute_url(), "/no-such-page/"]:
        content = client.get(url).content.decode()
        for target in ["main", "top", "page-bottom"]:
            assert f'href="#{target}"' in content
            assert f'id="{target}"' in content


def test_replies_are_nested_under_what_they_answer(client):
    post = PostFactory(published=True)
    root = CommentFactory(post=post, body="First thought")
    reply = CommentFactory(post=post, parent=root, body="An answer")
    response = client.get(post.get_absolute_url())
    content = response.content.decode()
    root_at = content.index(f'id="comment-{root.pk}"')
    replies_at = content.index("comment-list--replies", root_at)
    assert root_at < replies_at < content.index(f'id="comment-{reply.pk}"')


def test_only_approved_comments_are_shown(client):
    post = PostFactory(published=True)
    CommentFactory(post=post, body="Approved words")
    for status in ["pending", "spam", "removed"]:
        CommentFactory(post=post, body=f"Hidden {status}", status=status)
    response = client.get(post.get_absolute_url())
    assertContains(response, "Approved words")
    assertNotContains(response, "Hidden")


def test_reply_link_brings_the_form_for_that_comment(client):
    post = PostFactory(published=True)
    comment = CommentFactory(post=post, author_name="Nigar")
    response = client.get(post.get_absolute_url(), {"reply_to": comment.pk})
    assertContains(response, f"?reply_to={comment.pk}#comment-form")
    assertContains(response, "Reply to Nigar")
    assertContains(response, f'name="parent" value="{comment.pk}"', html=False)
    assertContains(response, 'id="comment-form"', count=1)


def test_reply_link_to_a_foreign_comment_shows_the_plain_form(client):
    post = PostFactory(published=True)
    other = CommentFactory()
    response = client.get(post.get_absolute_url(), {"reply_to": other.pk})
    assertContains(response, "Leave a comment")
    assertNotContains(response, f'value="{other.pk}"')


def test_article_links_to_previous_and_next_posts(client):
    now = timezone.now()
    older = PostFactory(title="Older", published=True, published_at=now - timedelta(days=2))
    middle = PostFactory(title="Middle", published=True, published_at=now - timedelta(days=1))
    newer = PostFactory(title="Newer", published=True, published_at=now)
    response = client.get(middle.get_absolute_url())
    assertContains(response, f'rel="prev" href="{older.get_absolute_url()}"', html=False)
    assertContains(response, f'rel="next" href="{newer.get_absolute_url()}"', html=False)


def test_drafts_and_schedules_are_neither_neighbours_nor_related(client):
    now = timezone.now()
    shown = PostFactory(title="Shown", published=True, published_at=now - timedelta(days=2),
                        tags=["water"])  # fmt: skip
    PostFactory(title="A draft", tags=["water"], published_at=now - timedelta(days=1))
    PostFactory(title="Tomorrow", status=PostStatus.PUBLISHED, tags=["water"],
                published_at=now + timedelta(days=1))  # fmt: skip
    response = client.get(shown.get_absolute_url())
    assertNotContains(response, "A draft")
    assertNotContains(response, "Tomorrow")
    assertNotContains(response, 'rel="next"', html=False)


@pytest.mark.parametrize("kind", ["draft", "scheduled", "unknown"])
def test_unpublished_and_unknown_articles_are_404(client, kind):
    if kind == "draft":
        url = PostFactory().get_absolute_url()
    elif kind == "scheduled":
        url = PostFactory(
            status=PostStatus.PUBLISHED, published_at=timezone.now() + timedelta(minutes=5)
        ).get_absolute_url()
    else:
        url = reverse("blog:post_detail", kwargs={"slug": "no-such-post"})
    response = client.get(url)
    assertContains(response, "Page not found", status_code=404)


def test_tag_page_lists_published_posts_with_that_tag(client):
    PostFactory(title="Tagged", tags=["youth"], published=True)
    PostFactory(title="Other", tags=["water"], published=True)
    PostFactory(title="Draft tagged", tags=["youth"])
    response = client.get(reverse("blog:tag_detail", kwargs={"slug": "youth"}))
    assertContains(response, "Articles tagged “youth”")
    assertContains(response, "Tagged")
    assertNotContains(response, "Other")
    assertNotContains(response, "Draft tagged")


def test_tag_used_only_by_drafts_or_unknown_is_404(client):
    PostFactory(tags=["secret"])
    assert client.get(reverse("blog:tag_detail", kwargs={"slug": "secret"})).status_code == 404
    assert client.get(reverse("blog:tag_detail", kwargs={"slug": "nope"})).status_code == 404


def test_author_page_shows_picture_bio_and_their_posts(client):
    author = AuthorFactory(
        name="Rashad", slug="rashad", bio="Writes about youth.", picture=ImageFactory()
    )
    PostFactory(title="By Rashad", authors=[author], published=True)
    PostFactory(title="By someone else", published=True)
    PostFactory(title="Rashad draft", authors=[author])
    response = client.get(author.get_absolute_url())
    assertContains(response, "Writes about youth.")
    assertContains(response, square_url(author.picture))
    assertContains(response, "By Rashad")
    assertNotContains(response, "By someone else")
    assertNotContains(response, "Rashad draft")
    assert client.get("/authors/nobody/").status_code == 404


def test_author_page_is_paginated(client):
    author = AuthorFactory()
    for _ in range(11):
        PostFactory(authors=[author], published=True)
    assert client.get(author.get_absolute_url(), {"page": 2}).status_code == 200
    assert client.get(author.get_absolute_url(), {"page": 3}).status_code == 404


def test_wrong_method_is_405_not_500(client):
    post = PostFactory(published=True)
    assert client.post(reverse("blog:post_list")).status_code == 405
    assert client.get(reverse("blog:comment_create", kwargs={"slug": post.slug})).status_code == 405


def test_server_error_page_looks_like_the_site(settings):
    response = server_error(None)
    assert response.status_code == 500
    assert settings.SITE_NAME in response.content.decode()
    assert "Something went wrong" in response.content.decode()


def test_tags_in_azerbaijani_get_ascii_addresses(client):
    post = PostFactory(published=True, tags=["Şəki", "Мир"])
    response = client.get(post.get_absolute_url())
    assertContains(response, 'href="/tags/seki/"', html=False)
    assertContains(response, 'href="/tags/mir/"', html=False)
    assertContains(client.get("/tags/seki/"), post.title)


def test_public_pages_answer_head_requests(client):
    post = PostFactory(published=True, tags=["peace"])
    author = post.credited_authors[0]
    for url in ["/", post.get_absolute_url(), "/tags/peace/", author.get_absolute_url()]:
        assert client.head(url).status_code == 200


def test_article_survives_a_missing_original_cover_file(client):
    post = PostFactory(published=True, cover=ImageFactory())
    post.cover.file.storage.delete(post.cover.file.name)
    response = client.get(post.get_absolute_url())
    assertContains(response, 'width="160" height="90"', html=False)


def test_posts_published_in_the_same_second_link_to_each_other(client):
    at = timezone.now() - timedelta(minutes=1)
    first, second = (PostFactory(published=True, published_at=at) for _ in range(2))
    assertContains(client.get(first.get_absolute_url()), second.get_absolute_url())
    assertContains(client.get(second.get_absolute_url()), first.get_absolute_url())
