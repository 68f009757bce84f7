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


def test_views_rise_once_for_a_new_reader(browser, live_url):
    context = browser.new_context(base_url=live_url, user_agent=PERSON)
    page = context.new_page()
    page.goto("/")
    link = page.locator(".card__title a").nth(2)
    address = link.get_attribute("href")
    # The count as the database has it now: a page rendered for one reader (any personal
    # cookie) never comes from the page cache. Rendering a page counts nothing.
    fresh = context.request.get(address, headers={"Cookie": "commenter=x"}).text()
    before = int(re.search(r'class="views"[^>]*>(\d+) view', fresh).group(1))
    shown = page.locator(".article__header .views")
    once_more = re.compile(rf"^{before + 1} views?$")  # "1 view", "2 views"

    with page.expect_response(lambda response: response.url.endswith("/view/")) as beacon:
        link.click()
    # The beacon answers the live total, which views.js puts in the page: the page
    # itself may come from the page cache, minutes old.
    assert beacon.value.status == 200
    assert beacon.value.json() == {"views": before + 1}
    expect(shown).to_have_text(once_more)
    for _ in range(2):  # the same reader again: not counted again
        with page.expect_response(lambda response: response.url.endswith("/view/")) as again:
            page.reload()
        assert again.value.json() == {"views": before + 1}
        expect(shown).to_have_text(once_more)
    page.get_by_role("link", name=re.compile(r"views?$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How we count views")
    context.close()
