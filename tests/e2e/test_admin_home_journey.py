"""An editor starts on the admin's front page: their work first ("Write a post", drafts,
the schedule, comments waiting, the week's most read), the site's machinery apart and
only for whoever manages it. The page is audited by axe-core like every page a journey
visits (tests/e2e/conftest.py)."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, EDITOR_PASSWORD, ROOT

pytestmark = E2E

SYSTEM = "Site administration: sign-in, security and background work"
GROUP_PASSWORD = "journey-group-editor-password-3"  # noqa: S105 - a throwaway test database

MAKE_A_GROUP_EDITOR = f"""
from django.contrib.auth.models import Group, User
user, _ = User.objects.get_or_create(username="group-editor")
user.is_staff = True
user.set_password("{GROUP_PASSWORD}")
user.save()
user.groups.add(Group.objects.get(name="Editor"))
"""


@pytest.fixture(scope="module")
def group_editor(site_env):
    subprocess.run([sys.executable, "manage.py", "shell", "-c", MAKE_A_GROUP_EDITOR],
                   cwd=ROOT, env=site_env, check=True, capture_output=True)  # fmt: skip
    return "group-editor"


def log_in(page, username, password):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Write, publish and moderate")).to_be_visible()


def test_the_site_manager_starts_with_the_work_and_finds_the_machinery_apart(page):
    log_in(page, "editor", EDITOR_PASSWORD)  # `ensure_editor` makes a superuser
    write = page.get_by_role("link", name="Write a post")
    expect(write).to_be_visible()
    expect(write).to_have_attribute("href", "/admin/blog/post/add/")
    for heading in ("Drafts", "Scheduled", "Comments awaiting moderation", "Most read this week"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("#home-comments")).to_contain_text("awaiting moderation")  # the demo's
    expect(page.locator("#home-most-read li").first).to_contain_text("views")
    system = page.get_by_role("region", name=SYSTEM)
    expect(system).to_be_visible()
    expect(system.get_by_role("link", name="Access attempts")).to_be_visible()
    expect(system.get_by_role("link", name="TOTP devices")).to_be_visible()
    expect(page.locator(".app-blog").get_by_role("link", name="Posts")).to_be_visible()


def test_an_editor_never_sees_the_machinery(page, group_editor):
    log_in(page, group_editor, GROUP_PASSWORD)
    expect(page.get_by_role("link", name="Write a post")).to_be_visible()
    expect(page.get_by_role("heading", name="Drafts", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=SYSTEM)).to_have_count(0)
    for model in ("Access attempts", "TOTP devices", "Task Results", "Users", "Groups"):
        expect(page.get_by_role("link", name=model, exact=True)).to_have_count(0)
