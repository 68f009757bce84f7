"""A new reader adds one view; their reload does not add another."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import E2E

pytestmark = E2E

# The view counter ignores headless browsers as robots: this journey is a person.
PERSON = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Safari/537.36"
)


def shown_views(page) -> int:
    text = page.locator(".article__header .views").inner_text()
    return int(re.match(r"(\d+)", text).group(1))


def test_views_rise_once_for_a_new_reader(browser, live_url):
    context = browser.new_context(base_url=live_url, user_agent=PERSON)
    page = context.new_page()
    page.goto("/")
    page.locator(".card__title a").nth(2).click()
    before = shown_views(page)
    with page.expect_request(lambda request: request.url.endswith("/view/")) as beacon:
        page.reload()
    # 200 with the live total, which views.js puts in the (possibly cached) page
    assert beacon.value.response().status == 200
    once_more = re.compile(rf"^{before + 1} views?$")  # "1 view", "2 views"
    page.reload()
    expect(page.locator(".article__header .views")).to_have_text(once_more)
    page.reload()
    expect(page.locator(".article__header .views")).to_have_text(once_more)
    page.get_by_role("link", name=re.compile(r"views?$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How we count views")
    context.close()
