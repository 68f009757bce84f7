"""A comment thread as HTML, written in Python.

This was a recursive template include, one per comment; with twenty comments it was
the dearest part of an uncached article (about a third of its time, bench/). The
markup is the same; `format_html` escapes every value from a reader, as the template
did. Used by the article page and by comments.js's fragment after posting."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

register = template.Library()

DELETED_NAME = "a deleted comment"


def render_comment(comment, *, post_url: str, comments_open: bool, changeable_ids=()) -> str:
    """One comment and, nested under it, the replies that answer it (see
    `Post.comment_tree` for `children`, `depth`, `replying_to` and `shown_flat`)."""
    parts = [
        format_html(
            '<li id="comment-{}" class="comment{}{}" data-depth="{}">'
            '<article class="comment__card" aria-labelledby="comment-{}-author">',
            comment.pk,
            " comment--editor" if comment.by_editor else "",
            "" if comment.is_public else " comment--held",
            comment.depth,
            comment.pk,
        )
    ]
    if comment.is_deleted:
        parts.append(
            format_html(
                '<p id="comment-{}-author" class="comment__deleted">Comment deleted by its '
                "writer.</p>",
                comment.pk,
            )
        )
    else:
        parts.append(_card(comment, post_url, comments_open, changeable_ids))
    parts.append(mark_safe("</article>"))
    if comment.children:
        parts.append(
            format_html(
                '<ol class="comment-list comment-list--replies" aria-label="Replies to {}">',
                comment.author_name or DELETED_NAME,
            )
        )
        parts.extend(
            render_comment(
                reply, post_url=post_url, comments_open=comments_open, changeable_ids=changeable_ids
            )  # fmt: skip
            for reply in comment.children
        )
        parts.append(mark_safe("</ol>"))
    parts.append(mark_safe("</li>"))
    return SafeString("".join(parts))


def _card(comment, post_url, comments_open, changeable_ids) -> str:
    created = template_localtime(comment.created_at)
    answered = comment.replying_to
    answered_name = (answered.author_name or DELETED_NAME) if answered else ""
    header = format_html(
        '<header class="comment__header">'
        '<span class="avatar avatar--small avatar--initials" aria-hidden="true">{}</span> '
        '<strong id="comment-{}-author" class="comment__author">{}{}</strong> {}'
        '<a class="comment__permalink" href="#comment-{}"><span class="visually-hidden">'
        'Link to this comment, posted </span><time datetime="{}">{}</time></a>{}'
        "</header>",
        comment.initials,
        comment.pk,
        comment.author_name,
        format_html('<span class="visually-hidden">, replying to {}</span>', answered_name)
        if answered
        else "",
        format_html('<span class="badge">{} editor</span> ', settings.SITE_NAME)
        if comment.by_editor
        else "",
        comment.pk,
        created.isoformat(),  # what the template's date:"c" wrote
        dateformat.format(created, "j F Y, H:i"),
        mark_safe(' <span class="comment__edited">(edited)</span>') if comment.edited_at else "",
    )
    notes = []
    if not comment.is_public:
        notes.append(
            mark_safe(
                '<p class="comment__held">Awaiting moderation: only you can see this comment '
                "until an editor approves it.</p>"
            )
        )
    if comment.shown_flat:
        notes.append(
            format_html(
                '<p class="comment__in-reply-to">In reply to <a href="#comment-{}">{}</a></p>',
                answered.pk,
                answered_name,
            )
        )
    actions = []
    if comment.is_public and comments_open:
        actions.append(
            format_html(
                '<a class="comment__reply" href="{}?reply_to={}#comment-form" '
                'data-reply-to="{}" data-reply-name="{}">Reply<span class="visually-hidden"> '
                "to {}</span></a>",
                post_url,
                comment.pk,
                comment.pk,
                comment.author_name,
                comment.author_name,
            )  # fmt: skip
        )
    if comment.pk in changeable_ids:
        actions.append(
            format_html(
                '<a href="{}">Edit<span class="visually-hidden"> your comment</span></a> '
                '<a href="{}">Delete<span class="visually-hidden"> your comment</span></a>',
                reverse("blog:comment_edit", kwargs={"pk": comment.pk}),
                reverse("blog:comment_delete", kwargs={"pk": comment.pk}),
            )
        )
    return format_html(
        '{}{}<div class="comment__body">{}</div><p class="comment__actions">{}</p>',
        header,
        mark_safe("".join(notes)),  # noqa: S308 - each from format_html or a literal
        comment.body_html,
        mark_safe(" ".join(actions)),  # noqa: S308 - each from format_html
    )


@register.simple_tag(takes_context=True)
def comment_thread(context, comments) -> str:
    """The article's thread, as <li> elements for its <ol class="comment-list">."""
    post_url = context["post"].get_absolute_url()
    options = {
        "post_url": post_url,
        "comments_open": context.get("comments_open", False),
        "changeable_ids": context.get("changeable_ids", ()),
    }
    return SafeString("".join(render_comment(comment, **options) for comment in comments))
