"""A reader reads a series in order: the first part, "Next part" to the last, then the
series page with every part in order and its feed (the demo's "Dialogue in practice")."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import E2E

pytestmark = E2E

SERIES = "Dialogue in practice"
PARTS = [
    ("/post/listening-before-speaking-how-our-dialogue-circles-work/",
     "Listening before speaking: how our dialogue circles work"),
    ("/post/the-keys-we-kept-collecting-oral-histories-of-home/",
     "The keys we kept: collecting oral histories of home"),
    ("/post/gence-kutaisi-gyumri-three-classrooms-one-workshop/",
     "Gəncə, Kutaisi, Gyumri: three classrooms, one workshop"),
]  # fmt: skip


def test_reader_reads_a_series_in_order(page):
    page.goto(PARTS[0][0])
    series_nav = page.locator(".series-nav")
    for number, (path, title) in enumerate(PARTS, 1):
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(series_nav).to_contain_text(f"Part {number} of {len(PARTS)} in “{SERIES}”")
        previous = series_nav.get_by_role("link", name=re.compile("^Previous part"))
        if number == 1:
            expect(previous).to_have_count(0)
        else:
            expect(previous).to_contain_text(PARTS[number - 2][1])
        next_part = series_nav.get_by_role("link", name=re.compile("^Next part"))
        if number == len(PARTS):
            expect(next_part).to_have_count(0)
        else:
            expect(next_part).to_contain_text(PARTS[number][1])
            next_part.click()

    series_nav.get_by_role("link", name=f"All parts of “{SERIES}”").click()
    expect(page).to_have_url(re.compile(r"/series/dialogue-in-practice/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SERIES)
    expect(page.locator(".series-header")).to_contain_text("3 parts, read in order")
    expect(page.locator(".card__title")).to_have_text([title for _path, title in PARTS])

    page.locator(".card__title a").nth(1).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PARTS[1][1])
    page.go_back()

    rss = page.get_by_role("link", name="RSS").first
    feed = page.request.get(rss.get_attribute("href"))
    assert feed.ok and "application/rss+xml" in feed.headers["content-type"]
    assert all(title in feed.text() for _path, title in PARTS)
