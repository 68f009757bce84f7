"""Cross-site request forgery checks that let a cached page carry a working form.

Django's check wants a token in the form that matches a cookie: per reader, so a page
with it cannot be shared (blog/public/pagecache.py). Browsers since 2019-2023 say where a
request comes from in headers a page cannot forge: `Sec-Fetch-Site` (Chrome 76, Firefox
90, Safari 16.4) and `Origin` on every POST. A comment from an anonymous reader is
accepted when those headers say it comes from this site, with no token, so the form in
a shared page works with and without JavaScript.

Everything else keeps Django's full check, token included:
- a logged-in reader (an editor answers as the foundation: a forged request would speak
  in their name), whose pages are personal and carry the token anyway;
- a browser that sends neither header (older than the dates above): refused with the
  403_csrf.html page, which tells the reader how to get their text back.
Requests that say they come from elsewhere are refused either way."""

import functools

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt


def _from_this_site(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return False
    return origin == f"{request.scheme}://{request.get_host()}" or (
        origin in settings.CSRF_TRUSTED_ORIGINS
    )


def same_origin_or_token(view):
    """Accept an anonymous POST that the browser says comes from this site; anything
    else goes through Django's CSRF check as usual."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated or not _from_this_site(request):
            refused = CsrfViewMiddleware(view).process_view(request, view, args, kwargs)
            if refused is not None:
                return refused
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
