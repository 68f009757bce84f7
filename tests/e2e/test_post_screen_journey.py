"""The post screen as editors use it: a new post saves itself as a draft; a closed tab
loses nothing; two editors on one post never overwrite each other; publishing, then
changes that wait until Update; leaving with unsaved text asks first; the screen at phone
width and under axe-core."""

import re

from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import E2E, VIEWPORTS
from tests.e2e.test_editor_journey import log_in

pytestmark = E2E
EDITOR = ".prose-editor [contenteditable='true']"


def write(page, title, words):
    page.get_by_label("Title").fill(title)
    page.get_by_label("Title").press("End")
    page.locator(EDITOR).click()
    page.keyboard.type(words)


def saved(page):
    expect(page.locator("[data-saved]")).to_contain_text(re.compile(r"Saved \d"), timeout=15000)


def test_a_new_post_saves_itself_and_survives_a_reload(page):
    title = f"Never pressed Save, {page.viewport_name}"
    log_in(page)
    page.goto("/admin/blog/post/add/")
    write(page, title, "Every word of this was typed and nothing was pressed.")
    expect(page.locator(".post-footer")).to_contain_text("10 words")
    saved(page)
    expect(page).to_have_url(re.compile(r"/admin/blog/post/\d+/change/$"))
    page.reload()
    expect(page.locator(EDITOR)).to_contain_text("nothing was pressed")
    page.goto("/admin/blog/post/?status__exact=draft")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    # Saving by hand now updates that draft: there is one post of that title, not two.
    page.get_by_role("link", name=title).click()
    page.locator(EDITOR).click()
    page.keyboard.press("End")
    page.keyboard.type(" Then Ctrl+S.")
    page.keyboard.press("Control+s")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto("/admin/blog/post/?q=" + title.replace(" ", "+"))
    expect(page.get_by_role("link", name=title)).to_have_count(1)
    assert_accessible(page)


def test_a_closed_tab_offers_its_unsaved_changes_back(browser, live_url):
    context = browser.new_context(base_url=live_url, viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    log_in(page)
    page.goto("/admin/blog/post/add/")
    write(page, "Kept by the browser", "First sentence.")
    saved(page)
    draft = page.url
    page.locator(EDITOR).click()
    page.keyboard.press("End")
    page.keyboard.type(" A second sentence, typed just before the tab closed.")
    page.close(run_before_unload=False)  # closed at once: no autosave had the time
    page = context.new_page()
    page.goto(draft)
    restore = page.locator("[data-restore]")
    expect(restore).to_be_visible()
    expect(page.locator(EDITOR)).not_to_contain_text("second sentence")
    restore.get_by_role("button", name="Restore unsaved changes").click()
    expect(page.locator(EDITOR)).to_contain_text("just before the tab closed")
    saved(page)
    page.reload()
    expect(page.locator(EDITOR)).to_contain_text("just before the tab closed")
    expect(page.locator("[data-restore]")).to_be_hidden()
    context.close()


def test_leaving_with_unsaved_text_asks_first(browser, live_url):
    context = browser.new_context(base_url=live_url, viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    log_in(page)
    page.goto("/admin/blog/post/add/")
    write(page, "Not yet saved", "Typed a moment ago.")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    context.close()


def test_two_editors_on_one_post_never_overwrite_each_other(browser, live_url):
    first = browser.new_context(base_url=live_url, viewport=VIEWPORTS["desktop"]).new_page()
    second = browser.new_context(base_url=live_url, viewport=VIEWPORTS["desktop"]).new_page()
    for page in (first, second):
        log_in(page)
    first.goto("/admin/blog/post/add/")
    write(first, "Written by two", "The first editor's sentence.")
    saved(first)
    post = first.url
    second.goto(post)  # both have it open now
    first.locator(EDITOR).click()
    first.keyboard.press("End")
    first.keyboard.type(" Added by the first.")
    first.keyboard.press("Control+s")
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.locator(EDITOR).click()
    second.keyboard.press("End")
    second.keyboard.type(" Added by the second.")
    # Their autosave is refused, and so is their Save: told who, and shown the difference.
    expect(second.locator("[data-saved]")).to_contain_text("after you opened it", timeout=15000)
    second.keyboard.press("Control+s")
    conflict = second.locator(".post-conflict")
    expect(conflict).to_contain_text("saved this post at")
    expect(conflict.locator("table.diff del")).to_contain_text("first")
    expect(conflict.locator("table.diff ins")).to_contain_text("second")
    expect(second.locator(EDITOR)).to_contain_text("Added by the second.")  # kept
    first.reload()
    expect(first.locator(EDITOR)).to_contain_text("Added by the first.")
    expect(first.locator(EDITOR)).not_to_contain_text("Added by the second.")
    first.context.close()
    second.context.close()


def test_publishing_then_changes_wait_for_update(page):
    title = f"Published from the sidebar, {page.viewport_name}"
    log_in(page)
    page.goto("/admin/blog/post/add/")
    write(page, title, "The words readers will read.")
    page.get_by_label("Status").select_option("published")
    button = page.locator("[data-primary]")
    expect(button).to_have_text("Publish")
    expect(page.locator("[data-address]")).to_contain_text("/post/published-from-the-sidebar")
    button.click()
    expect(page.locator(".messagelist")).to_contain_text("successfully")
    expect(page.locator("[data-primary]")).to_have_text("Update")
    address = page.locator("[data-address]").inner_text().strip()
    page.locator(EDITOR).click()
    page.keyboard.press("End")
    page.keyboard.type(" Half a thought")
    expect(page.locator("[data-saved]")).to_contain_text("not yet on the site", timeout=15000)
    reader = page.context.new_page()
    reader.goto(address)
    expect(reader.locator(".article__body")).not_to_contain_text("Half a thought")
    page.keyboard.type(", finished.")
    page.locator("[data-primary]").click()
    expect(page.locator(".messagelist")).to_contain_text("successfully")
    reader.reload()
    expect(reader.locator(".article__body")).to_contain_text("Half a thought, finished.")
    reader.close()
    # The address is published now: changing it warns that old links will follow.
    page.get_by_label("Slug").fill("a-new-address")
    expect(page.locator("[data-address-warning]")).to_be_visible()
    expect(page.locator("[data-address]")).to_contain_text("/post/a-new-address/")


def test_the_post_screen_at_phone_width_puts_the_sidebar_below(browser, live_url):
    context = browser.new_context(base_url=live_url, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    log_in(page)
    page.goto("/admin/blog/post/add/")
    main = page.locator(".post-main").bounding_box()
    side = page.locator(".post-side").bounding_box()
    assert side["y"] >= main["y"] + main["height"] - 1
    assert main["width"] <= VIEWPORTS["phone"]["width"]
    page.locator(".post-seo-panel summary").click()
    assert_accessible(page)
    context.close()
