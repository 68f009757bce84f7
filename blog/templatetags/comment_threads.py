"""A comment thread as HTML, written in Python.

This was a recursive template include, one per comment; with twenty comments it was
the dearest part of an uncached article (about a third of its time, bench/). Then it
was `format_html` calls, five a comment: still 0.1 ms a comment, in escaping values
that need none (ids, depths) and in wrapping every piece as safe. Now each comment is
a few f-strings: every value that comes from a reader or a setting goes through `e()`
(the escaping Django's templates use), ids and depths are integers, the body is the
HTML `Comment.save()` stored escaped. The markup is the template's, unchanged (compared
byte for byte with the old code's when rewritten; tests/test_comment_threads.py checks
escaping and dates). Used by the article page and by comments.js's fragment after
posting."""

from html import escape

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.dates import MONTHS_ALT
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


def _words() -> dict[str, str]:
    """The thread's words in the active language, escaped as `e()` would: looked up once a
    thread, not once a comment. Those with `%(name)s` get an escaped value put in."""
    return {
        # Translators: stands for the name of a comment's writer who deleted it.
        "deleted_name": _("a deleted comment"),
        "deleted": e(_("Comment deleted by its writer.")),
        # Translators: names the list of replies under a comment, for screen readers.
        "replies_to": e(_("Replies to %(name)s")),
        # Translators: read after a reply's writer's name by screen readers, "Ann, replying
        # to Bob".
        "replying_to": e(_(", replying to %(name)s")),
        # Translators: the badge beside an editor's comment, "Bridges for Peace editor".
        "badge": e(_("%(site)s editor") % {"site": settings.SITE_NAME}),
        "edited": e(_("(edited)")),
        # Translators: read by screen readers before the date the comment was posted.
        "permalink": e(_("Link to this comment, posted")),
        "held": e(
            _("Awaiting moderation: only you can see this comment until an editor approves it.")
        ),
        "in_reply_to": e(_("In reply to %(name)s")),
        # Translators: the link that answers a comment (a verb); screen readers then read
        # "to NAME".
        "reply": e(pgettext("comment action", "Reply")),
        # Translators: read after "Reply" by screen readers, "Reply to Ann".
        "reply_to": e(_("to %(name)s")),
        # Translators: a link that changes one's own comment; screen readers then read "your
        # comment".
        "edit": e(pgettext("comment action", "Edit")),
        # Translators: a link that deletes one's own comment; screen readers then read "your
        # comment".
        "delete": e(pgettext("comment action", "Delete")),
        # Translators: read after "Edit" and "Delete" by screen readers.
        "your_comment": e(_("your comment")),
    }


def e(value) -> str:
    """What `{{ value }}` writes: quotes and angle brackets escaped (django.utils.html.escape)."""
    return escape(str(value))


def render_comment(comment, *, post_url: str, comments_open: bool, changeable_ids=()) -> str:
    """One comment and, nested under it, the replies that answer it (see
    `Post.comment_tree` for `children`, `depth`, `replying_to` and `shown_flat`)."""
    out: list[str] = []
    _write(comment, out, e(post_url), comments_open, changeable_ids, _words())
    return SafeString("".join(out))


def _write(
    comment, out: list[str], post_url: str, comments_open: bool, changeable_ids, words: dict
) -> None:
    pk = int(comment.pk)
    editor = " comment--editor" if comment.by_editor else ""
    held = "" if comment.is_public else " comment--held"
    out.append(
        f'<li id="comment-{pk}" class="comment{editor}{held}" data-depth="{int(comment.depth)}">'
        f'<article class="comment__card" aria-labelledby="comment-{pk}-author">'
    )
    if comment.is_deleted:
        out.append(f'<p id="comment-{pk}-author" class="comment__deleted">{words["deleted"]}</p>')
    else:
        _card(comment, out, post_url, comments_open, changeable_ids, words)
    out.append("</article>")
    if comment.children:
        replies_to = words["replies_to"] % {"name": e(comment.author_name or words["deleted_name"])}
        out.append(f'<ol class="comment-list comment-list--replies" aria-label="{replies_to}">')
        for reply in comment.children:
            _write(reply, out, post_url, comments_open, changeable_ids, words)
        out.append("</ol>")
    out.append("</li>")


def _card(
    comment, out: list[str], post_url: str, comments_open: bool, changeable_ids, words: dict
) -> None:
    pk, name = int(comment.pk), e(comment.author_name)
    created = template_localtime(comment.created_at)
    # date:"j E Y, H:i", as the article's own date ("j E Y"), without parsing the format
    # each time: E is the month as a date names it, "8 декабря 2026" (MONTHS_ALT).
    shown_at = f"{created.day} {MONTHS_ALT[created.month]} {created.year}, {created:%H:%M}"
    answered = comment.replying_to
    answered_name = e(answered.author_name or words["deleted_name"]) if answered else ""
    replying = (
        f'<span class="visually-hidden">{words["replying_to"] % {"name": answered_name}}</span>'
        if answered
        else ""
    )
    badge = f'<span class="badge">{words["badge"]}</span> ' if comment.by_editor else ""
    edited = f' <span class="comment__edited">{words["edited"]}</span>' if comment.edited_at else ""
    initials, at = e(comment.initials), created.isoformat()
    out.append(
        '<header class="comment__header">'
        f'<span class="avatar avatar--small avatar--initials" aria-hidden="true">{initials}'
        f'</span> <strong id="comment-{pk}-author" class="comment__author">{name}{replying}'
        f'</strong> {badge}<a class="comment__permalink" href="#comment-{pk}">'
        f'<span class="visually-hidden">{words["permalink"]} </span>'
        f'<time datetime="{at}">{shown_at}</time></a>{edited}</header>'
    )
    if not comment.is_public:
        out.append(f'<p class="comment__held">{words["held"]}</p>')
    if comment.shown_flat:
        link = f'<a href="#comment-{int(answered.pk)}">{answered_name}</a>'
        out.append(f'<p class="comment__in-reply-to">{words["in_reply_to"] % {"name": link}}</p>')
    actions = []
    if comment.is_public and comments_open:
        reply_to = words["reply_to"] % {"name": name}
        actions.append(
            f'<a class="comment__reply" href="{post_url}?reply_to={pk}#comment-form" '
            f'data-reply-to="{pk}" data-reply-name="{name}">{words["reply"]}'
            f'<span class="visually-hidden"> {reply_to}</span></a>'
        )
    if comment.pk in changeable_ids:
        edit = e(reverse("blog:comment_edit", kwargs={"pk": pk}))
        delete = e(reverse("blog:comment_delete", kwargs={"pk": pk}))
        yours = words["your_comment"]
        actions.append(
            f'<a href="{edit}">{words["edit"]}<span class="visually-hidden"> {yours}</span></a> '
            f'<a href="{delete}">{words["delete"]}<span class="visually-hidden"> {yours}</span></a>'
        )
    out.append(
        f'<div class="comment__body">{comment.body_html}</div>'
        f'<p class="comment__actions">{" ".join(actions)}</p>'
    )


@register.simple_tag(takes_context=True)
def comment_thread(context, comments) -> str:
    """The article's thread, as <li> elements for its <ol class="comment-list">."""
    post_url = e(context["post"].get_absolute_url())
    open_, changeable = context.get("comments_open", False), context.get("changeable_ids", ())
    out: list[str] = []
    words = _words()
    for comment in comments:
        _write(comment, out, post_url, open_, changeable, words)
    return SafeString("".join(out))
