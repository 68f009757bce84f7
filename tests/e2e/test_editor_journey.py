"""An editor logs in to the admin, writes and publishes a post, and a reader reads it."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import E2E, EDITOR_PASSWORD

pytestmark = E2E


def test_editor_publishes_a_post_that_readers_then_see(page):
    title = f"Şəki youth forum, seen on a {page.viewport_name}"
    page.goto("/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Write, publish and moderate")).to_be_visible()

    page.goto("/admin/blog/post/add/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Title").press("End")  # the slug follows the title on keyup
    expect(page.get_by_label("Slug")).to_have_value(re.compile(r"^seki-youth-forum"))
    page.get_by_label("Excerpt").fill("Forty young people met in Şəki.")
    # The visual editor: typing, a keyboard shortcut for bold, a quote made a pull quote,
    # and a video address on its own line.
    page.locator(".prose-editor [contenteditable='true']").click()
    page.keyboard.type("They talked for ")
    page.keyboard.press("Control+b")
    page.keyboard.type("three days")
    page.keyboard.press("Control+b")
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    page.keyboard.type("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.keyboard.press("Enter")
    page.keyboard.type("Peace is a habit we practise.")
    page.get_by_role("button", name="blockquote", exact=True).click()
    style_menu = page.locator(".prose-menubar__dropdown", has=page.get_by_label("Block style"))
    style_menu.locator(".prose-menubar__selected").click()
    page.locator("[data-name='nodeClass:blockquote:pull-quote']").click()
    page.get_by_label("Tags").fill("youth, dialogue")
    page.get_by_label("Status").select_option("published")
    page.locator("#post_authors-0 .select2-selection").click()
    page.locator(".select2-search__field").fill("Leyla")
    page.locator(".select2-results__option", has_text="Leyla").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto("/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".article__body strong")).to_have_text("three days")
    expect(page.locator(".article__body blockquote.pull-quote")).to_contain_text("Peace is a habit")
    expect(page.locator(".article__body iframe")).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    expect(page.locator(".article__header")).to_contain_text("Leyla")
    expect(page.locator(".tags")).to_contain_text("youth")
