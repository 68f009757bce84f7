from functools import cache

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from blog.public.addresses import absolute_url
from blog.public.languages import same_page_url
from blog.public.pagecache import cached_for_readers
from blog.public.sitemaps import SITEMAPS


@require_safe
@cached_for_readers(vary_on=("p",))
def sitemap(request):
    return sitemap_view(request, sitemaps=SITEMAPS)


@require_safe
def robots_txt(request):
    context = {
        "sitemap_url": absolute_url(reverse("blog:sitemap")),
        # Named only at the well-known default: a moved admin is not announced here.
        "admin_path": "/admin/" if settings.ADMIN_PATH == "admin/" else None,
        # Each language's search page (/search/, /az/search/ …): endless result pages.
        "search_paths": [same_page_url("blog:search", {}, code) for code, _ in settings.LANGUAGES],
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@cache
def _icon() -> bytes:
    # Read once per worker: the file changes only with a deploy, which restarts them.
    with staticfiles_storage.open("favicon.ico") as handle:
        return handle.read()


@require_safe
def favicon(request):
    """/favicon.ico, where browsers, feed readers and bookmarking services look for the
    site's icon whatever a page links to (the admin's pages link to nothing)."""
    response = HttpResponse(_icon(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
