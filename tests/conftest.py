import copy
import uuid

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never into the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def no_two_factor(settings):
    """Tests let editors in with force_login; two-factor sign-in has tests of its own
    (tests/test_admin_login.py), which turn it back on."""
    settings.ADMIN_TWO_FACTOR = False


@pytest.fixture
def open_comments(settings):
    settings.COMMENT_MODERATION = "open"


@pytest.fixture
def held_comments(settings):
    settings.COMMENT_MODERATION = "all"


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test counts rate limits in a cache namespace of its own, even on the Redis
    that CI's two pytest workers share."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def storage_not_checked_yet(monkeypatch):
    """Each test's /healthz writes to the media storage afresh: another test's success
    would otherwise stand for 30 seconds (blog/views/health.py)."""
    from blog.views import health

    monkeypatch.setattr(health, "_storage_ok_until", 0.0)


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are rendered fresh: a test's writes are rolled back, never committed, so
    the page cache (which forgets pages when a write commits) would keep pages from
    before them. tests/test_page_cache.py turns it on, with writes that commit."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def fresh_minute():
    """Per-minute rate limits count in fixed minutes (blog/comments/antispam.py): a test
    that makes several requests starts early in one, so it never straddles two."""
    import time

    if time.time() % 60 > 45:
        time.sleep(60 - time.time() % 60 + 0.05)
