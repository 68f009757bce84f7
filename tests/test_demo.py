import json
import re
from collections import Counter
from datetime import timedelta
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone, translation
from PIL import Image

from blog.management.demo.content import (
    HERE,
    POSTS,
    TAGS,
    DemoDataError,
    load_posts,
    load_series,
)
from blog.models import Author, Comment, Post, PostAuthor, PostStatus, Series, SeriesPart, Tag
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


TEA = "tea-in-seki-notes-from-a-youth-exchange"
TEA_VERSIONS = {"en": TEA, "az": "sekide-cay-ustunde", "ru": "chay-v-sheki"}
ONE_LANGUAGE = {"az": "mekteb-heyetinde-sulh", "ru": "nochnoy-poezd-do-baku"}


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Author, Post, PostAuthor, Comment, Tag, Series, SeriesPart)
    }


def languages_and_translations() -> dict[str, list]:
    return {
        "posts": list(
            Post.objects.order_by("pk").values_list(
                "slug", "language", "translation_group", "translated_from__slug",
                "translated_from_version", "version",
            )
        ),
        "tags": list(Tag.objects.order_by("pk").values_list("name", "name_translations")),
        "writers": list(
            Author.objects.order_by("pk").values_list(
                "slug", "role_translations", "bio_translations",
            )
        ),
    }  # fmt: skip


def test_demo_publishes_posts_and_reports_what_it_loaded(demo_output):
    published = Post.objects.published()
    assert published.count() == 10
    assert Counter(published.values_list("language", flat=True)) == {"en": 6, "az": 2, "ru": 2}
    assert (
        f"Loaded demo content: 4 writers, 12 posts, {Comment.objects.count()} comments."
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
    languages = languages_and_translations()
    assert SKIP_MESSAGE in load_demo()
    assert row_counts() == rows
    assert sorted(media_root.rglob("*")) == files
    assert languages_and_translations() == languages


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


def test_a_translation_names_an_earlier_original_without_its_language(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    cover = {"alt": "Hills", "sky": ["#000000", "#ffffff"], "hills": "#111111", "sun": "#eeeeee"}
    original = {"title": "River", "excerpt": "", "writers": ["leyla"], "tags": ["water"],
                "cover": cover, "days_ago": 3}  # fmt: skip
    (posts / "01-river.json").write_text(json.dumps(original))
    (posts / "01-river.html").write_text("<p>Water.</p>")
    (posts / "02-cay.html").write_text("<p>Su.</p>")

    def translation(**keys):
        data = {"title": "Çay", "excerpt": "", "cover": {"alt": "Təpələr"}, "days_ago": 2}
        (posts / "02-cay.json").write_text(json.dumps(data | keys))
        return load_posts(tmp_path)

    river, cay = translation(language="az", translation_of="01-river")
    # What it leaves out is the original's, the cover drawn as the same picture.
    assert (cay.language, cay.translation_of, cay.writers, cay.tags) == (
        "az", "01-river", ("leyla",), ("water",)
    )  # fmt: skip
    assert cay.cover.alt == "Təpələr" and cay.cover.seed == river.cover.seed == "River"
    assert (cay.cover.sky, cay.cover.hills) == (river.cover.sky, river.cover.hills)
    with pytest.raises(DemoDataError, match=r"^02-cay\.json: .*no earlier post file"):
        translation(language="az", translation_of="03-later")
    with pytest.raises(DemoDataError, match=r"^02-cay\.json: .*already has a version in 'en'"):
        translation(translation_of="01-river")  # English, like the original


def test_every_version_of_a_post_is_in_its_own_language_in_one_group(demo_output):
    tea = Post.objects.get(slug=TEA)
    group = Post.objects.filter(translation_group=tea.translation_group)
    versions = {post.language: post for post in group.select_related("cover")}
    assert {code: post.slug for code, post in versions.items()} == TEA_VERSIONS
    assert versions["az"].title == "Şəkidə çay üstündə: gənclər mübadiləsindən qeydlər"
    assert versions["ru"].title == "Чай в Шеки: заметки с молодёжного обмена"
    for version in (versions["az"], versions["ru"]):
        assert version.translated_from == tea
        assert version.translated_from_version == tea.version
        assert version.is_live and version.published_at > tea.published_at
        assert list(version.authors.all()) == list(tea.authors.all())
        assert sorted(version.tags.names()) == sorted(tea.tags.names())
        assert version.comments.approved().exists()
        # A cover of its own, described in its language, showing the same picture.
        assert version.cover != tea.cover and version.cover.alt != tea.cover.alt
        with version.cover.file.open("rb") as mine, tea.cover.file.open("rb") as original:
            assert mine.read() == original.read()
    assert len({(post.title, post.excerpt, post.body) for post in versions.values()}) == 3
    # Wherever a post was translated from, it shares the original's group.
    for post in Post.objects.filter(translated_from__isnull=False).select_related(
        "translated_from"
    ):
        assert post.translation_group == post.translated_from.translation_group


def test_a_post_only_in_azerbaijani_and_one_only_in_russian(demo_output):
    for language, slug in ONE_LANGUAGE.items():
        post = Post.objects.get(slug=slug)
        assert (post.language, post.translated_from, post.is_live) == (language, None, True)
        others = Post.objects.filter(translation_group=post.translation_group).exclude(pk=post.pk)
        assert not others.exists()
        letters = "ə" if language == "az" else "а-я"
        comments = post.comments.all()
        assert comments.approved().exists()
        assert all(re.search(f"[{letters}]", comment.body) for comment in comments)


def test_the_newest_and_the_oldest_published_posts_stay_english(demo_output):
    # The end-to-end tests open both, by these rules (tests/e2e/conftest.py).
    published = Post.objects.published()
    assert published.order_by("-published_at").first().slug == (
        "small-grants-long-roots-five-years-of-community-projects"
    )
    assert published.order_by("published_at").first().language == "en"


def test_tags_and_writers_are_translated(demo_output):
    assert sorted(Tag.objects.values_list("name", flat=True)) == sorted(t.name for t in TAGS)
    for tag in Tag.objects.all():
        assert set(tag.name_translations) == {"az", "ru"}
        assert all(tag.name_translations.values())
        assert tag.name_translations["az"] != tag.name
    for writer in Author.objects.all():
        for translations in (writer.role_translations, writer.bio_translations):
            assert set(translations) == {"az", "ru"} and all(translations.values())
        assert writer.bio_translations["ru"] != writer.bio
    with translation.override("ru"):
        assert Tag.objects.get(name="youth").local_name == "молодёжь"
        assert Author.objects.get(slug="nino-beridze").local_role.startswith("Координатор")
    with translation.override("az"):
        assert Tag.objects.get(name="peace-building").local_name == "sülh quruculuğu"


def test_posts_name_only_tags_that_have_translations():
    assert {tag for post in POSTS for tag in post.tags} == {tag.name for tag in TAGS}


def text_of(post) -> str:
    return unescape(re.sub(r"<[^>]+>", "", post.body))


def test_russian_and_azerbaijani_text_is_typeset_for_its_language():
    """Russian in «ёлочки» with dashes, Azerbaijani in Latin letters with its own."""
    russian = [post for post in POSTS if post.language == "ru"]
    azerbaijani = [post for post in POSTS if post.language == "az"]
    assert len(russian) == len(azerbaijani) == 2
    for post in russian:
        text = " ".join([post.title, post.excerpt, text_of(post), post.cover.alt])
        assert not re.search('["“”„]| - ', text), post.name
        assert all(mark in text for mark in "«»—ё"), post.name
    for post in azerbaijani:
        text = " ".join([post.title, post.excerpt, text_of(post), post.cover.alt])
        assert not re.search('[а-яА-Я"]', text), post.name
        assert all(letter in text for letter in "əığşçöü"), post.name


@pytest.mark.parametrize("language", ["en", "az"])
def test_a_site_without_a_language_gets_the_posts_it_can_show(settings, media_root, language):
    settings.LANGUAGES = [(language, "The only one")]
    load_demo()
    assert set(Post.objects.values_list("language", flat=True)) == {language}
    # Without its English original, a translation stands alone.
    assert not Post.objects.filter(translated_from__isnull=False).exists()


def test_the_demo_is_read_from_its_data_files():
    """Each post's body comes from its .html file beside the .json; the loader adds none."""
    folder = HERE / "posts"
    bodies = sorted(folder.glob("*.html"))
    assert [post.body for post in load_posts()] == [path.read_text() for path in bodies]
    assert len(bodies) == len(list(folder.glob("*.json"))) == 12


def test_the_demo_has_a_series_of_english_posts_read_in_order(demo_output):
    series = Series.objects.get(slug="dialogue-in-practice")
    assert series.language == "en" and series.description
    parts = list(series.published_parts())
    assert [post.slug for post in parts] == [
        "listening-before-speaking-how-our-dialogue-circles-work",
        "the-keys-we-kept-collecting-oral-histories-of-home",
        "gence-kutaisi-gyumri-three-classrooms-one-workshop",
    ]
    assert all(post.language == "en" and post.is_live for post in parts)
    place = series.place_of(parts[1])
    assert (place.number, place.count, place.previous, place.next) == (2, 3, parts[0], parts[2])


def test_a_series_names_post_files_of_its_language(tmp_path):
    (tmp_path / "series.json").write_text(
        '[{"title": "T", "slug": "t", "description": "", "parts": ["99-missing"]}]'
    )
    with pytest.raises(DemoDataError, match=r"^series\.json: .*no post file is named '99-missing'"):
        load_series(tmp_path, posts=POSTS)
    (tmp_path / "series.json").write_text(
        '[{"title": "T", "slug": "t", "description": "", "parts": ["10-chay-v-sheki"]}]'
    )
    with pytest.raises(DemoDataError, match=r"^series\.json: .*is not in 'en'"):
        load_series(tmp_path, posts=POSTS)
