"""What the visual editor can produce is what the server keeps, and nothing hostile."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from blog.content.text import ALLOWED_TAGS, EDITOR_EXTENSIONS, embed_videos, sanitize_html
from tests.factories import PostFactory
from tests.xss_payloads import XSS_PAYLOADS

pytestmark = pytest.mark.django_db

DANGEROUS = re.compile(
    r"<script|<svg|<math|<object|<embed|<form|<input|<button|<style|<link|<meta|<base"
    r"|<body|<template|<details|<video|<audio|<select|<textarea|<marquee"
    r"|(?:href|src|srcset|action)=\"\s*(?:javascript|vbscript|data):"
    r"|srcdoc|formaction|style=|\son[a-z]+=|expression\(",
    re.IGNORECASE,
)


def test_the_corpus_is_large_enough():
    assert len(XSS_PAYLOADS) >= 50


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_survives_the_sanitizer(payload):
    clean = sanitize_html(payload)
    assert not DANGEROUS.search(clean), clean
    for src in re.findall(r'<iframe[^>]*src="([^"]*)"', clean):
        assert src.startswith(("https://www.youtube-nocookie.com/embed/",
                               "https://player.vimeo.com/video/"))  # fmt: skip


@pytest.mark.parametrize("payload", XSS_PAYLOADS[:12])
def test_no_payload_survives_a_save_through_the_admin(admin_client, payload):
    post = PostFactory(body=payload, published=True)
    post.refresh_from_db()
    assert not DANGEROUS.search(post.body)
    response = admin_client.get(reverse("admin:blog_post_change", args=[post.pk]))
    assert response.status_code == 200


def test_every_editor_tool_makes_only_allowed_tags():
    made = {"Heading": {"h2", "h3", "h4"}, "Bold": {"strong"}, "Italic": {"em"}, "Link": {"a"},
            "BulletList": {"ul"}, "OrderedList": {"ol"}, "ListItem": {"li"},
            "Blockquote": {"blockquote"}, "HorizontalRule": {"hr"}, "HardBreak": {"br"},
            "Figure": {"figure"}, "Caption": {"figcaption"}, "Image": {"img"}}  # fmt: skip
    for tool in EDITOR_EXTENSIONS:
        assert made.get(tool, set()) <= ALLOWED_TAGS
    kept = sanitize_html(
        "<h2>a</h2><h3>b</h3><h4>c</h4><p><strong>b</strong> <em>i</em> "
        '<a href="https://example.org/">l</a><br></p><ul><li>x</li></ul><ol><li>y</li></ol>'
        '<blockquote class="pull-quote">q</blockquote><hr>'
        '<figure><img src="/media/a.jpg" alt="A"><figcaption>c</figcaption></figure>'
    )
    expected = [
        "<h2>", "<h3>", "<h4>", "<strong>", "<em>", "<a href", "<br>", "<ul>", "<ol>",
        '<blockquote class="pull-quote">', "<hr>", "<figure>", "<img", "<figcaption>",
    ]  # fmt: skip
    for tag in expected:
        assert tag in kept


WATCH = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "address"),
    [
        (WATCH, WATCH),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", WATCH),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", WATCH),
        ("https://vimeo.com/76979871", "https://vimeo.com/76979871"),
    ],
)
def test_a_video_address_on_its_own_line_becomes_a_video(url, address):
    # Stored as a link in a figure: the player is loaded only on the reader's click
    # (tests/test_videos.py), so the stored body holds no frame.
    for paragraph in [f"<p>{url}</p>", f'<p><a href="{url}">{url}</a></p>']:
        clean = sanitize_html(paragraph)
        assert clean.startswith(f'<figure class="video"><a href="{address}"')
        assert "<iframe" not in clean


def test_a_video_address_inside_a_sentence_stays_a_link():
    html = "<p>Watch https://youtu.be/dQw4w9WgXcQ today</p>"
    assert embed_videos(html) == html


def test_the_admin_uses_the_visual_editor(admin_client):
    response = admin_client.get(reverse("admin:blog_post_add"))
    assertContains(response, "django_prose_editor/editor.")
    assertContains(response, "pull-quote")


def test_the_article_shows_the_video(client):
    post = PostFactory(published=True, body="<p>https://vimeo.com/76979871</p>")
    assertContains(client.get(post.get_absolute_url()), 'class="video"')


@pytest.mark.parametrize(
    "url", ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://vimeo.com/76979871"]
)
def test_the_editor_gets_the_video_address_back_and_saving_embeds_it_again(admin_client, url):
    # The visual editor has no video block: handed the player, it would save an empty
    # picture in its place. It gets the address on its line, as the editor pasted it.
    post = PostFactory(body=f"<p>Before.</p><p>{url}</p><p>After.</p>")
    assert '<figure class="video">' in post.body
    form = (
        admin_client.get(reverse("admin:blog_post_change", args=[post.pk]))
        .context["adminform"]
        .form
    )
    assert form.initial["body"] == f"<p>Before.</p><p>{url}</p><p>After.</p>"
    post.body = form.initial["body"]
    post.save()
    assert sanitize_html(f"<p>{url}</p>") in post.body
