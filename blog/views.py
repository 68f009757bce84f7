from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST
from taggit.models import Tag

from blog.forms import CommentForm
from blog.models import Author, Comment, CommentStatus, Post
from blog.pagination import paginate
from blog.services import add_comment
from blog.sharing import share_links


@require_GET
def post_list(request):
    page = paginate(request, Post.objects.for_cards())
    return render(request, "blog/post_list.html", {"page": page})


def _article_context(request, post: Post, *, form=None, reply_to=None) -> dict:
    """Everything the article template shows. Without a form, a new one is made,
    addressed to `reply_to` when that is an approved comment of this post."""
    comments = post.comment_tree()
    if form is None:
        replying_to = _find(comments, reply_to)
        form = CommentForm(post=post, initial={"parent": replying_to.pk if replying_to else None})
    else:
        replying_to = _find(comments, form["parent"].value())
    url = request.build_absolute_uri(post.get_absolute_url())
    older, newer = post.neighbours()
    return {
        "post": post,
        "authors": post.credited_authors,
        "tags": list(post.tags.all()),
        "comments": comments,
        "comment_count": post.shown_comment_count,
        "replying_to": replying_to,
        "form": form,
        "share_links": share_links(url=url, title=post.title),
        "canonical_url": url,
        "older": older,
        "newer": newer,
    }


def _find(comments: list[Comment], pk) -> Comment | None:
    """The comment being answered, looked up in the thread already in memory."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    stack = list(comments)
    while stack:
        comment = stack.pop()
        if comment.pk == pk:
            return comment
        stack.extend(comment.children)
    return None


def _published_post(slug: str) -> Post:
    posts = Post.objects.published().with_authors().prefetch_related("tags")
    return get_object_or_404(posts, slug=slug)


@require_GET
def post_detail(request, slug):
    post = _published_post(slug)
    # ?reply_to=ID is the no-JavaScript Reply link: the one form on the page comes
    # back addressed to that comment, instead of a hidden form under every comment.
    context = _article_context(request, post, reply_to=request.GET.get("reply_to"))
    return render(request, "blog/post_detail.html", context)


@require_POST
def comment_create(request, slug):
    post = _published_post(slug)
    form = CommentForm(request.POST, post=post)
    if form.is_valid():
        try:
            comment = add_comment(
                post=post,
                author_name=form.cleaned_data["author_name"],
                author_email=form.cleaned_data["author_email"],
                body=form.cleaned_data["body"],
                parent=form.cleaned_data["parent"],
            )
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            if comment.status == CommentStatus.APPROVED:
                messages.success(request, "Thank you: your comment is published.")
                return redirect(comment.get_absolute_url())
            messages.success(
                request,
                "Thank you: your comment is awaiting moderation and will appear once "
                "an editor approves it.",
            )
            return redirect(f"{post.get_absolute_url()}#comments")
    # Invalid: the article comes back with the reader's text in the form, nothing saved.
    context = _article_context(request, post, form=form)
    return render(request, "blog/post_detail.html", context, status=400)


def _attach_errors(form: CommentForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_GET
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    posts = Post.objects.for_cards().filter(tags=tag)
    # A tag used only by drafts does not exist for readers.
    page = paginate(request, posts, allow_empty=False)
    return render(request, "blog/tag_detail.html", {"tag": tag, "page": page})


@require_GET
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = paginate(request, Post.objects.for_cards().by_author(author))
    return render(request, "blog/author_detail.html", {"author": author, "page": page})


def server_error(request):
    # Rendered without context processors or the request: whatever broke may be among them.
    html = render_to_string("500.html", {"site_name": settings.SITE_NAME})
    return HttpResponseServerError(html)
