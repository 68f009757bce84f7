"""A reader with a keyboard and no mouse: every stop along the way shows where focus is,
the skip links come first, and an article can be read, followed and commented on with
Tab, typing and Enter alone, with JavaScript and without."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import E2E

pytestmark = E2E

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute('aria-label') || el.labels?.[0]?.textContent
           || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
    id: el.id,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    visible: box.width > 0 && box.height > 0,
  };
}"""
ON_SCREEN = """() => {
  const box = document.activeElement.getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight;
}"""


def on_screen(page) -> bool:
    """Scrolling is smooth unless the reader asks for reduced motion: give it time to
    arrive. (A plain loop: wait_for_function needs the page's own scripts to run.)"""
    for _ in range(30):
        if page.evaluate(ON_SCREEN):
            return True
        page.wait_for_timeout(100)
    return False


def tab_until(page, wanted, *, limit=250):
    """Press Tab until `wanted(stop)` is true; every stop on the way must show a focus
    ring and be scrolled into view. Returns the stops passed."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        stops.append(stop)
        assert stop["tag"] != "body", f"focus fell off the page after {stops[-2:]}"
        assert stop["outline"], f"no visible focus on {stop}"
        assert stop["visible"], f"focus on something not shown: {stop}"
        assert on_screen(page), f"focused but never scrolled into view: {stop}"
        if wanted(stop):
            return stops
    raise AssertionError(f"never reached the wanted stop; last stops {stops[-5:]}")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_article_read_and_commented_on_by_keyboard_alone(page, javascript, site_env):
    page.goto("/")
    stops = tab_until(page, lambda s: s["name"] == "Skip to main content")
    assert len(stops) == 1, "the skip link is the first stop"
    # Past the skip links, the search box and the cards' titles to the newest demo
    # article's (another journey may have published one since): open it with Enter.
    newest = f"/post/{site_env['E2E_NEWEST_POST']}/"
    tab_until(
        page,
        lambda s: (
            s["tag"] == "a"
            and page.evaluate("document.activeElement.closest('.card__title') !== null")
            and page.evaluate("document.activeElement.pathname") == newest
        ),
    )
    title = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # Past the thread: other journeys leave comments here (each with its links).
    stops = tab_until(page, lambda s: s["id"] == "id_author_name", limit=600)
    names = [s["name"] for s in stops]
    assert names[:2] == ["Skip to main content", "Skip to bottom of page"]
    assert "Copy link" in names, names  # the share links are on the way
    page.keyboard.type(f"Keys only {page.viewport_name} {javascript}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_author_email"
    page.keyboard.type("keys@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_body"
    text = f"Written without a mouse, on a {page.viewport_name}, script {javascript}."
    page.keyboard.type(text)
    # The reply-mail box and then the button; the spam trap is never a stop.
    stops = tab_until(page, lambda s: s["tag"] == "button", limit=3)
    assert [s["id"] for s in stops] == ["id_notify_replies", ""]
    page.keyboard.press("Enter")

    # Said in the live region with JavaScript, in the page's messages without.
    expect(page.get_by_role("status").filter(has_text="your comment is published")).to_be_visible()
    expect(page.locator(".comment").filter(has_text=text)).to_have_count(1)

    # The bottom of the page and back up, by the skip link and "Back to top".
    page.goto(page.url.split("#")[0])
    tab_until(page, lambda s: s["name"] == "Skip to bottom of page", limit=2)
    page.keyboard.press("Enter")
    tab_until(page, lambda s: s["name"] == "Back to top of page", limit=6)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#top$"))
    if javascript:  # axe runs as a script in the page
        assert_accessible(page)


def test_search_by_keyboard(page):
    page.goto("/")
    tab_until(page, lambda s: s["name"] == "Search articles", limit=4)
    page.keyboard.type("river")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=river"))
    first = page.locator(".card").first
    expect(first.locator("mark").first).to_have_text(re.compile("river", re.IGNORECASE))
    tab_until(
        page,
        lambda s: (
            s["tag"] == "a" and page.evaluate("document.activeElement.closest('.card') !== null")
        ),
    )
    title = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
