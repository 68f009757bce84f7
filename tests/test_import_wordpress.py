"""manage.py import wordpress: every fixture of ../shared/fixtures/import/wordpress imports
or is refused with its reason; a re-run changes nothing; old addresses answer 301."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from blog.models import Comment, CommentStatus, ImportedItem, Post, PostStatus, Redirect

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "import" / "wordpress"
THEME = FIXTURES / "theme-unit-test-data.xml"
# Files that are not WordPress exports as WordPress writes them, and why they are refused.
REFUSED = {
    "crazy-cdata.xml": "line 18",  # a CDATA section nested in another
    "malformed.xml": "line 90",
    "malformed-simple.xml": "line 14",
    "tryghost-migrate-sample.xml": "line 109",  # an unescaped & in an address
    "tryghost-migrate-multiple-attachments-only.xml": "line 11",
    "invalid-version-tag.xml": "version 'abc'",
    "missing-version-tag.xml": "no <wp:wxr_version>",
}


def run(path, *options) -> str:
    out = StringIO()
    call_command("import", "wordpress", str(path), *options, "-v0", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "posts": Post.objects.count(), "comments": Comment.objects.count(),
        "redirects": Redirect.objects.count(), "items": ImportedItem.objects.count(),
    }  # fmt: skip


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.xml")), ids=lambda p: p.name)
def test_every_fixture_imports_or_is_refused_with_its_reason(path, media_root):
    if path.name in REFUSED:
        with pytest.raises(CommandError, match=REFUSED[path.name]):
            run(path)
        assert counts()["posts"] == 0
        return
    report = run(path)
    assert "posts:" in report and "0 failed" in report.split("posts:")[1].split("\n")[0]
    before = counts()
    again = run(path)
    assert counts() == before  # a second run duplicates nothing
    assert " 0 created" in again.split("posts:")[1].split("\n")[0]


def test_the_theme_test_data_comes_across(client, media_root):
    report = run(THEME)
    assert "posts: 58 created" in report
    assert "password-protected on the old site, imported as a draft" in report
    assert "a page: pages are not imported yet" in report
    threads = Post.objects.get(title="Template: Comments")
    assert threads.comments.count() == 20
    assert threads.comments.filter(parent__isnull=False).count() == 9
    assert threads.comments.filter(status=CommentStatus.APPROVED).count() == 19
    assert threads.comments.filter(status=CommentStatus.PENDING).count() == 1
    scheduled = Post.objects.get(title="Scheduled")
    assert scheduled.status == PostStatus.PUBLISHED
    assert not Post.objects.published().filter(pk=scheduled.pk).exists()
    assert Post.objects.get(title__startswith="Template: Password").status == PostStatus.DRAFT
    old = client.get("/2012/01/03/template-comments/")
    assert (old.status_code, old["Location"]) == (301, threads.get_absolute_url())
    assert client.get("/?p=1148")["Location"] == threads.get_absolute_url()
    assert client.get(threads.get_absolute_url()).status_code == 200


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(media_root):
    report = run(THEME, "--dry-run")
    assert report.startswith("Would import (dry run, nothing written):")
    assert "posts: 58 created" in report
    assert counts() == {"posts": 0, "comments": 0, "redirects": 0, "items": 0}


def test_a_changed_post_is_updated_not_duplicated(tmp_path, media_root):
    original = (FIXTURES / "wxr-simple.xml").read_text()
    run(FIXTURES / "wxr-simple.xml")
    post = Post.objects.get()
    changed = tmp_path / "changed.xml"
    changed.write_text(original.replace("Two roads diverged", "Three roads diverged"))
    report = run(changed)
    assert "posts: 0 created, 1 updated" in report
    assert "Three roads diverged" in Post.objects.get(pk=post.pk).body


WXR = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><link>https://old.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example.org</wp:base_site_url>
<item><title>{title}</title><link>https://old.example.org/river/</link>
<dc:creator>ana</dc:creator><wp:post_id>7</wp:post_id><wp:post_name>river</wp:post_name>
<wp:post_date>2020-05-01 10:00:00</wp:post_date>
<wp:post_date_gmt>2020-05-01 06:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
</channel></rss>"""


def export(tmp_path, *, title="River", body="", doctype="") -> Path:
    path = tmp_path / "export.xml"
    path.write_text(WXR.format(title=title, body=body, doctype=doctype))
    return path


def test_an_entity_bomb_is_refused_unexpanded(tmp_path):
    bomb = '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
    with pytest.raises(CommandError, match="declares a DTD or entities"):
        run(export(tmp_path, title="&b;", doctype=bomb))
    assert not Post.objects.exists()


def test_classic_bodies_get_paragraphs_captions_and_lose_scripts(tmp_path, media_root):
    body = (
        "First line\nsecond line\n\nNext paragraph<script>alert(1)</script>\n\n"
        '[caption id="a" width="300"]<img src="https://old.example.org/a.jpg" alt="A river"> '
        'The Kura at dawn[/caption]\n\n[unknown-plugin x="1"]kept words[/unknown-plugin]'
    )
    run(export(tmp_path, title="\u200fRiver\u200e", body=body))
    post = Post.objects.get()
    assert post.title == "River"
    assert "<p>First line<br>" in post.body and "<p>Next paragraph</p>" in post.body
    assert "<figcaption>The Kura at dawn</figcaption>" in post.body
    assert "script" not in post.body and "alert" not in post.body
    assert "kept words" in post.body and "unknown-plugin" not in post.body
    assert post.published_at.isoformat().startswith("2020-05-01T06:00")


def test_joiners_that_spell_words_and_emoji_stay_in_titles(tmp_path, media_root):
    # U+200C spells Persian words, U+200D joins emoji; only direction marks go.
    title = "\u200fمی\u200cخواهم \U0001f469\u200d\U0001f4bb\u200e"
    run(export(tmp_path, title=title, body="Text"))
    assert Post.objects.get().title == "می\u200cخواهم \U0001f469\u200d\U0001f4bb"


def test_a_second_run_reports_writers_and_tags_unchanged(media_root):
    first = run(THEME)
    writers = int(first.split("writers:")[1].split(" created")[0])
    tags = int(first.split("tags:")[1].split(" created")[0])
    # A tag made for one post and met again on the next is counted once, as made.
    assert f"tags: {tags} created, 0 updated, 0 unchanged" in first
    again = run(THEME)
    assert f"writers: 0 created, 0 updated, {writers} unchanged" in again
    assert f"tags: 0 created, 0 updated, {tags} unchanged" in again


def polylang_site(tmp_path) -> Path:
    """wxr-simple.xml's post three times, as Polylang exports a post and its translations:
    a `language` term each and one `post_translations` group (in English and Russian),
    and one in German, which this site does not have."""
    text = (FIXTURES / "wxr-simple.xml").read_text()
    start, end = text.index("<item>"), text.index("</item>") + len("</item>")
    item = text[start:end]
    versions = [
        ("10", "hello-world", "en", "pll_5f2a"),
        ("11", "privet-mir", "ru", "pll_5f2a"),
        ("12", "hallo-welt", "de", ""),
    ]
    items = []
    for post_id, slug, language, group in versions:
        terms = f'<category domain="language" nicename="{language}">{language}</category>'
        if group:
            terms += f'<category domain="post_translations" nicename="{group}">{group}</category>'
        items.append(
            item.replace("<wp:post_id>10</wp:post_id>", f"<wp:post_id>{post_id}</wp:post_id>")
            .replace("[hello-world]", f"[{slug}]")
            .replace("?p=1<", f"?p={post_id}<")
            .replace("<wp:postmeta>", terms + "<wp:postmeta>", 1)
        )
    path = tmp_path / "polylang.xml"
    path.write_text(text[:start] + "".join(items) + text[end:])
    return path


def test_polylang_languages_and_translations_come_across(tmp_path, media_root):
    output = run(polylang_site(tmp_path), "--language", "az")
    posts = {post.slug: post for post in Post.objects.all()}
    assert (posts["hello-world"].language, posts["privet-mir"].language) == ("en", "ru")
    assert posts["hello-world"].translation_group == posts["privet-mir"].translation_group
    # Not one of the site's languages: the import's --language, and the report says so.
    assert posts["hallo-welt"].language == "az"
    assert posts["hallo-welt"].translation_group != posts["hello-world"].translation_group
    assert "in 'de' on the old site, which is not one of this site's languages" in output
    run(polylang_site(tmp_path))  # a re-run keeps the group
    again = Post.objects.get(slug="privet-mir")
    assert again.translation_group == posts["hello-world"].translation_group


def test_language_names_one_of_the_sites_languages(tmp_path):
    with pytest.raises(CommandError, match="the site's languages are en, az, ru"):
        run(FIXTURES / "wxr-simple.xml", "--language", "fr")
