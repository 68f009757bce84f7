"""A commenter replies, sees a held comment, edits and deletes: once with JavaScript
(no page reload, focus moves) and once without (plain links and forms)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E

pytestmark = [*E2E, pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])]


def open_article(page, slug=None):
    if slug:
        page.goto(f"/post/{slug}/")
    else:
        page.goto("/")
        page.locator(".card__title a").nth(1).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def mark_page(page, javascript):
    """With JavaScript, a marker that a reload would wipe out."""
    if javascript:
        page.evaluate("window.noReload = true")


def assert_not_reloaded(page, javascript):
    if javascript:
        assert page.evaluate("window.noReload === true")


def fill_comment(page, name, text):
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Your email").fill(f"{name.split()[0].lower()}@example.org")
    form.get_by_label("Your comment").fill(text)
    return form


def post_comment(page, name, text, *, button="Post comment"):
    form = fill_comment(page, name, text)
    form.get_by_role("button", name=button).click()


def comment_by(page, name):
    return page.locator(".comment", has=page.locator(".comment__author", has_text=name)).last


def test_reply_opens_under_the_comment_and_appears_nested(page, javascript):
    open_article(page)
    first = page.locator(".comment").first
    first_name = first.locator(".comment__author").first.inner_text().split(",")[0]
    mark_page(page, javascript)
    first.get_by_role("link", name=re.compile("^Reply")).first.click()
    expect(page.get_by_role("heading", name=f"Reply to {first_name}")).to_be_visible()
    if javascript:  # the form sits right under the comment it answers
        expect(first.locator("#comment-form")).to_be_visible()
        expect(page.locator("#comment-form").get_by_label("Your name")).to_be_focused()
    name = f"Replier {page.viewport_name} {javascript}"
    text = f"A reply from {name}."  # each run its own: the same body twice is a duplicate
    post_comment(page, name, text, button="Post reply")
    reply = comment_by(page, name)
    expect(reply).to_contain_text(text)
    expect(page.locator(".comment").first.locator(".comment-list--replies")).to_contain_text(name)
    assert_not_reloaded(page, javascript)
    if javascript:
        expect(reply.locator(".comment__card")).to_be_focused()


def test_held_comment_is_marked_for_its_writer(page, javascript, site_env):
    open_article(page, site_env["E2E_HELD_POST"])
    name = f"Held {page.viewport_name} {javascript}"
    post_comment(page, name, f"Please approve me, {name}.")
    held = comment_by(page, name)
    expect(held).to_contain_text("Awaiting moderation")
    expect(page.get_by_role("status").filter(has_text="awaiting moderation")).to_be_visible()


def test_mistake_keeps_the_text_and_focuses_the_message(page, javascript):
    open_article(page)
    mark_page(page, javascript)
    form = fill_comment(page, "Forgetful", "Words I do not want to lose.")
    form.get_by_label("Your email").fill("")
    form.get_by_role("button", name="Post comment").click()
    errors = page.locator("#comment-form-errors")
    expect(errors).to_contain_text("Your comment was not posted")
    expect(page.locator("#id_author_email_error")).to_contain_text("Please give your email")
    expect(page.get_by_label("Your comment")).to_have_value("Words I do not want to lose.")
    assert_not_reloaded(page, javascript)
    if javascript:
        expect(errors).to_be_focused()


def test_edit_then_delete_within_the_window(page, javascript):
    open_article(page)
    name = f"Editor of own words {page.viewport_name} {javascript}"
    post_comment(page, name, f"First draft of my thought, {name}.")
    mine = comment_by(page, name)
    expect(mine).to_contain_text("First draft")

    mine.get_by_role("link", name="Edit your comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your comment")
    page.get_by_label("Your comment").fill(f"Second, better draft, {name}.")
    page.get_by_role("button", name="Save changes").click()
    mine = comment_by(page, name)
    expect(mine).to_contain_text(f"Second, better draft, {name}.")
    expect(mine).to_contain_text("(edited)")

    mine.get_by_role("link", name="Delete your comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your comment?")
    page.get_by_role("button", name="Delete my comment").click()
    expect(page.locator(".message")).to_contain_text("Your comment is deleted")
    expect(page.locator(".comment__author", has_text=name)).to_have_count(0)
