"""A hostile reader puts every XSS payload of tests/xss_payloads.py into each reader
input: the comment's name and text, a reply, an edit and the search box. None may run: a
dialog, a script error or a request to another site fails the journey (see conftest), and
the page's markup is checked for anything live that came from the reader."""

import uuid
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.xss_payloads import XSS_PAYLOADS

pytestmark = E2E

# Anything the reader typed must come back as text: no element of theirs, no handler, no
# script address. Run in the page, over the part of it that shows reader input.
LIVE_MARKUP = """root => {
  const live = new RegExp('^(SCRIPT|IFRAME|OBJECT|EMBED|SVG|MATH|FORM|STYLE|LINK|META|BASE|IMG|'
    + 'VIDEO|AUDIO|INPUT|SELECT|TEXTAREA|BUTTON|DETAILS|MARQUEE|TEMPLATE|NOSCRIPT)$', 'i');
  const found = [];
  for (const el of root.querySelectorAll('*')) {
    if (live.test(el.tagName) && !el.closest('#comment-form, .search-form')) found.push(el.tagName);
    for (const attr of el.attributes) {
      const address = /^(href|src|action|formaction|srcset)$/i.test(attr.name)
        && /^\\s*(javascript|data|vbscript):/i.test(attr.value);
      if (/^on/i.test(attr.name) || address || attr.name === 'style') {
        found.push(`${el.tagName} ${attr.name}`);
      }
    }
  }
  return found;
}"""


def post_as(page, *, name, text, button="Post comment"):
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Your email").fill("hostile@example.org")
    form.get_by_label("Your comment").fill(text)
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_payloads_in_comments_replies_and_edits_never_run(page, javascript):
    page.goto("/")
    page.locator(".card__title a").nth(2).click()
    article = page.url
    run = uuid.uuid4().hex[:6]  # the same text twice would be refused as a duplicate
    # With JavaScript each payload is a comment's text and another's name. Without, each
    # post reloads a page that grows with every comment: five payloads go in each text.
    size = 1 if javascript else 5
    batches = {start: XSS_PAYLOADS[start : start + size]
               for start in range(0, len(XSS_PAYLOADS), size)}  # fmt: skip
    for start, payloads in batches.items():
        name = XSS_PAYLOADS[(start + 1) % len(XSS_PAYLOADS)][:80]
        post_as(page, name=name, text="\n".join([*payloads, f"[{run}-{start}]"]))
        if javascript:
            expect(page.locator(".comment", has_text=f"[{run}-{start}]")).to_have_count(1)

    page.goto(article)
    comments = page.locator("#comments")
    for start, payloads in batches.items():
        # Each payload is shown as the text it was: what the reader typed, to the letter.
        body = comments.locator(".comment__body", has_text=f"[{run}-{start}]")
        for payload in payloads:
            expect(body).to_contain_text(payload[:30])
    assert comments.evaluate(LIVE_MARKUP) == []

    # A reply and an edit carry a payload too.
    mine = page.locator(".comment", has_text=f"[{run}-0]").first
    mine.get_by_role("link", name="Reply", exact=False).first.click()
    reply = f"<img src=x onerror=alert('reply')> {run}"
    post_as(page, name="<svg onload=alert('reply')>", text=reply, button="Post reply")
    page.goto(article)
    last = max(batches)  # the writer's latest comments can still be changed
    mine = page.locator(".comment", has_text=f"[{run}-{last}]").first
    mine.get_by_role("link", name="Edit your comment").click()
    page.get_by_label("Your comment").fill(f"<script>alert('edit')</script> [{run}-edited]")
    page.get_by_role("button", name="Save changes").click()
    page.goto(article)
    expect(page.locator(".comment__body", has_text=f"[{run}-edited]")).to_contain_text(
        "<script>alert('edit')</script>"
    )
    expect(page.locator(".comment__body", has_text=reply)).to_have_count(1)
    assert page.locator("#comments").evaluate(LIVE_MARKUP) == []


def test_payloads_in_the_search_box_never_run(page):
    for payload in XSS_PAYLOADS:
        page.goto(f"/search/?q={quote(payload)}")
        # Shown back as typed, with runs of spaces made one, as the search reads it.
        expect(page.locator("#search-query")).to_have_value(" ".join(payload.split())[:200])
        assert page.locator("main").evaluate(LIVE_MARKUP) == []
