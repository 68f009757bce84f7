"""Counting readers (see blog.readership.counting for what counts) and the public page that
explains it."""

import base64

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST, require_safe

from blog.comments.antispam import rate_limited
from blog.readership.counting import countable, visitor_key
from blog.readership.privacy import client_ip, ip_hash
from blog.readership.services import record_view

# A transparent 1x1 GIF, for readers without JavaScript.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _count(request, slug) -> HttpResponse | int | None:
    """Count the view and answer the post's total; or say, with a 429, that this address
    sends too many. A reader opens a few articles a minute: a flood of beacons is someone
    trying to move the numbers or load the database, and is refused before it reaches
    either. None: not a reader we count (a robot, a prefetch)."""
    if not countable(request):
        return None
    visitor = {"ip": ip_hash(client_ip(request))}
    if rate_limited(idents=visitor, spec=settings.VIEW_RATE_LIMITS, purpose="view"):
        response = HttpResponse(_("Too many views from this address; try again in a minute."),
                                status=429, content_type="text/plain")  # fmt: skip
        response["Retry-After"] = "60"
        return response
    total = record_view(slug=slug, visitor=visitor_key(request))
    if total is None:
        raise Http404(_("No such article."))
    return total


# The beacon cannot carry a CSRF token (navigator.sendBeacon sets no headers). A forged
# request from another site could only count that site's visitor once a day, as any
# real view does; it changes nothing else.
@csrf_exempt
@require_POST
@never_cache
def view_record(request, slug):
    answer = _count(request, slug)
    if isinstance(answer, HttpResponse):
        return answer
    # views.js asks for the total: the article page may come from the page cache, a few
    # minutes old, and the reader then sees the count as it is now, their view included.
    if answer is not None and "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"views": answer})
    return HttpResponse(status=204)


@require_GET
@never_cache
def view_pixel(request, slug):
    answer = _count(request, slug)
    if isinstance(answer, HttpResponse):
        return answer
    return HttpResponse(PIXEL, content_type="image/gif")


@require_safe
def views_explained(request):
    return render(request, "blog/views_explained.html")
