import sys
from datetime import date

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from blog.comments.commenter import can_change, own_comment_ids
from blog.comments.forms import CommentForm
from blog.models import Author, Comment, Post, Series, Tag, series_place
from blog.public.languages import language_versions
from blog.public.pagecache import cached_for_readers, is_shared
from blog.public.pagination import paginate
from blog.public.seo import article_metadata
from blog.public.sharing import share_links
from blog.publishing.previews import post_id_from_token


@require_safe
@cached_for_readers(vary_on=("page",))
def post_list(request):
    posts = Post.objects.in_language(translation.get_language())
    page = paginate(request, posts.for_cards())
    first = page.number == 1
    context = {
        "page": page,
        "most_read": posts.most_read(days=30)[:5] if first else [],
        "months": posts.month_counts() if first else [],
    }
    return render(request, "blog/post_list.html", context)


def article_context(request, post: Post, *, form=None, reply_to=None) -> dict:
    """Everything the article template shows. Without a form, a new one is made,
    addressed to `reply_to` when that is an approved comment of this post."""
    own_ids = own_comment_ids(request)
    comments = post.comment_tree(own_ids=own_ids)
    shown = {comment.pk: comment for comment in walk(comments)}
    if form is None:
        replying_to = _public(shown, reply_to)
        form = CommentForm(post=post, initial=_form_initial(request, replying_to))
    else:
        replying_to = _public(shown, form["parent"].value())
    url = request.build_absolute_uri(post.get_absolute_url())
    older, newer, related = Post.objects.around(post)
    authors = post.credited_authors
    return {
        "post": post,
        "authors": authors,
        "tags": post.tag_list,
        "comments": comments,
        "comment_count": post.shown_comment_count,
        "replying_to": replying_to,
        "form": form,
        "share_links": share_links(url=url, title=post.title),
        "canonical_url": url,
        "meta": article_metadata(request, post, authors),
        "older": older,
        "newer": newer,
        # "Part 2 of 5": one query for a post in a series, none for the others.
        "series_place": series_place(post),
        "language_versions": _article_versions(post),
        "related": related,
        "comments_open": post.accepts_comments(),
        "ip_retention_days": settings.COMMENT_IP_RETENTION_DAYS,
        # Rendered for this reader alone (a login, own comments): the form may carry a
        # CSRF token. A shared page carries none (blog/public/csrf.py).
        "personal": not is_shared(request),
        # Edit and Delete links, for this browser's own recent comments.
        "changeable_ids": {pk for pk in own_ids if pk in shown and can_change(request, shown[pk])},
    }


def _article_versions(post: Post) -> dict[str, str]:
    """The article's address in each language it is published in: itself and its
    published translations (read with the post: `PostQuerySet.for_article`)."""
    versions = {post.language: post.get_absolute_url()}
    for language, slug in post.published_translations():
        versions.setdefault(language, reverse("blog:post_detail", kwargs={"slug": slug}))
    return versions


def walk(comments: list[Comment]):
    """Every comment of a thread built by `Post.comment_tree()`, parents first."""
    stack = list(reversed(comments))
    while stack:
        comment = stack.pop()
        yield comment
        stack.extend(reversed(comment.children))


def _public(shown: dict[int, Comment], pk) -> Comment | None:
    try:
        comment = shown.get(int(pk))
    except (TypeError, ValueError):
        return None
    return comment if comment is not None and comment.is_public else None


def _form_initial(request, replying_to) -> dict:
    initial = {"parent": replying_to.pk if replying_to else None}
    user = request.user
    if user.is_authenticated and user.is_staff:
        # An editor on the site answers as the foundation: see services.add_editor_reply.
        author = getattr(user, "author_profile", None)
        initial["author_name"] = author.name if author else user.get_full_name()
        initial["author_email"] = user.email
    return initial


def published_post(slug: str) -> Post:
    """The post of an article page, in three queries: see `PostQuerySet.for_article`."""
    post = get_object_or_404(Post.objects.published().for_article(), slug=slug)
    post.prefetch_pictures()
    # The page is in the post's language, whatever the address: /post/<slug>/ has no
    # prefix (old links keep working) and shows one language, so it caches cleanly.
    translation.activate(post.language)
    return post


@require_safe
@cached_for_readers(skip_if=("reply_to",))
def post_detail(request, slug):
    post = published_post(slug)
    # ?reply_to=ID is the no-JavaScript Reply link: the one form on the page comes
    # back addressed to that comment, instead of a hidden form under every comment.
    context = article_context(request, post, reply_to=request.GET.get("reply_to"))
    return render(request, "blog/post_detail.html", context)


@require_safe
def post_preview(request, token):
    """A draft or scheduled post exactly as readers will see it, for whoever holds a
    signed link. Not indexed, not counted, not open to comments."""
    post_id = post_id_from_token(token)
    post = Post.objects.for_article().filter(pk=post_id).first() if post_id else None
    if post is None:
        raise Http404("This preview link is not valid or has expired.")
    post.prefetch_pictures()
    translation.activate(post.language)
    context = article_context(request, post) | {"is_preview": True, "comments_open": False}
    response = render(request, "blog/post_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@cached_for_readers(vary_on=("page",))
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    posts = Post.objects.in_language(translation.get_language()).for_cards().filter(tags=tag)
    # A tag used only by drafts does not exist for readers.
    page = paginate(request, posts, allow_empty=False)
    used_in = Post.objects.published().filter(tags=tag).languages()
    context = {
        "tag": tag,
        "page": page,
        "language_versions": language_versions("blog:tag_detail", {"slug": slug}, used_in),
    }
    return render(request, "blog/tag_detail.html", context)


@require_safe
@cached_for_readers(vary_on=("page",))
def series_detail(request, slug):
    # A series has one language: its page answers at that language's address alone.
    series = get_object_or_404(Series.objects.in_language(translation.get_language()), slug=slug)
    posts = Post.objects.for_cards().in_language(series.language).in_series(series)
    # A series whose parts are all drafts does not exist for readers, as a tag's.
    page = paginate(request, posts, allow_empty=False)
    context = {
        "series": series,
        "page": page,
        "language_versions": {series.language: series.get_absolute_url()},
    }
    return render(request, "blog/series_detail.html", context)


@require_safe
@cached_for_readers(vary_on=("page",))
def author_detail(request, slug):
    authors = Author.objects.select_related("picture").prefetch_related("picture__renditions")
    author = get_object_or_404(authors, slug=slug)
    posts = Post.objects.in_language(translation.get_language()).for_cards().by_author(author)
    page = paginate(request, posts)
    return render(request, "blog/author_detail.html", {"author": author, "page": page})


@require_safe
@cached_for_readers(vary_on=("page",))
def post_archive_month(request, year, month):
    # Months without posts are "Page not found", like tags used only by drafts.
    posts = Post.objects.in_language(translation.get_language())
    page = paginate(request, posts.for_cards().in_month(year, month), allow_empty=False)
    used_in = Post.objects.published().in_month(year, month).languages()
    context = {
        "page": page,
        "month": date(year, month, 1),
        "months": posts.month_counts(),
        "language_versions": language_versions(
            "blog:archive_month", {"year": year, "month": month}, used_in
        ),
    }
    return render(request, "blog/post_archive_month.html", context)


def csrf_failure(request, reason=""):
    """A refused form (blog/public/csrf.py), in the site's look, saying how to get the text back."""
    html = render_to_string("403_csrf.html", {"site_name": settings.SITE_NAME})
    return HttpResponse(html, status=403)


def bad_request(request, exception=None):
    """A request Django refused to read (too large a form, a forged Host header), in
    the site's look: Django's own 400 page is a bare "Bad Request"."""
    html = render_to_string("400.html", {"site_name": settings.SITE_NAME})
    return HttpResponseBadRequest(html)


def server_error(request):
    # Rendered without context processors or the request: whatever broke may be among them.
    # Django calls this while it handles the exception, so sys.exc_info() names it: a
    # database that does not answer is a 503 (a passing outage, "come back soon"), which
    # proxies and crawlers treat as such; anything else is a 500.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        html = render_to_string("503.html", {"site_name": settings.SITE_NAME})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "60"
        return response
    html = render_to_string("500.html", {"site_name": settings.SITE_NAME})
    return HttpResponseServerError(html)
