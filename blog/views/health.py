"""/healthz: what a load balancer or an uptime monitor asks before sending readers here."""

import logging
import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


# /healthz is public, and the storage check writes (on S3, a PUT and a DELETE, both
# billed): a worker that found the storage writable says so again for this long without
# writing, so no rate of requests becomes a rate of writes. After a failure it checks
# at every request, to see the storage come back at once.
STORAGE_CHECK_SECONDS = 30
_storage_ok_until = 0.0


def _storage() -> None:
    global _storage_ok_until
    if time.monotonic() < _storage_ok_until:
        return
    # Written and removed again: a full disk or a read-only bucket shows up here.
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    _storage_ok_until = time.monotonic() + STORAGE_CHECK_SECONDS


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}
# Without these no page can be served. Without the cache the site still serves from the
# database (blog/operations/cache.py): "degraded", and still 200, so that a load balancer does not
# take every app server out of service when Redis alone is down.
REQUIRED = {"database", "storage"}


@require_safe
@never_cache
def healthz(request):
    """Which of the database, the cache and the media storage answer. The reasons go to
    the log, not to whoever asks."""
    report = {}
    for name, check in CHECKS.items():
        try:
            check()
            report[name] = "ok"
        except Exception:
            logger.exception("health check failed: %s", name)
            report[name] = "failing"
    failing = {name for name, state in report.items() if state != "ok"}
    status = "failing" if failing & REQUIRED else "degraded" if failing else "ok"
    return JsonResponse({"status": status, **report}, status=503 if status == "failing" else 200)
