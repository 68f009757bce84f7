"""Whole pages cached for anonymous readers, and thrown away the moment they would lie.

What is cached: the HTML of public pages (home, articles, tags, writers, archives, feeds,
sitemap) as rendered for a reader with no personal state, in the shared default cache
(Redis when REDIS_URL is set). A reader who sends a session, a commenter or a messages
cookie gets the page rendered for them alone, never cached: an editor's token and
prefilled name, a commenter's own held comment and Edit links, a "Thank you" message.
Those readers are few; everyone else shares one copy per page.

Nothing in a shared page belongs to one reader, so it can also go to nginx and CDNs:
- no CSRF token: an anonymous comment is accepted when the browser says it comes from
  this site (`blog.public.csrf.same_origin_or_token`); logged-in editors still need the token;
- the view count is a separate request (views.js, or the <noscript> pixel) and the
  count shown is at most PAGE_CACHE_SECONDS old (views.js shows the live one);
- the anti-bot form token only records when the form was first shown: a cached form
  looks older, never younger, so it can only make a reader look slower than a bot.

When pages change: every write that readers can see (a post saved or published, a
comment approved, a tag, writer, series or picture changed) replaces the site's
*generation*, after the transaction commits. Each cached page remembers the generation it was
rendered under and is a miss under any other. One generation for the whole site is
deliberately coarse: a new post changes the home page, the tag pages, the archive, the
neighbours and related links of other articles... tracking that per page is where
caches go wrong, and a writer publishes a few times a day while readers come all day.
A scheduled post goes live with no write at all, so the generation also carries the
time of the next scheduled publication, and is replaced when it is reached.

Every lookup costs one cache round trip (the generation and the page in one get_many)
and no query. PAGE_CACHE_SECONDS bounds the life of an entry regardless (view counts,
"most read", comments closing by age), and 0 turns the cache off."""

import functools
import gzip
import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

STATE_KEY = "pages:generation"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads the header
# Cookies that make a page personal: a login (or any session), the commenter's own
# comments (blog.comments.commenter), a one-time message after posting without JavaScript.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "commenter", "messages")


def is_shared(request) -> bool:
    """Would this request get the page every anonymous reader gets?"""
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in PERSONAL_COOKIES
    )


def _now() -> float:
    return timezone.now().timestamp()  # not time.time(): tests move timezone.now


def _next_publication() -> float | None:
    from blog.models import Post  # models import this module's signals

    upcoming = Post.objects.scheduled().values_list("published_at", flat=True).first()
    return upcoming.timestamp() if upcoming else None


def _new_state() -> dict:
    state = {"generation": uuid.uuid4().hex, "until": _next_publication()}
    # No expiry: evicted or lost, the next request starts a new generation, which is
    # merely a round of misses.
    cache.set(STATE_KEY, state, timeout=None)
    return state


def invalidate() -> None:
    """Start a new generation now: every cached page is out of date."""
    _new_state()


def invalidate_on_commit() -> None:
    """Start a new generation once the current transaction commits. Not before: a
    reader in between would cache the old rows under the new generation."""
    transaction.on_commit(invalidate)


def _current_state(state: dict | None) -> dict:
    if state is None or (state["until"] is not None and _now() >= state["until"]):
        return _new_state()  # first request, lost state, or a scheduled post is due
    return state


def _page_key(request, vary_on) -> str:
    # Only the parameters the view reads: ?fbclid=... on a shared link is the same page.
    # Scheme and host too: a page's canonical and share links are absolute addresses.
    params = "&".join(f"{name}={request.GET.get(name, '')}" for name in vary_on)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{params}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"pages:{digest}"


def _headers_for_readers(response, *, shared: bool) -> None:
    patch_vary_headers(response, ["Cookie"])
    if shared:
        # Browsers revalidate every time (a 304 costs nothing); proxies may keep a page
        # PAGE_PROXY_SECONDS, the staleness the site accepts from them.
        patch_cache_control(
            response, public=True, max_age=0, must_revalidate=True,
            s_maxage=settings.PAGE_PROXY_SECONDS,
        )  # fmt: skip
    else:
        patch_cache_control(response, private=True, no_cache=True)


def cached_for_readers(view=None, *, vary_on=(), skip_if=()):
    """Serve `view` from the page cache to anonymous readers. `vary_on` names the query
    parameters the page depends on; a request with any parameter in `skip_if` (such as
    ?reply_to=) is rendered fresh, shared but not stored, so nobody fills the cache
    with variants."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not is_shared(request):
                response = view(request, *args, **kwargs)
                _headers_for_readers(response, shared=False)
                return response
            if settings.PAGE_CACHE_SECONDS <= 0 or any(p in request.GET for p in skip_if):
                response = _rendered(view(request, *args, **kwargs))
                _headers_for_readers(response, shared=_shareable(request, response))
                return response
            key = _page_key(request, vary_on)
            found = cache.get_many([STATE_KEY, key])
            state = _current_state(found.get(STATE_KEY))
            entry = found.get(key)
            if entry is not None and entry["generation"] == state["generation"]:
                return _replay(request, entry)
            response = view(request, *args, **kwargs)
            return _store(request, key, response, state)

        return wrapped

    return decorate(view) if view is not None else decorate


def _rendered(response):
    """A TemplateResponse (the sitemap) rendered now: whether it is shareable shows only
    once its template has run, and its bytes are what the cache keeps."""
    if getattr(response, "is_rendered", True) is False:
        response.render()
    return response


def _shareable(request, response) -> bool:
    """May a proxy give this response to anyone? Not when it sets a cookie, nor when
    the page used a CSRF token: CsrfViewMiddleware sets that cookie after this view
    returns, so the request's flag is what shows it here."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _store(request, key: str, response, state: dict):
    response = _rendered(response)
    # Kept with the page: a hit does not run the view, which sets a post's language.
    response.headers.setdefault("Content-Language", translation.get_language())
    cacheable = _shareable(request, response)
    _headers_for_readers(response, shared=cacheable)
    if not cacheable:
        return response
    response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    response["Last-Modified"] = http_date()
    entry = {
        "generation": state["generation"],
        "content": response.content,
        # Compressed once here, not by GZipMiddleware on every hit. No random padding
        # (Django's defence against BREACH): a shared page holds no secret to guess.
        "gzipped": gzip.compress(response.content, mtime=0),
        "headers": {
            name: response[name]
            for name in (
                "Content-Type",
                "Content-Language",
                "ETag",
                "Last-Modified",
                "Cache-Control",
                "Vary",
                "X-Robots-Tag",
            )  # fmt: skip
            if name in response
        },
    }
    timeout = settings.PAGE_CACHE_SECONDS
    if state["until"] is not None:  # never outlive the generation it belongs to
        timeout = max(1, min(timeout, int(state["until"] - _now()) + 1))
    cache.set(key, entry, timeout=timeout)
    response["X-Cache"] = "miss"
    return response


def _replay(request, entry: dict):
    from django.http import HttpResponse

    compressed = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(entry["gzipped"] if compressed else entry["content"])
    for name, value in entry["headers"].items():
        response[name] = value
    patch_vary_headers(response, ["Accept-Encoding"])
    if compressed:
        response["Content-Encoding"] = "gzip"  # GZipMiddleware then leaves it alone
        response["ETag"] = f"W/{response['ETag']}"  # as GZipMiddleware marks its own
    response["X-Cache"] = "hit"
    return response


def _comment_saved(sender, instance, created, **kwargs):
    from blog.models import CommentStatus

    # A new comment waiting for moderation shows nowhere public (its writer sees it on
    # a personal page): a flood of them must not empty the cache.
    if created and instance.status != CommentStatus.APPROVED:
        return
    invalidate_on_commit()


def _changed(sender, **kwargs):
    invalidate_on_commit()


def connect_signals() -> None:
    """Writes through the ORM's save() and delete(). Services that write with
    QuerySet.update() (publishing, moderating) call invalidate_on_commit() themselves."""
    from django.db.models.signals import post_delete, post_save

    from blog.models import (
        Author,
        Comment,
        Image,
        Post,
        PostAuthor,
        Rendition,
        Series,
        SeriesPart,
        Tag,
        TaggedPost,
    )

    post_save.connect(_comment_saved, sender=Comment, dispatch_uid="pages_comment_saved")
    post_delete.connect(_changed, sender=Comment, dispatch_uid="pages_comment_deleted")
    for model in (Post, PostAuthor, TaggedPost, Tag, Author, Image, Rendition, Series, SeriesPart):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"pages_{model.__name__}")
