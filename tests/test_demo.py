from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from PIL import Image

from blog.management.demo.content import HERE, DemoDataError, load_posts
from blog.models import Author, Comment, Post, PostAuthor, PostStatus, Tag
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

SKIP_MESSAGE = "Demo content skipped: the database already has posts."


def load_demo() -> str:
    out = StringIO()
    call_command("loaddemo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_output(media_root):
    # media_root (conftest) sends the generated pictures to a temporary folder.
    return load_demo()


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Author, Post, PostAuthor, Comment, Tag)
    }


def test_demo_publishes_posts_and_reports_what_it_loaded(demo_output):
    published = Post.objects.published()
    assert published.count() == 6
    assert (
        f"Loaded demo content: 4 writers, 8 posts, {Comment.objects.count()} comments."
        in demo_output
    )
    assert all(40 <= post.view_count <= 900 for post in published)
    assert len({post.reading_time for post in published}) >= 3


def test_every_published_post_has_a_described_cover_and_pictured_writers(demo_output):
    for post in Post.objects.published().with_authors():
        assert post.cover.alt.strip()
        with post.cover.file.open("rb") as file, Image.open(file) as cover:
            assert cover.size == (1600, 900)
        assert post.cover.renditions.filter(format="webp").exists()
        assert post.credited_authors
        for writer in post.credited_authors:
            with writer.picture.file.open("rb") as file, Image.open(file) as picture:
                assert picture.width == picture.height
    assert Post.objects.annotate(writers=Count("post_authors")).filter(writers=2).exists()


def test_azerbaijani_titles_get_ascii_slugs(demo_output):
    post = Post.objects.get(title="Tea in Şəki: notes from a youth exchange")
    assert post.slug == "tea-in-seki-notes-from-a-youth-exchange"


def test_tags_are_shared_between_published_posts(demo_output):
    uses = Counter(name for post in Post.objects.published() for name in post.tags.names())
    assert max(uses.values()) >= 3


def test_comments_form_threads_in_time_order(demo_output):
    now = timezone.now()
    assert Comment.objects.approved().filter(parent__parent__isnull=False).exists()
    for comment in Comment.objects.select_related("post", "parent"):
        assert comment.post.published_at < comment.created_at <= now
        if comment.parent is not None:
            assert comment.parent.post_id == comment.post_id
            assert comment.parent.created_at < comment.created_at


def test_moderation_queue_has_pending_comments(demo_output):
    assert Comment.objects.pending().count() >= 2


def test_draft_and_scheduled_posts_stay_unpublished(demo_output):
    now = timezone.now()
    draft = Post.objects.get(status=PostStatus.DRAFT)
    scheduled = Post.objects.get(status=PostStatus.PUBLISHED, published_at__gt=now)
    assert timedelta(days=6) < scheduled.published_at - now < timedelta(days=8)
    published = Post.objects.published()
    assert draft not in published
    assert scheduled not in published


def test_second_run_changes_nothing(demo_output, media_root):
    rows, files = row_counts(), sorted(media_root.rglob("*"))
    assert SKIP_MESSAGE in load_demo()
    assert row_counts() == rows
    assert sorted(media_root.rglob("*")) == files


def test_an_existing_post_keeps_the_demo_out(media_root):
    PostFactory(title="An editor's first post")
    assert SKIP_MESSAGE in load_demo()
    assert list(Post.objects.values_list("title", flat=True)) == ["An editor's first post"]
    assert not Comment.objects.exists()


def test_a_broken_demo_file_is_named_with_its_line(tmp_path):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "01-river.json").write_text('{\n  "title": "River",\n  "tags": [,]\n}\n')
    with pytest.raises(DemoDataError, match=r"^01-river\.json, line 3: Expecting value"):
        load_posts(tmp_path)
    (tmp_path / "posts" / "01-river.json").write_text('{"title": "River", "colour": "teal"}')
    with pytest.raises(DemoDataError, match=r"^01-river\.json: .*'cover'"):
        load_posts(tmp_path)


def test_the_demo_is_read_from_its_data_files():
    """Each post's body comes from its .html file beside the .json; the loader adds none."""
    folder = HERE / "posts"
    bodies = sorted(folder.glob("*.html"))
    assert [post.body for post in load_posts()] == [path.read_text() for path in bodies]
    assert len(bodies) == len(list(folder.glob("*.json"))) == 8
