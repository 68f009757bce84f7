"""axe-core (from npm, see package.json) audits the public pages at both screen sizes
against WCAG 2.2 A and AA and axe's best practices: zero violations, of any impact."""

import pytest

from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import E2E

pytestmark = E2E


@pytest.fixture
def audit_visits():
    return False  # these tests audit each page in the state they put it in


@pytest.fixture
def newest(site_env):
    """The newest demo article (it has comments), not the first card of the home page,
    which is whatever another journey published last."""
    return f"/post/{site_env['E2E_NEWEST_POST']}/"


def first_article(page, newest):
    page.goto(newest)
    page.wait_for_load_state()


@pytest.mark.parametrize(
    "path",
    ["/", "/search/?q=peace", "/search/?q=zzxxqq", "/search/", "/no-such-page/", "/about/views/"],
)
def test_pages_have_no_violations(page, path):
    page.goto(path)
    assert_accessible(page)


@pytest.mark.parametrize(("query", "summary"), [("peace", "match"), ("zzxxqq", "No articles")])
def test_search_page_names_its_two_search_forms_apart(page, query, summary):
    """The header's search and the page's own are two search landmarks: each has a name,
    so a screen reader's list of landmarks tells them apart."""
    page.goto(f"/search/?q={query}")
    assert summary in page.locator(".search-summary").inner_text()
    assert page.get_by_role("search").count() == 2
    assert page.get_by_role("search", name="Search the site").count() == 1
    assert page.get_by_role("search", name="Search again").count() == 1
    assert_accessible(page)


def test_article_with_comments_has_no_violations(page, newest):
    first_article(page, newest)
    assert page.locator(".comment").count() > 0
    assert_accessible(page)


def test_article_with_a_form_error_has_no_violations(page, newest):
    first_article(page, newest)
    page.locator("#comment-form").get_by_role("button", name="Post comment").click()
    page.locator("#comment-form-errors").wait_for()
    assert_accessible(page)


def test_tag_and_author_pages_have_no_violations(page, newest):
    first_article(page, newest)
    page.locator(".tags a").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator(".byline__author").first.click()
    page.wait_for_load_state()
    assert_accessible(page)


def test_dark_mode_pages_have_no_violations(page, newest):
    page.emulate_media(color_scheme="dark")
    page.goto("/")
    assert_accessible(page)
    first_article(page, newest)
    assert_accessible(page)


def test_reduced_motion_is_respected(page, newest):
    """A reader who asks the system for less motion gets no smooth scrolling: the skip
    link to the bottom jumps there at once."""
    first_article(page, newest)
    smooth = "getComputedStyle(document.documentElement).scrollBehavior"
    assert page.evaluate(smooth) == "smooth"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(smooth) == "auto"
    page.get_by_role("link", name="Skip to bottom of page").focus()
    page.keyboard.press("Enter")
    # No waiting: without smooth scrolling the footer is on screen as soon as Enter is done.
    assert page.evaluate(
        "document.getElementById('page-bottom').getBoundingClientRect().top < innerHeight"
    )


@pytest.mark.parametrize("language", ["az", "ru"])
@pytest.mark.parametrize("kind", ["home", "article", "search"])
def test_azerbaijani_and_russian_pages_have_no_violations(page, site_env, language, kind):
    """The same audit in the other languages: their words, their lang attributes (axe
    checks the page's and the switcher's), their longer labels at phone width."""
    path = {
        "home": f"/{language}/",
        "article": f"/post/{site_env[f'E2E_{language.upper()}_POST']}/",
        "search": f"/{language}/search/?q=" + {"az": "sülh", "ru": "мир"}[language],
    }[kind]
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
