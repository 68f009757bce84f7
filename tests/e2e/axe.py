"""axe-core (from npm, see package.json) in the page: WCAG 2.2 A and AA, and axe's best
practices (unique landmarks, one main, headings in order ...). Every violation fails,
whatever its impact: a moderate one is still a reader who cannot find their way."""

import json
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def audit(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm install --ignore-scripts` (make test does)")
    # Evaluated through DevTools, which the page's Content Security Policy does not
    # govern; a <script> tag added to the page would be refused, as it should be.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", RULES
    )
    return [
        {"page": page.url, "rule": v["id"], "impact": v["impact"], "help": v["help"],
         "where": [node["target"] for node in v["nodes"]][:5]}
        for v in result["violations"]
    ]  # fmt: skip


def assert_accessible(page):
    violations = audit(page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
