"""A moderator works the queue in the admin: approves one held comment, marks one as spam
and removes one; readers see exactly the approved one appear."""

import re
import uuid

from playwright.sync_api import expect

from tests.e2e.conftest import E2E, VIEWPORTS
from tests.e2e.test_editor_journey import log_in

pytestmark = E2E

VERDICTS = {
    "approve": "Approve selected comments",
    "spam": "Mark selected comments as spam",
    "remove": "Remove selected comments",
}


def comment_count(page) -> int:
    return int(re.match(r"\d+", page.locator("#comments-title").inner_text()).group())


def test_moderator_approves_spams_and_removes(page, browser, live_url, site_env):
    article = f"/post/{site_env['E2E_HELD_POST']}/"  # every comment here waits for approval
    run = uuid.uuid4().hex[:6]  # the same text twice would be refused as a duplicate
    texts = {verdict: f"Please {verdict} me, run {run} on a {page.viewport_name}."
             for verdict in VERDICTS}  # fmt: skip

    # A commenter, in a browser of their own, writes three comments; each is held.
    commenter = browser.new_context(base_url=live_url, viewport=VIEWPORTS[page.viewport_name])
    writer = commenter.new_page()
    for verdict, text in texts.items():
        writer.goto(article)
        form = writer.locator("#comment-form")
        form.get_by_label("Your name").fill(f"Commenter {verdict}")
        form.get_by_label("Your email").fill(f"{verdict}-{run}@example.org")
        form.get_by_label("Your comment").fill(text)
        form.get_by_role("button", name="Post comment").click()
        expect(writer.locator(".comment", has_text=text)).to_contain_text("Awaiting moderation")

    # Another reader sees none of them yet.
    page.goto(article)
    before = comment_count(page)
    for text in texts.values():
        expect(page.locator(".comment", has_text=text)).to_have_count(0)

    log_in(page)
    # The admin's front page shows the queue (other journeys hold comments too, so which
    # are the newest three is theirs to say).
    waiting = page.locator("#home-comments")
    expect(waiting.get_by_role("link", name=re.compile(r"\d+ comments? awaiting"))).to_be_visible()
    page.goto("/admin/blog/comment/?status__exact=pending")
    for verdict, label in VERDICTS.items():
        row = page.locator("#result_list tbody tr", has_text=texts[verdict][:40])
        row.locator("input.action-select").check()
        page.locator("select[name=action]").select_option(label=label)
        page.get_by_role("button", name="Run").click()
        expect(page.locator(".messagelist")).to_be_visible()
        expect(page.locator("#result_list tbody tr", has_text=texts[verdict][:40])).to_have_count(0)

    # The history says who decided what.
    page.goto("/admin/blog/moderationevent/")
    for verdict in VERDICTS:
        expect(page.locator("#result_list")).to_contain_text(f"Commenter {verdict}")

    # A reader who was never logged in sees the approved comment and only that one.
    reader = browser.new_context(base_url=live_url, viewport=VIEWPORTS[page.viewport_name])
    fresh = reader.new_page()
    fresh.goto(article)
    expect(fresh.locator(".comment", has_text=texts["approve"])).to_have_count(1)
    expect(fresh.locator(".comment", has_text=texts["approve"])).not_to_contain_text("Awaiting")
    expect(fresh.locator(".comment", has_text=texts["spam"])).to_have_count(0)
    expect(fresh.locator(".comment", has_text=texts["remove"])).to_have_count(0)
    assert comment_count(fresh) == before + 1
    # The commenter no longer sees the spam or the removed one as awaiting moderation.
    writer.goto(article)
    expect(writer.locator(".comment", has_text=texts["approve"])).not_to_contain_text("Awaiting")
    expect(writer.locator(".comment", has_text=texts["spam"])).to_have_count(0)
    expect(writer.locator(".comment", has_text=texts["remove"])).to_have_count(0)
    reader.close()
    commenter.close()
