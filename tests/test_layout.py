"""blog/ reads by concern: every package says in one line what it holds, and the top level
stays short enough to read at a glance. Which package may import which is held by the
import contracts in pyproject.toml, which `make test` checks with lint-imports."""

import ast
from pathlib import Path

import pytest

BLOG = Path(__file__).resolve().parents[1] / "blog"
PACKAGES = sorted(
    path.parent for path in BLOG.rglob("__init__.py") if "migrations" not in path.parts
)


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: str(p.relative_to(BLOG.parent)))
def test_every_package_opens_with_a_one_line_docstring(package):
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text()))
    assert docstring, f"{package} says nothing of what it holds"
    assert "\n" not in docstring.strip()


def test_the_top_level_holds_django_places_and_concerns_only():
    entries = {p.name for p in BLOG.iterdir() if p.name != "__pycache__"}
    django_places = {"__init__.py", "apps.py", "urls.py", "admin", "models", "views"} | {
        "templatetags", "management", "migrations"
    }  # fmt: skip
    concerns = {p for p in entries - django_places if (BLOG / p / "__init__.py").exists()}
    assert entries - django_places == concerns, "a module at the top of blog/: give it a package"
    assert len(entries) <= 16
