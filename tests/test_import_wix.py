"""manage.py import wix: each fixture of ../shared/fixtures/import/wix imports or is refused
with its reason; a site's feed, saved page and posts CSV together make one post per post;
a re-run changes nothing; Ricos documents (both shapes) become our HTML.

The feeds and the saved page carry no licence: they are read from ../shared, and only
counts, structure and short facts (a slug, a date, an id) are asserted, never their prose."""

import csv
import json
import stat
import tempfile
import zipfile
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PillowImage

from blog.importers.ricos import ricos_html
from blog.models import Author, ImportedItem, Post, PostStatus, Redirect, Tag

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "import" / "wix"
POSTS_CSV = FIXTURES / "tryghost-migrate-wix-posts.csv"
EMPTY_CSV = FIXTURES / "tryghost-migrate-wix-empty.csv"
GPE_FEED = FIXTURES / "wix-blog-feed-girlplusenvironment.xml"
NOVICOM_FEED = FIXTURES / "wix-blog-feed-novicom.xml"
CCTE_FEED = FIXTURES / "wix-blog-feed-ccte.xml"
MEDIA = "https://static.wixstatic.com/media/"
PAGE = FIXTURES / "wix-post-page-girlplusenvironment-dear-everything.html"
# What each file gives alone: posts created, or the reason it is refused.
ALONE = {
    POSTS_CSV.name: 2, EMPTY_CSV.name: 0, GPE_FEED.name: 20, NOVICOM_FEED.name: 20,
    CCTE_FEED.name: 1, PAGE.name: 1,
    "ricos-migration-content.json": "is a Ricos document",
    "ricos-richTextContent.json": "is a Ricos document",
    "ricos-draft-blog-template.json": "is a Ricos document",
}  # fmt: skip
HEADER = ["Author", "Main Category", "Title", "Excerpt", "ID", "Tags", "Featured", "Slug",
          "Plain Content", "Cover Image", "Published Date", "Categories", "Rich Content",
          "Post Page URL", "Last Published Date", "Internal ID"]  # fmt: skip


def run(*paths, options=()) -> str:
    out = StringIO()
    call_command("import", "wix", *map(str, paths), *options, "-v0", stdout=out)
    return out.getvalue()


def line(report: str, kind: str) -> str:
    return report.split(f"{kind}:")[1].split("\n")[0]


def counts() -> dict[str, int]:
    return {
        "posts": Post.objects.count(), "writers": Author.objects.count(),
        "tags": Tag.objects.count(), "redirects": Redirect.objects.count(),
        "items": ImportedItem.objects.count(),
    }  # fmt: skip


def posts_csv(tmp_path, *rows: dict, raw: str = "") -> Path:
    path = tmp_path / "Posts.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=HEADER, restval="")
        writer.writeheader()
        writer.writerows(rows)
        file.write(raw)
    return path


def nodes(*children) -> str:
    return json.dumps({"nodes": list(children)})


def text(words: str, *decorations) -> dict:
    return {"type": "TEXT", "textData": {"text": words, "decorations": list(decorations)}}


def paragraph(*children) -> dict:
    return {"type": "PARAGRAPH", "nodes": list(children)}


def picture() -> bytes:
    buffer = BytesIO()
    PillowImage.new("RGB", (64, 48), (40, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "path", sorted(p for p in FIXTURES.iterdir() if p.suffix != ".md"), ids=lambda p: p.name
)
def test_every_fixture_imports_alone_or_is_refused_with_its_reason(path, media_root):
    expected = ALONE[path.name]
    if isinstance(expected, str):
        with pytest.raises(CommandError, match=expected):
            run(path)
        assert counts()["posts"] == 0
        return
    report = run(path)
    assert line(report, "posts").startswith(f" {expected} created")
    assert " 0 failed" in line(report, "posts")
    before = counts()
    again = run(path)
    assert counts() == before  # a second run duplicates nothing
    assert line(again, "posts").startswith(f" 0 created, 0 updated, {expected} unchanged")


def test_a_header_only_csv_says_it_imports_nothing(media_root):
    report = run(EMPTY_CSV)
    assert f"{EMPTY_CSV.name}: skipped, the CSV has its header and no posts" in report
    assert counts()["posts"] == 0


def test_a_sites_files_together_make_one_post_of_each_post(client, media_root):
    files = (GPE_FEED, PAGE, POSTS_CSV, EMPTY_CSV)
    report = run(*files)
    assert line(report, "posts").startswith(" 22 created")  # 20 in the feed, one also a page
    post = Post.objects.get(slug="dear-everything")
    assert not Post.objects.filter(slug__startswith="dear-everything-").exists()
    # The page's whole body, not the feed's excerpt; its exact time, not the feed's second.
    assert post.body.count("<figure>") == 3 and len(post.body) > 3 * len(post.excerpt)
    assert post.published_at.isoformat() == "2026-03-12T18:01:40.065000+00:00"
    item = ImportedItem.objects.get(kind="post", object_id=post.pk)
    assert item.source == "wix:https://www.girlplusenvironment.org"
    assert item.source_id == "69b2d47fecfce39c49a9f68c"  # the feed's guid: the Wix post id
    assert "wix-blog-feed-girlplusenvironment.xml item 3" not in report  # not excerpt-only
    writer = post.authors.get()
    assert Author.objects.filter(name=writer.name).count() == 1  # the feed's and the page's
    profile = client.get("/members-area/danait/profile")
    assert (profile.status_code, profile["Location"]) == (301, writer.get_absolute_url())
    before = counts()
    again = run(*files)
    assert counts() == before
    assert line(again, "posts").startswith(" 0 created, 0 updated, 22 unchanged")


def test_a_zip_of_a_sites_files_imports_as_the_files_do(tmp_path, media_root):
    archive = tmp_path / "wix-site.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in (GPE_FEED, PAGE, POSTS_CSV):
            out.write(path, f"export/{path.name}")
        out.writestr("../escaped.xml", GPE_FEED.read_bytes())  # never written outside
        out.writestr("__MACOSX/export/._Posts.csv", b"\0\5\x16\7")  # Finder's copies
        out.writestr("export/notes.txt", "not a Wix file")
        link = zipfile.ZipInfo("export/link.xml")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        out.writestr(link, "/etc/passwd")
    report = run(archive)
    assert line(report, "posts").startswith(" 22 created")
    assert not (Path(tempfile.gettempdir()) / "escaped.xml").exists()
    assert line(run(archive), "posts").startswith(" 0 created, 0 updated, 22 unchanged")


def test_a_zip_that_unpacks_beyond_its_limit_is_refused(tmp_path, media_root, monkeypatch):
    monkeypatch.setattr("blog.importers.wix.ZIP_MAX_BYTES", 50_000)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("blog-feed.xml", "<rss>" + " " * 10_000_000 + "</rss>")
    assert archive.stat().st_size < 50_000
    with pytest.raises(CommandError, match="unpacks to more than"):
        run(archive)
    assert counts()["posts"] == 0


def test_files_of_two_sites_are_refused_together(media_root):
    with pytest.raises(CommandError, match="import one site at a time"):
        run(GPE_FEED, NOVICOM_FEED)
    assert counts()["posts"] == 0


def test_an_excerpt_only_feed_comes_across_with_writers_categories_and_a_warning(
    client, media_root
):
    report = run(GPE_FEED)
    assert line(report, "writers").startswith(" 9 created")
    assert report.count("the feed holds only the start of this post") == 20
    assert Post.objects.filter(status=PostStatus.PUBLISHED).count() == 20
    assert not Post.objects.filter(title__contains="&#38;").exists()  # entities read once more
    assert Post.objects.filter(title__contains=" & ").exists()
    assert Tag.objects.count() == 3
    sustainability = Tag.objects.get(name="Sustainability")
    old = client.get("/hot-topics/categories/sustainability")  # the blog lived at /hot-topics
    assert (old.status_code, old["Location"]) == (301, sustainability.get_absolute_url())


def test_multilingual_copies_are_posts_of_their_own_with_their_language_noted(media_root):
    report = run(NOVICOM_FEED)
    assert all(f"Wix Multilingual's '{lang}' copy" in report for lang in ("ar", "es", "nl"))
    slugs = set(Post.objects.values_list("slug", flat=True))
    assert {"facebook-local-1", "facebook-local-2", "facebook-local-3"} <= slugs
    ids = ImportedItem.objects.filter(kind="post").values_list("source_id", flat=True)
    assert len(ids) == 20 and all(len(i) == 24 for i in ids)
    post = Post.objects.get(slug="facebook-local-1")
    assert "<a href=" in post.body and "static.wixstatic.com/media/" in post.body
    assert "/v1/fit/" not in post.body  # the original picture, not a scaled copy
    assert 'target="' not in post.body


def test_the_degenerate_slug_answers_at_its_old_address(client, media_root):
    run(CCTE_FEED)
    post = Post.objects.get()
    assert (post.slug, post.title, post.body) == ("a", "a", "<p>a</p>")
    old = client.get("/post/____a")
    assert (old.status_code, old["Location"]) == (301, "/post/a/")


def test_a_saved_page_gives_its_post_and_none_of_its_scripts(client, media_root):
    run(PAGE)
    post = Post.objects.get()
    assert post.slug == "dear-everything" and post.title.startswith("Dear Everything")
    assert post.published_at.date().isoformat() == "2026-03-12"
    assert post.authors.get().name == "Danait Issac"
    for leftover in ("<script", "data-hook", "class=", "style=", "<div", "<span", ".html"):
        assert leftover not in post.body
    assert post.body.count('src="https://static.wixstatic.com/media/') == 3
    assert 'href="https://www.girlplusenvironment.org/"' in post.body  # wget's ../index.html
    redirect = client.get("/post/dear-everything")
    assert redirect.status_code == 301 and redirect["Location"] == "/post/dear-everything/"
    page = client.get(redirect["Location"])
    assert page.status_code == 200 and "Dear Everything" in page.content.decode()


def test_the_posts_csv_keeps_its_draft_and_falls_back_to_plain_content(media_root):
    report = run(POSTS_CSV)
    published = Post.objects.get(slug="hello-wix")
    assert published.status == PostStatus.PUBLISHED
    assert published.body == "<p>Hello <strong>world</strong></p>"
    assert published.excerpt == "Custom excerpt"
    assert published.published_at.isoformat() == "2025-10-01T10:00:00+00:00"
    assert set(published.tags.values_list("name", flat=True)) == {"Market News", "Tax Planning"}
    assert published.authors.get().name == "Jane Writer"
    assert "its tags came as 1 Wix id(s), not names: not imported" in report
    draft = Post.objects.get(title="Draft Wix")
    assert (draft.status, draft.published_at, draft.slug) == (PostStatus.DRAFT, None, "draft-wix")
    assert draft.body == "<p>Draft plain</p>"
    assert "its Rich Content is not a readable Ricos document: its Plain Content" in report


def test_the_csv_cover_uri_finds_its_picture_by_its_wix_media_id(tmp_path, media_root):
    media = tmp_path / "wix-media"
    media.mkdir()
    (media / "example_media_image~mv2.jpg").write_bytes(picture())
    report = run(POSTS_CSV, options=("--media", str(media)))
    assert line(report, "pictures").startswith(" 1 created")
    assert Post.objects.get(slug="hello-wix").cover is not None


def test_dangerous_html_in_a_ricos_embed_does_not_survive(tmp_path, media_root):
    embed = {"type": "HTML", "htmlData": {"html": (
        '<p onclick="steal()">Kept words</p><script>alert(1)</script>'
        '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">a link</a>'
        '<iframe src="https://evil.example/frame"></iframe><style>p{}</style>')}}  # fmt: skip
    rich = nodes(paragraph(text("Before")), embed)
    row = {"Title": "Embed", "Slug": "embed", "ID": "p9", "Published Date": "2024-01-02"}
    run(posts_csv(tmp_path, {**row, "Rich Content": rich}))
    body = Post.objects.get().body
    assert "Kept words" in body and "a link" in body
    for bad in ("script", "alert", "onerror", "onclick", "javascript", "<iframe", "<style"):
        assert bad not in body


def test_a_malformed_csv_row_names_its_line_and_the_rest_imports(tmp_path, media_root):
    good = {"Title": "Good", "Slug": "good", "ID": "p1", "Published Date": "2024-05-01",
            "Plain Content": "First line\nsecond line\n\nNext paragraph"}  # fmt: skip
    path = posts_csv(tmp_path, good, raw='Bad,"row",3\n')
    report = run(path)
    assert line(report, "posts").startswith(" 1 created") and " 1 failed" in line(report, "posts")
    # The good row's cell holds three line breaks: the bad row starts on the file's line 6.
    assert "Posts.csv line 6: the row has 3 fields where the header has 16" in report
    assert Post.objects.get().body == "<p>First line<br>second line</p><p>Next paragraph</p>"


FEED = """<?xml version="1.0" encoding="UTF-8"?>{doctype}<rss version="2.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Site</title><link>https://www.example.org/blog</link>
<item><title><![CDATA[{title}]]></title><link>https://www.example.org/post/river</link>
<guid isPermaLink="false">0123456789abcdef01234567</guid>
<pubDate>Fri, 31 Mar 2023 01:38:51 GMT</pubDate><dc:creator>Ana</dc:creator>
<content:encoded><![CDATA[<p>The river</p>]]></content:encoded></item>
</channel></rss>"""


def feed(tmp_path, *, title="River", doctype="", cut=None) -> Path:
    path = tmp_path / "blog-feed.xml"
    content = FEED.format(title=title, doctype=doctype)
    path.write_text(content[:cut] if cut else content)
    return path


def test_a_feed_cut_short_names_its_line(tmp_path, media_root):
    with pytest.raises(CommandError, match=r"blog-feed.xml is not well-formed XML at line 7"):
        run(feed(tmp_path, cut=-60))
    assert counts()["posts"] == 0


def test_an_entity_bomb_in_a_feed_is_refused_unexpanded(tmp_path, media_root):
    bomb = '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
    with pytest.raises(CommandError, match="declares a DTD or entities"):
        run(feed(tmp_path, title="&b;", doctype=bomb))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.txt", "Just some notes, nothing more.\n", "is none of these: expected"),
        ("data.xml", "<?xml version='1.0'?><catalog/>", "starts with <catalog>, not <rss>"),
        ("posts.csv", "Name,Body\nA,B\n", "a header with Title, Slug and Rich Content"),
        ("export.json", '{"posts": []}', "is JSON: expected"),
    ],
)
def test_a_file_that_is_not_wix_is_refused_saying_what_was_expected(
    tmp_path, media_root, name, content, reason
):
    (tmp_path / name).write_text(content)
    with pytest.raises(CommandError, match=reason):
        run(tmp_path / name)


def test_a_wordpress_export_is_sent_to_its_own_importer(media_root):
    wordpress = FIXTURES.parent / "wordpress" / "wxr-simple.xml"
    with pytest.raises(CommandError, match="import it with `manage.py import wordpress`"):
        run(wordpress)


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(media_root):
    report = run(GPE_FEED, PAGE, options=("--dry-run",))
    assert report.startswith("Would import (dry run, nothing written):")
    assert line(report, "posts").startswith(" 20 created")
    assert counts() == {"posts": 0, "writers": 0, "tags": 0, "redirects": 0, "items": 0}


# Ricos, the body format of Wix's CSV and API ------------------------------------------


def test_every_kind_of_ricos_node_gives_its_element():
    html = ricos_html(json.loads((FIXTURES / "ricos-migration-content.json").read_text()))
    for element in ("<h3>", "<ul>", "<ol>", "<li>", "<blockquote>", "<pre><code>", "<hr>",
                    "<strong>", "<em>", "<u>", "<figcaption>"):  # fmt: skip
        assert element in html, element
    assert html.count("<figure>") == 6  # an image, a gallery of three, a GIF, one more image
    assert f'<img src="{MEDIA}8bb438_67a68c0652d740bab508f68662acc882.jpg" alt="">' in html
    assert '<a href="https://www.google.com"><u>ut</u></a>' in html  # Wix stores "www.…"
    assert '<p><a href="https://www.youtube.com/watch?v=CoJ23XNHgG0">' in html  # the video
    assert "<script" not in html and "twitter.com/WixEng" in html  # the embed, without its code
    assert "@amet" in html and "color" not in html  # a mention's words; no colours


def test_both_spellings_of_a_bulleted_list_are_lists():
    for kind in ("BULLET_LIST", "BULLETED_LIST"):
        item = {"type": "LIST_ITEM", "nodes": [paragraph(text("one"))]}
        document = {"nodes": [{"type": kind, "nodes": [item]}]}
        assert ricos_html(document) == "<ul><li><p>one</p></li></ul>"


def test_ricos_text_is_escaped_and_headings_fit_the_editor():
    link = {"type": "LINK", "linkData": {"link": {"url": "javascript:alert(1)"}}}
    heading = {"type": "HEADING", "headingData": {"level": 1}, "nodes": [text("<Top>")]}
    html = ricos_html({"nodes": [heading, paragraph(text("a < b", link))]})
    assert html == "<h2>&lt;Top&gt;</h2><p>a &lt; b</p>"


def test_a_ricos_image_is_a_figure_with_its_alt_and_caption():
    image = {"type": "IMAGE", "imageData": {"image": {"src": {"id": "ab12_c~mv2.jpg"}},
             "altText": "A \"river\"", "caption": "At dawn & dusk"}}  # fmt: skip
    assert ricos_html({"nodes": [image]}) == (
        f'<figure><img src="{MEDIA}ab12_c~mv2.jpg" alt="A &quot;river&quot;">'
        "<figcaption>At dawn &amp; dusk</figcaption></figure>"
    )


def test_a_ricos_cell_of_the_wrong_shape_falls_back_to_its_plain_content(tmp_path, media_root):
    row = {"Title": "Odd", "Slug": "odd", "ID": "p3", "Plain Content": "Plain words",
           "Rich Content": json.dumps({"nodes": [{"type": "PARAGRAPH", "nodes": [
               {"type": "TEXT", "textData": ["not", "an", "object"]}]}]})}  # fmt: skip
    report = run(posts_csv(tmp_path, row))
    assert Post.objects.get().body == "<p>Plain words</p>"
    assert "its Rich Content is not a readable Ricos document" in report


def test_an_unknown_ricos_node_keeps_its_words():
    widget = {"type": "SHINY_WIDGET", "shinyWidgetData": {"title": "Kept title", "size": 3}}
    wrapper = {"type": "NEW_CONTAINER", "nodes": [text("Kept text")]}
    assert ricos_html({"nodes": [widget, wrapper]}) == "<p>Kept title</p><p>Kept text</p>"


def test_the_happy_path_document_converts():
    html = ricos_html(json.loads((FIXTURES / "ricos-richTextContent.json").read_text()))
    assert html.count("<h2>") == 2 and html.count("<h3>") == 1
    assert html.count("<li>") == 6 and '<a href="http://wix.com">' in html
    assert "<p></p>" not in html


def test_the_draft_js_shape_converts():
    template = json.loads((FIXTURES / "ricos-draft-blog-template.json").read_text())
    html = ricos_html(template)
    assert html.count("<h2>") == 4 and html.count("<blockquote>") == 2
    assert f'<img src="{MEDIA}c22c23_89024a2cd2e943a6b89d99404958e3bb~mv2.jpg"' in html
    assert html.startswith("<p><strong>") and "<p></p>" not in html


def test_draft_js_ranges_count_in_utf16_and_lists_nest():
    blocks = [
        {"type": "unstyled", "text": "😀 bold link", "depth": 0,
         "inlineStyleRanges": [{"offset": 3, "length": 4, "style": "BOLD"}],
         "entityRanges": [{"offset": 8, "length": 4, "key": 0}]},
        {"type": "unordered-list-item", "text": "one", "depth": 0},
        {"type": "unordered-list-item", "text": "inner", "depth": 1},
        {"type": "unordered-list-item", "text": "two", "depth": 0},
        {"type": "code-block", "text": "x = 1"}, {"type": "code-block", "text": "y = 2"},
    ]  # fmt: skip
    entities = {"0": {"type": "LINK", "data": {"url": "https://example.org/"}}}
    html = ricos_html({"blocks": blocks, "entityMap": entities, "VERSION": "7"})
    assert html == (
        '<p>😀 <strong>bold</strong> <a href="https://example.org/">link</a></p>'
        "<ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul>"
        "<pre><code>x = 1\ny = 2</code></pre>"
    )
