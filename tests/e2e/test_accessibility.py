"""axe-core (from npm, see package.json) audits the public pages at both screen sizes
against WCAG 2.2 A and AA: zero violations."""

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import E2E

pytestmark = E2E

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def audit(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm install --ignore-scripts` (make test does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", RULES
    )
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "where": [node["target"] for node in v["nodes"]][:5]}
        for v in result["violations"]
    ]  # fmt: skip


def assert_accessible(page):
    violations = audit(page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


def first_article(page):
    page.goto("/")
    page.locator(".card__title a").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=peace", "/search/", "/no-such-page/", "/about/views/"]
)
def test_pages_have_no_violations(page, path):
    page.goto(path)
    assert_accessible(page)


def test_article_with_comments_has_no_violations(page):
    first_article(page)
    assert page.locator(".comment").count() > 0
    assert_accessible(page)


def test_article_with_a_form_error_has_no_violations(page):
    first_article(page)
    page.locator("#comment-form").get_by_role("button", name="Post comment").click()
    page.locator("#comment-form-errors").wait_for()
    assert_accessible(page)


def test_tag_and_author_pages_have_no_violations(page):
    first_article(page)
    page.locator(".tags a").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator(".byline__author").first.click()
    page.wait_for_load_state()
    assert_accessible(page)


def test_dark_mode_pages_have_no_violations(page):
    page.emulate_media(color_scheme="dark")
    page.goto("/")
    assert_accessible(page)
    first_article(page)
    assert_accessible(page)
