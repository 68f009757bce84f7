from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from blog.addresses import absolute_url
from blog.pagecache import cached_for_readers
from blog.sitemaps import SITEMAPS


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
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
