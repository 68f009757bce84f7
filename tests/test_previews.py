import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import PostStatus, PostView
from blog.publishing.previews import preview_url
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_editor_finds_the_preview_link_in_the_admin(admin_client):
    post = PostFactory(title="Draft piece")
    page = admin_client.get(reverse("admin:blog_post_change", args=[post.pk])).content.decode()
    link = re.search(r'href="(/preview/[^"]+/)"', page).group(1)
    assertContains(Client().get(link), "Draft piece")


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_a_colleague_without_login_previews_it_as_readers_will_see_it(kind):
    fields = {"status": PostStatus.PUBLISHED, "published_at": timezone.now() + timedelta(days=2)}
    post = PostFactory(title="Coming soon", body="<p>The whole text.</p>",
                       **(fields if kind == "scheduled" else {}))  # fmt: skip
    response = Client().get(preview_url(post))
    assertContains(response, "<h1", count=1)
    assertContains(response, "The whole text.")
    assertContains(response, "Preview.")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assertContains(response, '<meta name="robots" content="noindex, nofollow">', html=False)
    assertNotContains(response, "data-view-url")
    assertNotContains(response, 'id="comment-form" class="comment-form"', html=False)
    assert not PostView.objects.exists()


def test_preview_links_expire(settings):
    settings.PREVIEW_LINK_DAYS = 3
    post = PostFactory()
    url = preview_url(post)
    later = time.time() + 4 * 86400
    with mock.patch("time.time", return_value=later):
        assert Client().get(url).status_code == 404


def test_forged_preview_links_are_404():
    post = PostFactory()
    url = preview_url(post)
    assert Client().get(url[:-3] + "xx/").status_code == 404
    assert (
        Client().get(reverse("blog:post_preview", kwargs={"token": "1:abc:def"})).status_code == 404
    )
