"""manage.py import ghost: every fixture of ../shared/fixtures/import/ghost imports or is
refused with its reason; a re-run changes nothing; Lexical, Mobiledoc, markdown and HTML
bodies arrive as clean HTML; members-only posts become drafts; old addresses answer 301."""

import json
from datetime import UTC, datetime
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PillowImage

from blog.models import Author, ImportedItem, Post, PostStatus, Redirect, Tag

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "import" / "ghost"
V2, V4, V1 = FIXTURES / "v2_export.json", FIXTURES / "v4_export.json", FIXTURES / "valid-1.20.json"
ADMIN_API = FIXTURES / "tryghost-migrate-admin-api-posts.json"
WRAPPED = FIXTURES / "tryghost-migrate-ghost-wrapped.json"
# The posts line of each fixture's report: created, then skipped (Ghost's pages).
IMPORTED = {
    "v2_export.json": (7, 0),
    "v4_export.json": (7, 4),
    "valid-1.20.json": (2, 0),
    "tryghost-migrate-ghost-wrapped.json": (3, 0),
    "tryghost-migrate-ghost-flat.json": (1, 0),
    "tryghost-migrate-admin-api-posts.json": (1, 0),
}
REFUSED = {"broken.json": "not a Ghost export: it has “asdadas” at its top"}


def run(path, *options) -> str:
    out = StringIO()
    call_command("import", "ghost", str(path), *options, "-v0", stdout=out)
    return out.getvalue()


def line(report: str, kind: str) -> str:
    return report.split(f"{kind}:")[1].split("\n")[0]


def counts() -> dict[str, int]:
    return {
        "posts": Post.objects.count(), "writers": Author.objects.count(),
        "tags": Tag.objects.count(), "redirects": Redirect.objects.count(),
        "items": ImportedItem.objects.count(),
    }  # fmt: skip


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_every_fixture_imports_or_is_refused_with_its_reason(path, media_root):
    assert path.name in IMPORTED or path.name in REFUSED  # a new fixture needs its expectation
    if path.name in REFUSED:
        with pytest.raises(CommandError, match=REFUSED[path.name]):
            run(path)
        assert counts()["posts"] == 0
        return
    created, skipped = IMPORTED[path.name]
    report = run(path)
    assert (
        line(report, "posts")
        == f" {created} created, 0 updated, 0 unchanged, {skipped} skipped, 0 failed"
    )
    before = counts()
    again = run(path)
    assert counts() == before  # a second run duplicates nothing
    assert (
        line(again, "posts")
        == f" 0 created, 0 updated, {created} unchanged, {skipped} skipped, 0 failed"
    )
    assert " 0 created" in line(again, "writers") and " 0 created" in line(again, "redirects")


def test_a_ghost_2_export_comes_across_from_its_mobiledoc(client, media_root):
    run(V2)
    post = Post.objects.get(slug="apps-integrations")
    assert post.title == "Apps & integrations"
    assert post.status == PostStatus.PUBLISHED
    assert post.published_at == datetime(2021, 3, 24, 5, 57, 57, tzinfo=UTC)
    assert post.excerpt.startswith("There are three primary ways to work with third-party")
    assert "<h2>Zapier</h2>" in post.body
    assert "<blockquote><p><strong>Example</strong>: When someone new subscribes" in post.body
    assert "Ghost&lt;&gt;Zapier" in post.body  # mobiledoc text escaped, not read as tags
    assert "<script" not in post.body and "zapier.com/apps/embed" not in post.body  # html card
    assert [a.name for a in post.authors.all()] == ["Ghost"]
    assert post.authors.get().bio == "You can delete this user to remove all the welcome posts"
    assert list(post.tags.names()) == ["Getting Started"]
    # Ghost's h1 sections are section headings under the post's own title here.
    assert not any("<h1" in body for body in Post.objects.values_list("body", flat=True))
    old = client.get("/apps-integrations/")
    assert (old.status_code, old["Location"]) == (301, post.get_absolute_url())
    assert client.get("/author/ghost/")["Location"] == post.authors.get().get_absolute_url()
    assert client.get("/tag/getting-started/").status_code == 301


def test_a_ghost_4_export_keeps_drafts_skips_pages_and_holds_back_members_posts(media_root):
    report = run(V4)
    paid = Post.objects.get(slug="sell")
    assert paid.status == PostStatus.DRAFT and paid.published_at is None
    assert (
        "post 3 (id 605ac141a2d5a6aa9e101ec1, “Selling premium memberships with recurring "
        "revenue”): for paying members only on the old site, imported as a draft"
    ) in report
    assert not Post.objects.published().filter(pk=paid.pk).exists()
    assert not Redirect.objects.filter(old_path="/sell").exists()  # a draft has no address yet
    assert (
        "post 8 (id 605ac141a2d5a6aa9e101ecb, “About this site”): skipped, a page: pages " in report
    )
    assert not Post.objects.filter(slug__in=["about", "contact", "privacy", "contribute"]).exists()
    cards = Post.objects.get(slug="write").body
    assert '<a href="https://opensubscriptionplatforms.com/"' in cards  # a bookmark: a link
    video = '<figure class="video"><a href="https://www.youtube.com/watch?v=hmH3XMlms8E"'
    assert video in cards  # an embed: a video
    assert cards.count("andreas-selter-e4yK8QQlZa0-unsplash.jpg") == 1  # a gallery's picture
    design = Post.objects.get(slug="design").body
    assert "<pre><code>{{#post}}" in design
    assert "<figcaption>Ghost Admin → Settings → Branding</figcaption>" in design


def test_a_ghost_1_export_renders_its_markdown_cards(media_root):
    run(V1)
    post = Post.objects.get(slug="advanced-markdown")
    assert "<h2>Special formatting</h2>" in post.body
    assert "<li><s>strike through</s></li>" in post.body
    assert "<pre><code>.my-link {" in post.body
    assert '<a href="/the-editor/" rel="noopener noreferrer">all the basics</a>' in post.body
    video = '<figure class="video"><a href="https://www.youtube.com/watch?v=Cniqsc9QfDo"'
    assert video in post.body  # a player in raw HTML: a video
    themes = Post.objects.get(slug="themes")
    assert '<img src="https://static.ghost.org/v1.0.0/images/marketplace.jpg"' in themes.body
    writer = themes.authors.get()  # Ghost 1 names one writer a post, by author_id
    assert (writer.name, writer.bio) == (
        "Joe Blogg's Brother",
        "I'm Joe's brother, the good looking one!",
    )
    assert list(themes.tags.names()) == ["tag1"]


def test_an_admin_api_post_arrives_from_its_lexical(client, media_root):
    run(ADMIN_API)
    post = Post.objects.get(slug="welcome-short")
    assert post.body == "<p>Welcome</p>"  # the Lexical, not the html beside it
    assert post.published_at == datetime(2012, 11, 27, 15, 30, tzinfo=UTC)
    assert post.excerpt == "Welcome, it's great to have you here."
    assert (post.authors.get().name, post.authors.get().bio) == (
        "Ghost", "The professional publishing platform",
    )  # fmt: skip
    assert list(post.tags.names()) == ["Getting Started"]
    assert Redirect.objects.get(old_path="/welcome-short").source == "ghost:https://demo.ghost.io"
    old = client.get("/welcome-short/")
    assert (old.status_code, old["Location"]) == (301, post.get_absolute_url())


def test_the_wrapped_export_gives_each_post_its_writer_and_tag(media_root):
    run(WRAPPED)
    first, second = Post.objects.get(slug="post-1"), Post.objects.get(slug="post-2")
    assert (first.authors.get().name, list(first.tags.names())) == ("Alice Johnson", ["News"])
    assert (second.authors.get().name, list(second.tags.names())) == ("Bob Smith", ["Technology"])
    lexical = Post.objects.get(slug="post-3-lexical").body
    assert '<figure><img src="https://example.com/images/lexical-image.jpg"' in lexical


def picture() -> bytes:
    buffer = BytesIO()
    PillowImage.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def lexical(*children) -> str:
    return json.dumps({"root": {"type": "root", "children": list(children)}})


def text(words: str, format: int = 0) -> dict:
    return {"type": "extended-text", "text": words, "format": format}


def ghost_post(number: int, **fields) -> dict:
    return {
        "id": f"p{number}", "title": f"Post {number}", "slug": f"post-{number}", "type": "post",
        "status": "published", "visibility": "public", "published_at": "2024-03-01T09:00:00.000Z",
        "html": f"<p>Post {number}</p>", **fields,
    }  # fmt: skip


def export(tmp_path, posts, *, version="5.75.0", **tables) -> Path:
    data = {
        "posts": posts,
        "users": [{"id": "u1", "name": "Nigar", "slug": "nigar", "bio": "Writes about rivers."}],
        "tags": [
            {"id": "t1", "name": "Rivers", "slug": "rivers"},
            {"id": "t2", "name": "#wide", "slug": "hash-wide", "visibility": "internal"},
        ],
        "posts_authors": [{"post_id": p["id"], "author_id": "u1"} for p in posts],
        "posts_tags": [
            {"post_id": p["id"], "tag_id": t, "sort_order": n}
            for p in posts for n, t in enumerate(["t2", "t1"])
        ],
        "settings": [{"key": "url", "value": "https://old.example.org"}],
        **tables,
    }  # fmt: skip
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"db": [{"meta": {"version": version}, "data": data}]}))
    return path


DANGEROUS = '<p>kept</p><script>alert(1)</script><img src=x onerror="alert(2)">'


def test_lexical_cards_and_formats_become_html_and_dangerous_html_does_not_survive(
    tmp_path, media_root
):
    body = lexical(
        {"type": "heading", "tag": "h1", "children": [text("Upstream")]},
        {"type": "paragraph", "children": [
            text("bold", 1), text(" and "), text("italic code", 18), {"type": "linebreak"},
            {"type": "link", "url": "__GHOST_URL__/about/", "children": [text("about <us>")]},
        ]},
        {"type": "list", "listType": "number", "children": [
            {"type": "listitem", "children": [text("one")]},
            {"type": "listitem", "children": [text("two")]},
        ]},
        {"type": "image", "src": "__GHOST_URL__/content/images/2024/03/a.jpg", "alt": "A weir"},
        {"type": "html", "html": DANGEROUS},
        {"type": "button", "buttonText": "Donate", "buttonUrl": "https://old.example.org/give/"},
        {"type": "callout", "calloutEmoji": "💡", "calloutText": "<p>Bring water.</p>"},
        {"type": "codeblock", "code": "<b>not bold</b>"},
        {"type": "horizontalrule"},
        {"type": "spaceship", "title": "An unknown card keeps its words"},
    )  # fmt: skip
    run(export(tmp_path, [ghost_post(1, lexical=body, html="<p>Ghost's own rendering</p>")]))
    post = Post.objects.get()
    assert post.body.startswith(
        "<h2>Upstream</h2><p><strong>bold</strong> and <em><code>italic code</code></em><br>"
        '<a href="https://old.example.org/about/" rel="noopener noreferrer">'
        "about &lt;us&gt;</a></p>"
        "<ol><li>one</li><li>two</li></ol>"
        '<figure><img src="https://old.example.org/content/images/2024/03/a.jpg" alt="A weir">'
    )
    assert "<p>kept</p>" in post.body
    assert "script" not in post.body and "alert" not in post.body and "onerror" not in post.body
    assert (
        '<a href="https://old.example.org/give/" rel="noopener noreferrer">Donate</a>' in post.body
    )
    assert "<p>💡 Bring water.</p>" in post.body
    assert "<pre><code>&lt;b&gt;not bold&lt;/b&gt;</code></pre><hr>" in post.body
    assert "<p>An unknown card keeps its words</p>" in post.body
    assert "Ghost's own rendering" not in post.body
    assert list(post.tags.names()) == ["Rivers"]  # #wide is Ghost's internal tag
    assert not Tag.objects.filter(name="#wide").exists()
    assert post.authors.get().bio == "Writes about rivers."


def test_mobiledoc_sections_markups_atoms_and_unknown_cards(tmp_path, media_root):
    body = json.dumps({
        "version": "0.3.1",
        "markups": [["a", ["href", "https://example.org/?a=1&b=2"]], ["em"]],
        "atoms": [["soft-return", "", {}], ["mention", "@nigar", {}]],
        "cards": [["hr", {}], ["unknown-card", {"caption": "<b>Words</b> stay"}],
                  ["image", {"src": "/content/images/b.jpg", "caption": "The <a href='https://x.org'>mill</a>"}]],
        "sections": [
            [1, "h3", [[0, [], 0, "Mills"]]],
            [1, "p", [[0, [0], 0, "a "], [0, [1], 2, "link"], [1, [], 0, 0], [1, [], 0, 1]]],
            [1, "aside", [[0, [], 0, "Pulled"]]],
            [3, "ul", [[[0, [], 0, "first"]], [[0, [], 0, "second"]]]],
            [10, 0], [10, 1], [10, 2], [10, 99], [1, "p", [[0, [7], 0, "stray markup"]]],
        ],
    })  # fmt: skip
    run(export(tmp_path, [ghost_post(1, mobiledoc=body, html=None)]))
    post = Post.objects.get()
    assert post.body == (
        "<h3>Mills</h3>"
        '<p><a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer">a <em>link</em>'
        "</a><br>@nigar</p>"
        '<blockquote class="pull-quote"><p>Pulled</p></blockquote>'
        "<ul><li>first</li><li>second</li></ul><hr><p>Words stay</p>"
        '<figure><img src="/content/images/b.jpg" alt=""><figcaption>The '
        '<a href="https://x.org" rel="noopener noreferrer">mill</a></figcaption></figure>'
        "<p>stray markup</p>"
    )


def test_statuses_times_and_invisible_marks(tmp_path, media_root):
    posts = [
        ghost_post(1, title="\u200fRiver\u200e", slug="\u200eriver"),
        ghost_post(2, status="scheduled", published_at="2999-01-01T08:30:00.000+00:00"),
        ghost_post(3, status="draft", published_at=None),
        ghost_post(4, visibility="members"),
        ghost_post(5, published_at="yesterday"),
        ghost_post(6, lexical="{not json", html=None),
        ghost_post(7, lexical="{not json", html="<p>From Ghost's html</p>"),
        ghost_post(8, type="page"),
    ]
    report = run(export(tmp_path, posts))
    assert line(report, "posts") == " 5 created, 0 updated, 0 unchanged, 1 skipped, 2 failed"
    river = Post.objects.get(title="River")
    assert (river.slug, river.published_at) == ("river", datetime(2024, 3, 1, 9, tzinfo=UTC))
    scheduled = Post.objects.get(title="Post 2")
    assert scheduled.status == PostStatus.PUBLISHED  # with a time to come: scheduled here
    assert scheduled.published_at == datetime(2999, 1, 1, 8, 30, tzinfo=UTC)
    assert not Post.objects.published().filter(pk=scheduled.pk).exists()
    assert Post.objects.get(title="Post 3").status == PostStatus.DRAFT
    assert Post.objects.get(title="Post 4").status == PostStatus.DRAFT
    assert (
        "post 4 (id p4, “Post 4”): for members only on the old site, imported as a draft" in report
    )
    assert (
        "post 5 (id p5, “Post 5”): its publish time 'yesterday' is not a time Ghost writes"
        in report
    )
    assert (
        "post 6 (id p6, “Post 6”): its Lexical body is not valid JSON (line 1, column 2)" in report
    )
    assert Post.objects.get(title="Post 7").body == "<p>From Ghost's html</p>"
    assert "post 8 (id p8, “Post 8”): skipped, a page: pages are not imported yet" in report


def test_a_cover_comes_with_its_alt_and_caption_from_posts_meta(tmp_path, media_root):
    media = tmp_path / "old-site"
    (media / "content" / "images" / "2024").mkdir(parents=True)
    (media / "content" / "images" / "2024" / "weir.jpg").write_bytes(picture())
    meta = [{"post_id": "p1", "feature_image_alt": "The weir", "feature_image_caption":
             '<span>Photo by <a href="https://x.org">Aylin</a></span>'}]  # fmt: skip
    post = ghost_post(1, feature_image="__GHOST_URL__/content/images/2024/weir.jpg")
    report = run(export(tmp_path, [post], posts_meta=meta), "--media", str(media))
    assert line(report, "pictures").startswith(" 1 created")
    cover = Post.objects.get().cover
    assert (cover.alt, cover.caption) == ("The weir", "Photo by Aylin (https://x.org)")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            '{"db": [{"meta": {"version": "4.1.0"}, "data": {"posts": [',
            "not valid JSON at line 1, column 5",
        ),
        ("[1, 2]", "not a Ghost export: it has nothing named at its top"),
        ('{"db": [{"meta": {"version": "003"}, "data": {"posts": []}}]}', "version '003'"),
        ('{"db": [{"meta": {"version": "7.0.0"}, "data": {"posts": []}}]}', "version '7.0.0'"),
        ('{"meta": {}, "data": {"posts": []}}', "does not say its version"),
        ('{"db": [{"meta": {"version": "5.2.0"}, "data": {}}]}', "no posts table"),
    ],
)
def test_a_file_that_is_not_a_ghost_export_is_refused_with_its_reason(tmp_path, content, reason):
    path = tmp_path / "export.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=reason):
        run(path)
    assert counts()["posts"] == 0


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(media_root):
    report = run(V4, "--dry-run")
    assert report.startswith("Would import (dry run, nothing written):")
    assert line(report, "posts") == " 7 created, 0 updated, 0 unchanged, 4 skipped, 0 failed"
    assert "for paying members only on the old site, imported as a draft" in report
    assert counts() == {"posts": 0, "writers": 0, "tags": 0, "redirects": 0, "items": 0}


def test_a_changed_post_is_updated_not_duplicated(tmp_path, media_root):
    run(export(tmp_path, [ghost_post(1, html="<p>Two roads</p>")]))
    post = Post.objects.get()
    report = run(export(tmp_path, [ghost_post(1, html="<p>Three roads</p>")]))
    assert line(report, "posts").startswith(" 0 created, 1 updated")
    assert Post.objects.get(pk=post.pk).body == "<p>Three roads</p>"
