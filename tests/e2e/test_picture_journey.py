"""An editor illustrates a post without leaving it: drops a picture file into the text and
describes it, sees a refused file say why, chooses a picture from the library in the
chooser's window, sets the cover with its widget, publishes, and readers get the
library's renditions. The chooser passes axe-core and fits a phone's width."""

import base64
import re
from contextlib import suppress

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import E2E
from tests.e2e.test_editor_journey import credit_writer, log_in, png

pytestmark = E2E
EDITOR = ".prose-editor [contenteditable='true']"
UPLOADS = "**/blog/image/upload/"


def drop_file(page, target, name: str, data: bytes, mime: str):
    """Drops a file on an element as a browser does when one is dragged from the desktop."""
    transfer = page.evaluate_handle(
        """([name, data, type]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type }));
            return transfer;
        }""",
        [name, base64.b64encode(data).decode(), mime],
    )
    box = target.bounding_box()
    target.dispatch_event("drop", {
        "dataTransfer": transfer,
        "clientX": box["x"] + box["width"] / 2, "clientY": box["y"] + box["height"] / 2,
    })  # fmt: skip


def choose_in(chooser, action):
    """Chooses a picture: the chooser's window closes under the click or the key press,
    which Playwright may report as the page gone, before the click's end."""
    with chooser.expect_event("close"), suppress(PlaywrightError):
        action()


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_editor_illustrates_and_publishes_a_post_from_the_post_screen(page):
    title = f"Market day in pictures, {page.viewport_name}"
    log_in(page)
    page.goto("/admin/blog/post/add/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Title").press("End")
    credit_writer(page, "Leyla")  # before the first autosave, which keeps the credit
    editor = page.locator(EDITOR)
    editor.click()
    page.keyboard.type("The market opened at dawn.")
    page.keyboard.press("Enter")
    page.keyboard.type("By noon the stalls were empty.")

    # A picture file dropped into the text: a placeholder while it uploads (held here, so
    # it can be seen), then the picture, and a dialog that asks what it shows.
    held = []
    page.route(UPLOADS, lambda route: held.append(route))
    drop_file(page, editor.locator("p").first, "market-stalls.png", png("darkorange"), "image/png")
    placeholder = page.locator(".picture-upload")
    expect(placeholder).to_contain_text("Uploading market-stalls.png")
    expect(placeholder.locator("progress")).to_be_visible()
    expect(editor.locator("figure")).to_have_count(0)
    # The route's handler runs when Playwright next hears from the browser, which under
    # load can be after the checks above: wait for it (a few seconds at most).
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    page.unroute(UPLOADS)
    expect(placeholder).to_have_count(0)
    dropped = editor.locator("figure img[data-file]")
    expect(dropped).to_have_count(1)
    expect(dropped).to_have_attribute("src", re.compile(r"/media/library/.*market-stalls.*\.png$"))
    dialog = page.get_by_role("dialog", name="Describe the picture")
    expect(dialog).to_be_visible()
    dialog.get_by_label("What does the picture show? (alt text)").fill(
        "Crates of oranges on a market stall"
    )
    dialog.get_by_role("button", name="Save the description").click()
    expect(dialog).to_have_count(0)
    expect(dropped).to_have_attribute("alt", "Crates of oranges on a market stall")
    # The caption is written under the picture, where the cursor now is.
    page.keyboard.type("The first stall to open")
    expect(editor.locator("figure figcaption")).to_have_text("The first stall to open")

    # A file that is no picture is refused beside the editor, and the text stays as it was.
    before = editor.inner_html()
    drop_file(page, editor.locator("p").last, "notes.png", b"Shopping list: oranges", "image/png")
    refusal = page.locator(".picture-drop-alert[role=alert]")
    expect(refusal).to_contain_text("notes.png was not added: This file is not a picture")
    assert editor.inner_html() == before

    # A picture from the library, through the editor's picture button and the chooser.
    editor.locator(":scope > p").last.click()
    page.keyboard.press("End")
    page.get_by_role("button", name="figure", exact=True).click()
    figure_dialog = page.locator("dialog[open]")
    with page.expect_popup() as opened:
        figure_dialog.get_by_role("button", name="Browse...").click()
    chooser = opened.value
    chooser.wait_for_load_state("networkidle")
    expect(chooser.get_by_role("heading", name="Choose a picture")).to_be_visible()
    assert fits_the_width(chooser), "the chooser scrolls sideways"
    chooser.get_by_label("Search by title, description, caption or credit").fill("river remembers")
    chooser.get_by_label("Search by title, description, caption or credit").press("Enter")
    expect(chooser.get_by_role("heading", name=re.compile("One picture matches"))).to_be_visible()
    assert_accessible(chooser)
    river = chooser.get_by_role("button", name=re.compile("What the river remembers"))
    choose_in(chooser, river.click)
    expect(figure_dialog.locator("[name=imageUrl]")).to_have_value(re.compile(r"/media/library/"))
    expect(figure_dialog.locator("[name=altText]")).to_have_value(re.compile("^Illustration"))
    figure_dialog.get_by_role("button", name="Insert").click()
    expect(editor.locator("figure img[data-file]")).to_have_count(2)

    # The cover: chosen from the library with the keyboard, then replaced by an upload
    # that is described (and captioned) on the spot.
    cover = page.get_by_role("group", name="Cover picture")
    with page.expect_popup() as opened:
        cover.get_by_role("button", name="Choose from the library").click()
    chooser = opened.value
    chooser.wait_for_load_state("networkidle")
    search = chooser.get_by_label("Search by title, description, caption or credit")
    search.fill("Portrait of")
    search.press("Enter")
    portrait = chooser.get_by_role("button", name=re.compile("Portrait of")).first
    portrait.focus()
    choose_in(chooser, lambda: chooser.keyboard.press("Enter"))  # Enter on the focused picture
    expect(cover.locator("[data-cover-figure]")).to_be_visible()
    expect(cover).to_contain_text("Description (alt text): Portrait of")
    cover.locator("input[type=file]").set_input_files(
        files=[{"name": "harbour.png", "mimeType": "image/png", "buffer": png("steelblue")}]
    )
    describe = page.get_by_role("dialog", name="Describe the picture")
    describe.get_by_label("What does the picture show? (alt text)").fill("Boats in the harbour")
    describe.get_by_label("Caption (optional)").fill("The harbour at first light")
    describe.get_by_role("button", name="Save the description").click()
    expect(cover).to_contain_text("Boats in the harbour")
    expect(cover).to_contain_text("The harbour at first light")
    expect(cover.get_by_role("button", name="Remove")).to_be_visible()

    # Published once the post screen has saved it as a draft by itself.
    expect(page.locator("[data-saved]")).to_contain_text(re.compile(r"Saved \d"), timeout=15000)
    page.get_by_label("Status").select_option("published")
    page.locator("[data-primary]").click()
    expect(page.locator(".messagelist")).to_contain_text(re.compile("was (added|changed)"))
    slug = page.get_by_label("Slug").input_value()

    # Readers get the library's renditions, with the descriptions and the caption.
    page.goto(f"/post/{slug}/")
    body = page.locator(".article__body")
    pictures = body.locator("figure img")
    expect(pictures).to_have_count(2)
    for n in range(2):
        expect(pictures.nth(n)).to_have_attribute("srcset", re.compile(r"\.webp \d+w"))
    expect(body.locator("img[alt='Crates of oranges on a market stall']")).to_be_visible()
    expect(body.locator("figcaption")).to_have_text("The first stall to open")
    expect(body.locator("img[alt^='Illustration']")).to_have_count(1)
    expect(page.locator(".article__cover img")).to_have_attribute("alt", "Boats in the harbour")
    expect(page.locator(".article__cover figcaption")).to_contain_text("The harbour at first light")


def test_the_chooser_uploads_a_picture_and_offers_it(page):
    """Opened on its own (as at phone width from a post), the chooser's upload area takes
    a file and shows the new picture first; it stays within the screen's width."""
    log_in(page)
    page.goto("/admin/blog/image/choose/?CKEditorFuncNum=1")
    expect(page.get_by_role("heading", name="Upload a new picture")).to_be_visible()
    assert fits_the_width(page), "the chooser scrolls sideways"
    page.get_by_label("Description (alt text), if you know it already").fill("A kite over the sea")
    page.get_by_label("Choose a picture file, or drop it here").set_input_files(
        files=[{"name": "kite.png", "mimeType": "image/png", "buffer": png("gold")}]
    )
    expect(page.locator("[data-upload-status]")).to_contain_text("Uploaded")
    first = page.locator("[data-grid] > li").first
    expect(first).to_contain_text("kite")
    expect(first).to_contain_text("A kite over the sea")
    expect(first.get_by_role("button")).to_be_focused()
    # Chosen without the post that opened it: it says so, and nothing breaks.
    first.get_by_role("button").click()
    expect(page.locator("[data-chooser-error]")).to_contain_text("is closed")
    assert_accessible(page)


def test_a_pasted_picture_goes_to_the_library_and_its_description_can_wait(page):
    log_in(page)
    page.goto("/admin/blog/post/add/")
    editor = page.locator(EDITOR)
    editor.click()
    page.keyboard.type("A screenshot follows.")
    page.evaluate(
        """([selector, data]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const clipboard = new DataTransfer();
            clipboard.items.add(new File([bytes], "image.png", { type: "image/png" }));
            document.querySelector(selector).dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: clipboard, bubbles: true, cancelable: true,
            }));
        }""",
        [EDITOR, base64.b64encode(png("teal")).decode()],
    )
    dialog = page.get_by_role("dialog", name="Describe the picture")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Later").click()
    expect(dialog).to_have_count(0)
    pasted = editor.locator("figure img[data-file]")
    expect(pasted).to_have_attribute("src", re.compile(r"/media/library/.*image.*\.png$"))
    expect(pasted).to_have_attribute("alt", "")
    expect(editor.locator("p").first).to_have_text("A screenshot follows.")
