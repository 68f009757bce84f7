import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains
from reversion.models import Version

from blog.models import Post
from blog.publishing.revisions import highlight
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def form(author, **fields):
    return {
        "title": "First title", "slug": "piece", "excerpt": "", "body": "<p>Old words here.</p>",
        "status": "draft", "comments_enabled": "on", "imported_views": "0",
        "post_authors-TOTAL_FORMS": "1", "post_authors-INITIAL_FORMS": "0",
        "post_authors-MIN_NUM_FORMS": "1", "post_authors-MAX_NUM_FORMS": "1000",
        "post_authors-0-author": author.pk, "post_authors-0-position": "0", **fields,
    }  # fmt: skip


@pytest.fixture
def edited_post(admin_client):
    author = AuthorFactory()
    admin_client.post(reverse("admin:blog_post_add"), form(author))
    post = Post.objects.get()
    link = post.post_authors.get()
    data = form(author, title="Second title", body="<p>New words here.</p>")
    data.update({"post_authors-INITIAL_FORMS": "1", "post_authors-0-id": link.pk,
                 "post_authors-0-post": post.pk})  # fmt: skip
    response = admin_client.post(reverse("admin:blog_post_change", args=[post.pk]), data)
    assert response.status_code == 302
    return post


def test_every_save_keeps_a_version(edited_post):
    versions = Version.objects.get_for_object(edited_post)
    assert [v.field_dict["title"] for v in versions] == ["Second title", "First title"]


def test_history_offers_a_comparison(admin_client, edited_post):
    history = admin_client.get(reverse("admin:blog_post_history", args=[edited_post.pk]))
    assertContains(history, "Compare two versions")
    newer, older = Version.objects.get_for_object(edited_post)
    response = admin_client.get(
        reverse("admin:blog_post_compare", args=[edited_post.pk]),
        {"from": older.pk, "to": newer.pk},
    )
    assertContains(response, "<del>First</del><ins>Second</ins> title", html=False)
    assertContains(response, "<del>Old</del><ins>New</ins> words here.", html=False)


def test_an_old_version_can_be_restored(admin_client, edited_post):
    older = Version.objects.get_for_object(edited_post).last()
    url = reverse("admin:blog_post_revision", args=[edited_post.pk, older.pk])
    page = admin_client.get(url).content.decode()
    assert 'value="First title"' in page
    link_id = re.search(r'name="post_authors-0-id" value="(\d+)"', page).group(1)
    data = form(AuthorFactory(), title="First title", body="<p>Old words here.</p>")
    data["post_authors-0-author"] = edited_post.post_authors.get().author_id
    data.update({"post_authors-INITIAL_FORMS": "1", "post_authors-0-id": link_id,
                 "post_authors-0-post": edited_post.pk})  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 302
    edited_post.refresh_from_db()
    assert edited_post.title == "First title"
    assert "Old words" in edited_post.body


def test_comparison_escapes_the_text():
    html = highlight("<b>safe</b>", "<script>x</script>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
