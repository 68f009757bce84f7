import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from blog.models import Comment, CommentStatus
from tests.factories import CommentFactory, PostFactory, post_comment

pytestmark = pytest.mark.django_db


def test_open_moderation_publishes_a_comment_at_once(client, open_comments):
    post = PostFactory(published=True)
    response = post_comment(client, post, body="A hopeful piece.")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.APPROVED
    assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
    page = client.get(post.get_absolute_url())
    assertContains(page, "A hopeful piece.")
    assertContains(page, "your comment is published")


def test_held_comment_is_shown_to_its_writer_alone(client, held_comments):
    post = PostFactory(published=True)
    response = post_comment(client, post, body="Held words.")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
    page = client.get(post.get_absolute_url())
    assertContains(page, "awaiting moderation")
    assertContains(page, "Held words.")
    assertContains(page, "only you can see this comment")
    assertContains(page, "0 comments")
    assertNotContains(Client().get(post.get_absolute_url()), "Held words.")


def test_reply_is_saved_under_its_parent_and_shown_nested(client, open_comments):
    post = PostFactory(published=True)
    parent = CommentFactory(post=post)
    post_comment(client, post, parent=parent.pk, body="I agree with you.")
    reply = Comment.objects.get(body="I agree with you.")
    assert reply.parent == parent
    content = client.get(post.get_absolute_url()).content.decode()
    assert content.index(f'id="comment-{parent.pk}"') < content.index(f'id="comment-{reply.pk}"')


def test_email_is_never_shown(client, open_comments):
    post = PostFactory(published=True)
    CommentFactory(post=post, author_email="private@example.org")
    assertNotContains(client.get(post.get_absolute_url()), "private@example.org")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"body": ""}, "body", "Please write your comment"),
        ({"body": "   "}, "body", "Please write your comment"),
        ({"body": "x" * 5001}, "body", "Comments can be up to 5000 characters"),
        ({"author_name": ""}, "author_name", "Please write your name"),
        ({"author_name": "n" * 81}, "author_name", "under 80 characters"),
        ({"author_email": "not-an-email"}, "author_email", "does not look like an email"),
        ({"author_email": ""}, "author_email", "Please give your email"),
    ],
)
def test_bad_input_gets_a_message_by_the_field_and_keeps_the_text(client, data, field, message):
    post = PostFactory(published=True)
    typed = {"author_name": "Kamran", "author_email": "k@example.org", "body": "My long thought."}
    typed.update(data)
    response = post_comment(client, post, **typed)
    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assertContains(response, f'id="id_{field}_error"', status_code=400, html=False)
    assertContains(response, 'aria-invalid="true"', status_code=400, html=False)
    for kept in (value for key, value in typed.items() if key != field and value.strip()):
        assertContains(response, kept, status_code=400)
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_of_another_post_is_refused_with_text_kept(client, open_comments):
    post = PostFactory(published=True)
    foreign = CommentFactory()
    response = post_comment(client, post, parent=foreign.pk, body="Misdirected reply.")
    assertContains(response, "not on this article", status_code=400)
    assertContains(response, "Misdirected reply.", status_code=400)
    assert not Comment.objects.filter(body="Misdirected reply.").exists()


def test_model_validation_refuses_a_parent_from_another_post():
    post = PostFactory(published=True)
    foreign = CommentFactory()
    comment = Comment(post=post, parent=foreign, author_name="A", author_email="a@b.org", body="x")
    with pytest.raises(Exception, match="only reply to a comment on this article"):
        comment.full_clean()


def test_closed_post_refuses_comments_and_keeps_text(client, open_comments):
    post = PostFactory(published=True, comments_enabled=False)
    response = post_comment(client, post, body="Too late?")
    assertContains(response, "Comments are closed on this article.", status_code=400)
    assert Comment.objects.count() == 0


def test_comments_on_drafts_are_404(client):
    post = PostFactory()
    assert post_comment(client, post).status_code == 404
    assert Comment.objects.count() == 0


def test_comment_body_is_escaped_and_links_are_nofollow_ugc(client):
    post = PostFactory(published=True)
    CommentFactory(
        post=post,
        author_name="<b>Bold</b>",
        body='<script>alert("x")</script>\n\nSee https://example.org/report "quoted"',
    )
    response = client.get(post.get_absolute_url())
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;" in content
    assert "&lt;b&gt;Bold&lt;/b&gt;" in content
    assertContains(
        response,
        '<a href="https://example.org/report" rel="nofollow ugc">https://example.org/report</a>',
        html=False,
    )


def test_comment_form_needs_csrf_token(open_comments):
    post = PostFactory(published=True)
    response = post_comment(Client(enforce_csrf_checks=True), post)
    assert response.status_code == 403
    assert Comment.objects.count() == 0
