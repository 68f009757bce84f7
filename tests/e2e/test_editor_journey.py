"""An editor logs in to the admin, writes, previews, publishes and schedules posts, and a
reader reads them."""

import re
from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, EDITOR_PASSWORD

pytestmark = E2E
SAVED = re.compile(r"was (added|changed) successfully")


def test_editor_publishes_a_post_that_readers_then_see(page):
    title = f"Şəki youth forum, seen on a {page.viewport_name}"
    log_in(page)
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
    make_pull_quote(page)
    page.get_by_label("Tags").fill("youth, dialogue")
    page.get_by_label("Status").select_option("published")
    credit_writer(page, "Leyla")
    page.get_by_role("button", name="Save and close").click()
    # Added, or changed if its first autosave had made it a draft already.
    expect(page.locator(".messagelist")).to_contain_text(SAVED)

    page.goto("/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".article__body strong")).to_have_text("three days")
    expect(page.locator(".article__body blockquote.pull-quote")).to_contain_text("Peace is a habit")
    expect(page.locator(".article__body figure.video")).to_have_attribute(
        "data-player", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )  # the player loads on a click (tests/e2e/test_video_journey.py)
    expect(page.locator(".article__header")).to_contain_text("Leyla")
    expect(page.locator(".tags")).to_contain_text("youth")

    # Edited again in the visual editor, the post keeps its video: the editor shows the
    # address on its line, and saving makes it a video again.
    article = page.url
    page.goto("/admin/blog/post/")
    page.get_by_role("link", name=title).click()
    body = page.locator(".prose-editor [contenteditable='true']")
    expect(body).to_contain_text("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    body.locator("p").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" Then they planned the next one.")
    page.get_by_role("button", name="Save and close").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(article)
    expect(page.locator(".article__body")).to_contain_text("planned the next one")
    expect(page.locator(".article__body figure.video")).to_have_attribute(
        "data-player", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )  # the player loads on a click (tests/e2e/test_video_journey.py)


def make_pull_quote(page):
    """The paragraph at the cursor becomes a quote, then a pull quote (Block style)."""
    page.get_by_role("button", name="blockquote", exact=True).click()
    style_menu = page.locator(".prose-menubar__dropdown", has=page.get_by_label("Block style"))
    style_menu.locator(".prose-menubar__selected").click()
    page.locator("[data-name='nodeClass:blockquote:pull-quote']").click()


def credit_writer(page, name):
    page.locator("#post_authors-0 .select2-selection").click()
    page.locator(".select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).click()


def log_in(page):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Write, publish and moderate")).to_be_visible()


def png(color) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (1000, 600), color).save(buffer, "PNG")
    return buffer.getvalue()


def upload_to_library(page, title, alt, color) -> str:
    """Uploads a picture to the library and returns its address (the file's link)."""
    page.goto("/admin/blog/image/add/")
    page.locator("#id_file").set_input_files(
        files=[{"name": f"{color}.png", "mimeType": "image/png", "buffer": png(color)}]
    )
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description (alt text)").fill(alt)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    return page.locator(".field-file a").first.get_attribute("href")


def insert_figure(page, address, alt, caption):
    page.get_by_role("button", name="figure", exact=True).click()
    dialog = page.locator("dialog[open]")
    dialog.locator("[name=imageUrl]").fill(address)
    dialog.locator("[name=altText]").fill(alt)
    dialog.locator("[name=caption]").fill(caption)
    dialog.get_by_role("button", name="Insert").click()


def test_new_editor_writes_an_illustrated_post_previews_and_schedules_it(page):
    """What a new editor does: two pictures, a pull quote and a video; a preview; a
    schedule a few seconds ahead; the post appears on the home page at its time."""
    title = f"Scheduled letter, {page.viewport_name}"
    log_in(page)
    river = upload_to_library(page, "River", "A wide river under a grey sky", "steelblue")
    field = upload_to_library(page, "Field", "A green field at dawn", "seagreen")

    page.goto("/admin/blog/post/add/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Title").press("End")
    page.get_by_label("Excerpt").fill("A letter that waits for its moment.")
    editor = page.locator(".prose-editor [contenteditable='true']")
    editor.click()
    page.keyboard.type("Dear readers, this letter was written before you read it.")
    page.keyboard.press("Enter")
    page.keyboard.type("https://vimeo.com/76979871")
    page.keyboard.press("Enter")
    page.keyboard.type("Patience is part of the work.")
    make_pull_quote(page)
    # A picture after the first paragraph, another after the video.
    for paragraph, address, alt, caption in [
        (0, river, "A wide river under a grey sky", "The river in spring"),
        (1, field, "A green field at dawn", "The field at dawn"),
    ]:
        editor.locator(":scope > p").nth(paragraph).click()
        page.keyboard.press("End")
        insert_figure(page, address, alt, caption)
    credit_writer(page, "Nino")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text(SAVED)

    # The preview link shows the draft as readers will see it, to anyone who has it.
    preview_url = page.get_by_role("link", name="Preview it as readers will see it").get_attribute(
        "href"
    )
    page.goto(preview_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".preview-banner")).to_contain_text("Not published")
    body = page.locator(".article__body")
    expect(body.locator("figure img")).to_have_count(2)
    expect(body.locator("img[alt='A green field at dawn']")).to_be_visible()
    expect(body.locator("figcaption").first).to_have_text("The river in spring")
    expect(body.locator("blockquote.pull-quote")).to_contain_text("Patience")
    expect(body.locator("figure.video")).to_have_attribute(
        "data-player", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    )
    page.go_back()

    # Scheduled a few seconds ahead, in the site's time zone.
    at = datetime.now(ZoneInfo(settings.TIME_ZONE)) + timedelta(seconds=8)
    page.get_by_label("Status").select_option("published")
    page.locator("#id_published_at_0").fill(at.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(at.strftime("%H:%M:%S"))
    expect(page.locator("[data-primary]")).to_have_text("Schedule")
    page.get_by_role("button", name="Save and close").click()
    expect(page.locator("#result_list")).to_contain_text("Scheduled for")

    page.goto("/")
    expect(page.get_by_role("link", name=title)).to_have_count(0)
    page.wait_for_timeout(max(0, (at - datetime.now(at.tzinfo)).total_seconds() * 1000) + 1500)
    page.reload()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".article__body figure img")).to_have_count(2)
