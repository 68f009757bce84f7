"""A reader opens the home page, opens a post, comments, replies, and sees both."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import E2E

pytestmark = E2E


def test_reader_reads_comments_and_replies(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Latest articles")
    first_card = page.locator(".card").first
    title = first_card.locator(".card__title a").inner_text()
    expect(first_card.locator(".views")).to_have_text(re.compile(r"^[\d,]+ views?$"))
    first_card.locator(".card__title a").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    byline = page.locator(".article__header .byline__author").first
    picture = byline.locator("img.avatar")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert picture.evaluate("img => img.naturalWidth === img.naturalHeight")
    expect(page.locator(".article__header time")).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-")
    )
    expect(page.locator(".article__header")).to_contain_text("min read")

    before = int(page.locator("#comments-title").inner_text().split()[0])
    name = f"Reader on {page.viewport_name}"
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email").fill("reader@example.org")
    page.get_by_label("Your comment").fill(
        f"Thank you for this piece, from a {page.viewport_name}."
    )
    page.get_by_role("button", name="Post comment").click()

    expect(page.locator(".comment-status")).to_contain_text("your comment is published")
    mine = page.locator(".comment", has=page.locator(".comment__author", has_text=name)).first
    expect(mine).to_contain_text(f"from a {page.viewport_name}")
    # The counts go up at once, as a reload would show them.
    now = f"{before + 1} comment{'' if before == 0 else 's'}"
    expect(page.locator("#comments-title")).to_have_text(now)
    expect(page.locator(".article__header .comment-count")).to_have_text(now)

    mine.get_by_role("link", name=re.compile(f"^Reply to {name}")).first.click()
    expect(page.get_by_role("heading", name=f"Reply to {name}")).to_be_visible()
    page.get_by_label("Your name").fill("Second reader")
    page.get_by_label("Your email").fill("second@example.org")
    page.get_by_label("Your comment").fill(f"Replying on {page.viewport_name}.")
    page.get_by_role("button", name="Post reply").click()

    expect(page.locator(".comment-status")).to_contain_text("your comment is published")
    mine = page.locator(".comment", has=page.locator(".comment__author", has_text=name)).first
    expect(mine.locator(".comment-list--replies")).to_contain_text(
        f"Replying on {page.viewport_name}."
    )


def test_bad_comment_keeps_the_text_and_says_why(page):
    page.goto("/")
    page.locator(".card__title a").first.click()
    page.get_by_label("Your name").fill("Hasty reader")
    page.get_by_label("Your comment").fill("I forgot my email but wrote a lot.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".form-errors")).to_contain_text("Your comment was not posted")
    expect(page.locator("#id_author_email_error")).to_contain_text("Please give your email")
    expect(page.get_by_label("Your comment")).to_have_value("I forgot my email but wrote a lot.")
    expect(page.get_by_label("Your name")).to_have_value("Hasty reader")


def test_skip_links_reach_content_and_bottom(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to bottom of page")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#page-bottom$"))
    page.get_by_role("link", name="Back to top of page").click()
    expect(page).to_have_url(re.compile("#top$"))


def test_reader_follows_a_tag_a_writer_and_a_feed(page):
    # The newest article that has tags (other journeys publish untagged ones), so that it
    # heads its tag's and its writer's pages.
    page.goto("/")
    articles = page.locator(".card__title a").evaluate_all("links => links.map(a => a.href)")
    for article in articles:
        page.goto(article)
        if page.locator(".tags a").count():
            break
    title = page.get_by_role("heading", level=1).inner_text()
    header = page.locator(".article__header")
    expect(header.locator(".views")).to_have_text(re.compile(r"^[\d,]+ views?$"))
    expect(header.locator(".comment-count")).to_have_text(re.compile(r"^\d+ comments?$"))

    tag = page.locator(".tags a").first
    tag_name = tag.inner_text()
    tag.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Articles tagged “{tag_name}”")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    # The tag's feed, as a feed reader would fetch it from the link on the page.
    feed_url = page.locator(".feed-links a", has_text="RSS").first.get_attribute("href")
    feed = page.request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("application/rss+xml")
    assert title in feed.text()

    page.go_back()
    writer = page.locator(".article__header .byline__author").first
    writer_name = writer.locator("span").last.inner_text().strip()
    writer.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(writer_name)
    expect(page.get_by_role("link", name=title)).to_be_visible()
    atom_url = page.locator(".feed-links a", has_text="Atom").first.get_attribute("href")
    atom = page.request.get(atom_url)
    assert atom.ok and atom.headers["content-type"].startswith("application/atom+xml")
    assert title in atom.text()
