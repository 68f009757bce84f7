"""The site's URLs plus `/__floor__/`, "the bare-Django floor" of bench/run.py: a plain
function view returning fixed bytes (the bench article's HTML, captured once from the
running site into the file BENCH_FLOOR_FILE names) with the article's content type,
through the same settings and middleware. No query, no template, no cache: what any
page costs before the view does anything, so a page's throughput is read as a share
of it, measured in the same run on the same machine."""

import functools
import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from foundation_site.urls import handler400, handler500
from foundation_site.urls import urlpatterns as site_patterns

__all__ = ["handler400", "handler500", "urlpatterns"]


@functools.cache
def captured_page() -> bytes:
    # Read on the first request, not at import: bench/run.py writes the file only once
    # the server runs. A missing file raises, and functools.cache keeps no failure.
    return Path(os.environ["BENCH_FLOOR_FILE"]).read_bytes()


def floor(request):
    return HttpResponse(captured_page(), content_type="text/html; charset=utf-8")


urlpatterns = [path("__floor__/", floor, name="bench_floor"), *site_patterns]
