"""RSS 2.0 and Atom feeds of the site, of each tag and of each writer, read by feedparser
as a feed reader would."""

import feedparser
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import AuthorFactory, ImageFactory, PostFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://blog.example.org"
FEEDS = [
    ("blog:feed", {}),
    ("blog:feed_atom", {}),
    ("blog:tag_feed", {"slug": "water"}),
    ("blog:tag_feed_atom", {"slug": "water"}),
    ("blog:author_feed", {"slug": "ani"}),
    ("blog:author_feed_atom", {"slug": "ani"}),
]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def post():
    ani = AuthorFactory(name="Ani Petrosyan", slug="ani")
    return PostFactory(
        title="Rivers </script> & borders",
        excerpt="Shared water, shared work.",
        body='<p>Read <a href="/post/other/">the other post</a>.</p><img src="/media/x.png">',
        cover=ImageFactory(alt="A river"),
        authors=[ani, AuthorFactory(name="Giorgi Beridze")],
        tags=["water", "youth"],
        published=True,
    )


def read(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_feedparser_reads_every_feed_without_errors(client, post, name, kwargs):
    response, feed = read(client, name, kwargs)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == ("atom10" if name.endswith("_atom") else "rss20")
    [entry] = feed.entries
    assert entry.title == "Rivers </script> & borders"
    assert entry.link == f"{SITE_URL}{post.get_absolute_url()}"
    assert feed.feed.link.startswith(SITE_URL)
    assert b"example.com" not in response.content


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_entries_carry_the_full_body_with_absolute_links(client, post, name, kwargs):
    _, feed = read(client, name, kwargs)
    [entry] = feed.entries
    content = entry.content[0].value
    assert f'href="{SITE_URL}/post/other/"' in content
    assert f'src="{SITE_URL}/media/x.png"' in content
    assert entry.summary == "Shared water, shared work."
    assert entry.author == "Ani Petrosyan, Giorgi Beridze"
    assert {tag.term for tag in entry.tags} == {"water", "youth"}


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_the_cover_is_an_enclosure_with_length_and_type(client, post, name, kwargs):
    _, feed = read(client, name, kwargs)
    [enclosure] = feed.entries[0].enclosures
    share = post.cover.rendition("share")
    assert enclosure.href == f"{SITE_URL}{share.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == default_storage.size(share.file) > 0


def test_a_missing_cover_file_leaves_the_enclosure_out(client, post):
    default_storage.delete(post.cover.rendition("share").file)
    _, feed = read(client, "blog:feed", {})
    assert feed.bozo == 0
    assert feed.entries[0].enclosures == []


def test_feeds_hold_only_published_posts_of_their_tag_or_writer(client, post):
    PostFactory(title="Draft", tags=["water"], authors=[post.credited_authors[0]])
    PostFactory(title="Other tag", tags=["mountains"], published=True)
    site = read(client, "blog:feed", {})[1]
    tag = read(client, "blog:tag_feed", {"slug": "water"})[1]
    writer = read(client, "blog:author_feed", {"slug": "ani"})[1]
    assert [e.title for e in site.entries] == ["Other tag", post.title]
    assert [e.title for e in tag.entries] == [post.title]
    assert [e.title for e in writer.entries] == [post.title]


def test_unknown_or_unpublished_tags_and_writers_have_no_feed(client):
    PostFactory(tags=["secret"])
    assert client.get(reverse("blog:tag_feed", kwargs={"slug": "secret"})).status_code == 404
    assert client.get(reverse("blog:tag_feed", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("blog:author_feed", kwargs={"slug": "nope"})).status_code == 404


def test_pages_announce_and_link_their_feeds(client, post):
    home = client.get(reverse("blog:post_list"))
    tag = client.get(reverse("blog:tag_detail", kwargs={"slug": "water"}))
    writer = client.get(reverse("blog:author_detail", kwargs={"slug": "ani"}))
    for response in (home, tag, writer):
        assertContains(response, '<link rel="alternate" type="application/rss+xml"', html=False)
        site_atom = reverse("blog:feed_atom")
        assertContains(response, f'href="{site_atom}" type="application/atom+xml">Atom', html=False)
    for response, name, slug in ((tag, "tag", "water"), (writer, "author", "ani")):
        rss = reverse(f"blog:{name}_feed", kwargs={"slug": slug})
        atom = reverse(f"blog:{name}_feed_atom", kwargs={"slug": slug})
        assertContains(response, f'href="{rss}"', count=2)
        assertContains(response, f'href="{atom}"', count=2)


def test_feed_length_is_capped(client):
    PostFactory.create_batch(25, published=True)
    assert len(read(client, "blog:feed", {})[1].entries) == 20
