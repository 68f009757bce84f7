"""Old addresses answer 301 with their new page (blog.models.Redirect).

A page that exists never looks: the table is read only on the way to a 404, and for
WordPress's `/?p=12` style of address, whose path is a real page (the home page)."""

from django.conf import settings
from django.db.models import F
from django.http import HttpResponsePermanentRedirect
from django.utils import timezone

from blog.models import Redirect, normalize_path

# Query keys WordPress answered on any path: posts, pages, attachments, categories, tags.
LEGACY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")


def _answer(request, candidates: list[str]):
    # No stored address holds a NUL (PostgreSQL refuses one in text) or is that long.
    candidates = [c for c in candidates if "\x00" not in c and len(c) <= 500]
    if not candidates:
        return None
    found = Redirect.objects.filter(old_path__in=candidates).values("pk", "new_path").first()
    if found is None:
        return None
    Redirect.objects.filter(pk=found["pk"]).update(hits=F("hits") + 1, last_used_at=timezone.now())
    return HttpResponsePermanentRedirect(found["new_path"])


def redirect_old_addresses(get_response):
    FILES = (settings.STATIC_URL, settings.MEDIA_URL)

    def middleware(request):
        if request.method in ("GET", "HEAD") and request.GET:
            keys = [key for key in LEGACY_KEYS if request.GET.get(key, "").isdigit()]
            if keys:
                path = normalize_path(request.path)
                answer = _answer(request, [f"{path}?{key}={request.GET[key]}" for key in keys])
                if answer:
                    return answer
        response = get_response(request)
        if (
            response.status_code == 404
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(FILES)  # a missing file was never a page
        ):
            return _answer(request, [normalize_path(request.path)]) or response
        return response

    return middleware
