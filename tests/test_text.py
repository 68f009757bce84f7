import pytest

from blog.content.text import reading_minutes, sanitize_html, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Şəki", "seki"),
        ("Gəncə və Ağdam: gənclər", "gence-ve-agdam-gencler"),
        ("Əli İsmayılov", "eli-ismayilov"),
        ("Мир и диалог", "mir-i-dialog"),
        ("Peace, now!", "peace-now"),
    ],
)
def test_slugs_are_transliterated_to_ascii(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>hi</p><script>alert(1)</script>", "<script"),
        ("<p>hi</p><script>alert(1)</script>", "alert(1)"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ("<svg><circle onload=alert(1)></circle></svg>", "<svg"),
        ('<p onclick="steal()">x</p>', "onclick"),
        ('<form action="/x"><input name="p"></form>', "<input"),
    ],
)
def test_sanitizer_drops_what_is_not_allowed(dirty, forbidden):
    assert forbidden not in sanitize_html(dirty)


def test_sanitizer_keeps_what_editors_write():
    html = (
        "<h2>Title</h2><p><strong>Bold</strong> and <em>italic</em> "
        '<a href="https://example.org/">a link</a></p><ul><li>one</li></ul>'
        '<blockquote class="pull-quote">Quoted</blockquote><hr>'
        '<figure><img src="/media/x.jpg" alt="A river"><figcaption>Caption</figcaption></figure>'
    )
    clean = sanitize_html(html)
    for kept in ["<h2>", "<strong>", "<em>", 'href="https://example.org/"', "<li>one</li>",
                 'class="pull-quote"', "<hr>", 'alt="A river"', "<figcaption>"]:  # fmt: skip
        assert kept in clean


def test_reading_time_counts_words_at_200_a_minute():
    assert reading_minutes("") == 1
    assert reading_minutes("<p>" + "word " * 200 + "</p>") == 1
    assert reading_minutes("<p>" + "word " * 201 + "</p>") == 2
    assert reading_minutes("<p>" + "word " * 1000 + "</p>") == 5


def test_reading_time_follows_each_languages_reading_speed():
    words = "<p>" + "слово " * 480 + "</p>"
    # 200 words a minute in English, 160 in Russian, 145 in Azerbaijani (see WORDS_PER_MINUTE)
    assert [reading_minutes(words, code) for code in ("en", "ru", "az")] == [3, 3, 4]
    assert reading_minutes("<p>" + "söz " * 290 + "</p>", "az") == 2
    assert reading_minutes("<p>" + "söz " * 291 + "</p>", "az") == 3
    assert reading_minutes("<p>" + "слово " * 161 + "</p>", "ru") == 2
    assert reading_minutes("<p>" + "word " * 161 + "</p>", "fr") == 1  # not listed: 200
