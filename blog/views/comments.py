"""Posting, editing and deleting comments. Each works without JavaScript (a full page
and a redirect) and, for requests from comments.js (`X-Requested-With: fetch`),
answers with the HTML fragment the script puts in place."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from blog.comments.antispam import Limit, rate_limited
from blog.comments.commenter import can_change, remember
from blog.comments.forms import CommentEditForm, CommentForm
from blog.comments.notifications import comment_from_unsubscribe_token
from blog.comments.services import add_comment, delete_comment, edit_comment, stop_reply_mail
from blog.models import Comment, CommentStatus
from blog.public.csrf import same_origin_or_token
from blog.readership.privacy import client_ip, ip_hash
from blog.templatetags.comment_threads import render_comment
from blog.views.posts import article_context, published_post

HELD = gettext_lazy(
    "Thank you: your comment is awaiting moderation. You can see it, marked as such; "
    "others will once an editor approves it."
)
PUBLISHED = gettext_lazy("Thank you: your comment is published.")


def too_many_comments(limit: Limit) -> str:
    """Whole sentences for each window, so that each language says it its own way; the
    English keeps one form for any number ("the limit is 5 a minute")."""
    count = limit.count
    if limit.window == "d":
        text = ngettext(
            "You have posted many comments in a short time (the limit is %(count)s a day). "
            "Your text is kept: please post it again later.",
            "You have posted many comments in a short time (the limit is %(count)s a day). "
            "Your text is kept: please post it again later.",
            count,
        )
    elif limit.window == "h":
        text = ngettext(
            "You have posted many comments in a short time (the limit is %(count)s an hour). "
            "Your text is kept: please post it again later.",
            "You have posted many comments in a short time (the limit is %(count)s an hour). "
            "Your text is kept: please post it again later.",
            count,
        )
    else:
        text = ngettext(
            "You have posted many comments in a short time (the limit is %(count)s a minute). "
            "Your text is kept: please post it again later.",
            "You have posted many comments in a short time (the limit is %(count)s a minute). "
            "Your text is kept: please post it again later.",
            count,
        )
    return text % {"count": count}


def too_many_edits(limit: Limit) -> str:
    count = limit.count
    if limit.window == "d":
        text = ngettext(
            "You have changed comments many times in a short time (the limit is %(count)s a "
            "day). Your text is kept: please save it again later.",
            "You have changed comments many times in a short time (the limit is %(count)s a "
            "day). Your text is kept: please save it again later.",
            count,
        )
    elif limit.window == "h":
        text = ngettext(
            "You have changed comments many times in a short time (the limit is %(count)s an "
            "hour). Your text is kept: please save it again later.",
            "You have changed comments many times in a short time (the limit is %(count)s an "
            "hour). Your text is kept: please save it again later.",
            count,
        )
    else:
        text = ngettext(
            "You have changed comments many times in a short time (the limit is %(count)s a "
            "minute). Your text is kept: please save it again later.",
            "You have changed comments many times in a short time (the limit is %(count)s a "
            "minute). Your text is kept: please save it again later.",
            count,
        )
    return text % {"count": count}


def wants_fragment(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@require_POST
@same_origin_or_token
def comment_create(request, slug):
    post = published_post(slug)
    form = CommentForm(request.POST, post=post)
    status = 400
    if form.is_valid():
        visitor = ip_hash(client_ip(request))
        limit = rate_limited(idents={"ip": visitor, "email": form.cleaned_data["author_email"]})
        if limit and not form.is_bot:
            status = 429
            form.add_error(None, too_many_comments(limit))
        else:
            try:
                comment = add_comment(
                    post=post,
                    author_name=form.cleaned_data["author_name"],
                    author_email=form.cleaned_data["author_email"],
                    body=form.cleaned_data["body"],
                    parent=form.cleaned_data["parent"],
                    notify_replies=form.cleaned_data["notify_replies"],
                    ip_hash=visitor,
                    user=request.user if request.user.is_authenticated else None,
                    # A bot that fills the honeypot is told what a held reader is told,
                    # and its comment waits in spam, where an editor can still rescue it.
                    spam_reason="honeypot field filled" if form.is_bot else "",
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                return comment_posted(request, comment)
    # Invalid: the reader's text comes back in the form, nothing saved.
    form.refresh_token()
    if wants_fragment(request):
        context = article_context(request, post, form=form)
        html = render_to_string("blog/_comment_form.html", context, request=request)
        return JsonResponse({"ok": False, "form": html}, status=status)
    context = article_context(request, post, form=form)
    return render(request, "blog/post_detail.html", context, status=status)


def comment_posted(request, comment: Comment):
    public = comment.status == CommentStatus.APPROVED
    message = str(PUBLISHED if public else HELD)
    if wants_fragment(request):
        # comments.js puts it under its parent (or atop the thread) itself.
        comment.children, comment.depth, comment.shown_flat = [], 1, False
        comment.replying_to = comment.parent
        html = render_comment(
            comment, post_url=comment.post.get_absolute_url(), comments_open=True,
            changeable_ids={comment.pk},
        )  # fmt: skip
        response = JsonResponse(
            {"ok": True, "id": comment.pk, "parent": comment.parent_id, "html": html,
             "message": message, "public": public},
            status=201,
        )  # fmt: skip
    else:
        messages.success(request, message)
        response = redirect(comment.get_absolute_url())
    if comment.status in {CommentStatus.APPROVED, CommentStatus.PENDING}:
        remember(request, response, comment)
    return response


def attach_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _own_comment(request, pk) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
    # Its pages are in the language of the post (their address has no language).
    translation.activate(comment.post.language)
    if not can_change(request, comment) or not comment.post.is_live:
        # Past the window, another browser or someone else's comment: nothing to see.
        raise Http404(_("This comment can no longer be changed from this browser."))
    return comment


@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    comment = _own_comment(request, pk)
    form = CommentEditForm(request.POST or None, instance=comment)
    # Edits are limited like new comments: each one is a write and may change the text
    # readers see. (A delete needs no limit: each comment can be deleted once.)
    limit = request.method == "POST" and rate_limited(
        idents={"ip": ip_hash(client_ip(request))},
        spec=settings.COMMENT_EDIT_RATE_LIMITS,
        purpose="edit",
    )
    if limit:
        form.add_error(None, too_many_edits(limit))
    elif request.method == "POST" and form.is_valid():
        try:
            edit_comment(comment, body=form.cleaned_data["body"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your comment is updated."))
            return redirect(comment.get_absolute_url())
    status = 429 if limit else 400 if form.errors else 200
    context = {"comment": comment, "form": form, "edit_minutes": settings.COMMENT_EDIT_MINUTES}
    return render(request, "blog/comment_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def comment_delete(request, pk):
    comment = _own_comment(request, pk)
    if request.method == "POST":
        delete_comment(comment)
        messages.success(request, _("Your comment is deleted."))
        return redirect(f"{comment.post.get_absolute_url()}#comments")
    return render(request, "blog/comment_delete.html", {"comment": comment})


def comment_unsubscribe(request, token):
    # One click from a mail: a GET does it. Stopping mail is harmless to repeat, and a
    # mail scanner that opens the link only does what the reader asked for anyway.
    pk = comment_from_unsubscribe_token(token)
    comment = Comment.objects.select_related("post").filter(pk=pk).first() if pk else None
    if comment is None:
        raise Http404(_("This link is not valid."))
    translation.activate(comment.post.language)  # as the mail it came from
    stop_reply_mail(comment)
    return render(request, "blog/comment_unsubscribed.html", {"post": comment.post})
