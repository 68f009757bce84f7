"""The stylesheets: a dark palette with AA contrast, and a print stylesheet."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

CSS = Path(__file__).resolve().parents[1] / "static" / "css"

# (text, background) pairs the stylesheet uses, all normal-size text: 4.5:1 at least.
TEXT_PAIRS = [
    ("ink", "paper"), ("ink", "paper-soft"), ("ink-soft", "paper"), ("ink-soft", "paper-soft"),
    ("accent", "paper"), ("accent", "paper-soft"), ("accent", "accent-soft"),
    ("accent-ink", "accent"), ("accent-ink", "accent-hover"), ("accent-ink", "error"),
    ("error", "paper"), ("success", "paper"), ("ink", "accent-soft"), ("mark-ink", "mark"),
    ("ink", "held-paper"), ("ink-soft", "held-paper"),
]  # fmt: skip
# Borders of fields against the page: 3:1 for user-interface components.
UI_PAIRS = [("field-border", "paper")]


def palette(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def palettes() -> dict[str, dict[str, str]]:
    css = (CSS / "site.css").read_text()
    light = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    dark_start = css.index("@media (prefers-color-scheme: dark)")
    dark = css[dark_start : css.index("}\n}", dark_start)]
    return {"light": palette(light), "dark": {**palette(light), **palette(dark)}}


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_dark_palette_redefines_every_colour():
    light, dark = palettes()["light"], palettes()["dark"]
    css = (CSS / "site.css").read_text()
    dark_block = css[css.index("@media (prefers-color-scheme: dark)") :]
    assert set(palette(dark_block[: dark_block.index("}\n}")])) == set(light)
    assert light["paper"] != dark["paper"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_meets_aa_contrast(scheme, text, background):
    colours = palettes()[scheme]
    assert contrast(colours[text], colours[background]) >= 4.5


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("part", "background"), UI_PAIRS)
def test_field_borders_meet_non_text_contrast(scheme, part, background):
    colours = palettes()[scheme]
    assert contrast(colours[part], colours[background]) >= 3


@pytest.mark.parametrize("sheet", ["site.css", "article.css"])
def test_colours_come_only_from_the_palette(sheet):
    css = (CSS / sheet).read_text()
    outside = re.sub(r":root \{.*?\n\}", "", css, flags=re.S)
    dark = r"@media \(prefers-color-scheme: dark\) \{.*?\n\}\n\}"
    outside = re.sub(dark, "", outside, flags=re.S)
    assert re.findall(r"#[0-9a-fA-F]{3,6}\b", outside) == []


def test_print_stylesheet_hides_screen_parts_and_prints_link_addresses():
    css = (CSS / "print.css").read_text()
    assert "@media print" in css
    hidden = css[: css.index("display: none")]
    for selector in (".site-search", ".share", ".comment-form", ".skip-links", ".comment__reply"):
        assert selector in hidden
    assert 'content: " (" attr(href) ")"' in css
    assert ".article__body a[href" in css
    assert "color: #000000" in css and "background: #ffffff" in css


@pytest.mark.django_db
def test_pages_load_the_print_stylesheet_for_print_only(client):
    response = client.get(reverse("blog:post_list"))
    assertContains(response, 'media="print"')
    assertContains(response, '<meta name="color-scheme" content="light dark">', html=False)
    link = r'href="/static/css/print\.[0-9a-f]+\.css" media="print"'
    assert re.search(link, response.content.decode())
