"""Old addresses answer 301 with their new page; pages that exist never look them up."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from blog.models import PostAuthor, PostStatus, Redirect
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def make(old, new, **extra):
    redirect = Redirect(old_path=old, new_path=new, **extra)
    redirect.full_clean()
    redirect.save()
    return redirect


def test_an_old_address_answers_301_and_counts_its_use(client):
    post = PostFactory(published=True, slug="river-day")
    make("/2019/05/12/river-day/", post.get_absolute_url())
    response = client.get("/2019/05/12/river-day/")
    assert response.status_code == 301
    assert response["Location"] == "/post/river-day/"
    assert client.get(response["Location"]).status_code == 200
    client.get("/2019/05/12/river-day")  # without its slash: the same address
    redirect = Redirect.objects.get()
    assert redirect.hits == 2
    assert redirect.last_used_at is not None


def test_an_address_without_its_slash_goes_to_the_new_page_in_one_step(client):
    make("/single-post/2020/01/02/tea", "/post/tea-in-seki/")
    response = client.get("/single-post/2020/01/02/tea")
    assert (response.status_code, response["Location"]) == (301, "/post/tea-in-seki/")


def test_wordpress_query_addresses_redirect_and_the_home_page_still_answers(client):
    make("/?p=12", "/post/river-day/")
    response = client.get("/?p=12")
    assert (response.status_code, response["Location"]) == (301, "/post/river-day/")
    assert client.get("/?p=13").status_code == 200  # no such redirect: the home page
    assert client.get("/?p=x").status_code == 200


def test_an_unknown_address_is_still_a_404(client):
    make("/old/", "/post/new/")
    response = client.get("/older/")
    assert response.status_code == 404
    assertContains(response, "not found", status_code=404)


def test_a_form_sent_to_an_old_address_is_not_redirected(client):
    make("/old-form/", "/post/new/")
    assert client.post("/old-form/", {"a": "b"}).status_code in {403, 404}


def test_pages_that_exist_never_read_the_redirects(client):
    post = PostFactory(published=True)
    make("/old/", post.get_absolute_url())
    for address in [post.get_absolute_url(), "/", reverse("blog:search") + "?q=river"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        assert not [q for q in queries if "blog_redirect" in q["sql"]], address


@pytest.mark.parametrize(
    ("old", "stored"),
    [
        ("/2019/05/river/", "/2019/05/river"),
        ("https://old.example.org/blog/river?x=1", "/blog/river?x=1"),
        ("single-post/river", "/single-post/river"),
        ("/", "/"),
    ],
)
def test_old_addresses_are_stored_in_one_form(old, stored):
    assert make(old, "/post/river/").old_path == stored


@pytest.mark.parametrize("new", ["//evil.example/", "javascript:alert(1)", "/post/river"])
def test_a_redirect_to_itself_or_to_a_script_is_refused(new):
    with pytest.raises(ValidationError) as refused:
        make("/post/river/", new)
    assert "new_path" in refused.value.message_dict


def change_post(admin_client, post, **fields):
    """Submit the admin's change form of `post` as an editor would."""
    credit = PostAuthor.objects.get(post=post)
    data = {
        "title": post.title, "slug": post.slug, "body": post.body, "excerpt": post.excerpt,
        "imported_views": "0", "status": post.status,
        "published_at_0": post.published_at.strftime("%Y-%m-%d") if post.published_at else "",
        "published_at_1": post.published_at.strftime("%H:%M:%S") if post.published_at else "",
        "post_authors-TOTAL_FORMS": "1", "post_authors-INITIAL_FORMS": "1",
        "post_authors-MIN_NUM_FORMS": "1", "post_authors-MAX_NUM_FORMS": "1000",
        "post_authors-0-id": credit.pk, "post_authors-0-post": post.pk,
        "post_authors-0-author": credit.author_id, "post_authors-0-position": "0",
        **fields,
    }  # fmt: skip
    return admin_client.post(reverse("admin:blog_post_change", args=[post.pk]), data, follow=True)


@pytest.fixture
def published(db):
    return PostFactory(published=True, slug="river-day", title="River day")


def test_changing_a_published_posts_address_leaves_a_redirect(admin_client, client, published):
    page = change_post(admin_client, published, slug="river-day-2019")
    assertContains(page, "Links to the old address, /post/river-day/, now lead here.")
    response = client.get("/post/river-day/")
    assert (response.status_code, response["Location"]) == (301, "/post/river-day-2019/")
    assert Redirect.objects.get().source == "address change"


def test_moving_twice_leaves_no_chain_and_moving_back_no_loop(admin_client, client, published):
    change_post(admin_client, published, slug="second")
    published.refresh_from_db()
    change_post(admin_client, published, slug="third")
    assert client.get("/post/river-day/")["Location"] == "/post/third/"
    assert client.get("/post/second/")["Location"] == "/post/third/"
    published.refresh_from_db()
    change_post(admin_client, published, slug="river-day")
    assert client.get("/post/river-day/").status_code == 200
    assert client.get("/post/third/")["Location"] == "/post/river-day/"
    assert not Redirect.objects.filter(old_path="/post/river-day").exists()


def test_a_draft_moves_without_a_redirect(admin_client, published):
    published.status = PostStatus.DRAFT
    published.save()
    change_post(admin_client, published, slug="elsewhere")
    assert not Redirect.objects.exists()


def test_editors_see_redirects_and_how_often_they_are_used(admin_client, client):
    make("/old/", "/post/new/")
    client.get("/old/")
    page = admin_client.get(reverse("admin:blog_redirect_changelist"))
    assertContains(page, "/old")
    assertContains(page, '<td class="field-hits">1</td>', html=True)


@pytest.mark.parametrize("address", ["/old%00/", "/?p=12&x=%00", "/" + "a" * 600])
def test_addresses_no_redirect_can_have_are_404s_without_asking(client, address):
    make("/old/", "/post/new/")
    make("/?p=12", "/post/new/")
    response = client.get(address)
    assert response.status_code in {301, 404}  # /?p=12 still redirects, NUL elsewhere or not
    assert response.status_code == 404 or address.startswith("/?p=12")
