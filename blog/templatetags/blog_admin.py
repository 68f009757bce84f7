import math

from django import template
from django.urls import reverse
from django.utils.translation import npgettext

from blog.models import Comment, Post, PostStatus

register = template.Library()


# How many of each kind of work the admin's front page lists; the rest is a link away.
HOME_ITEMS = 5
HOME_COMMENTS = 3


@register.inclusion_tag("admin/_home_posts.html", takes_context=True)
def home_posts(context):
    """The front page's start: "Write a post", then the drafts and the scheduled posts
    the person works on (all of them for editors, a writer's own for writers)."""
    user = context["request"].user
    shown = {"can_write": user.has_perm("blog.add_post")}
    if not user.has_perm("blog.change_post"):
        return shown
    posts = Post.objects.seen_in_admin_by(user)
    drafts = posts.filter(status=PostStatus.DRAFT)
    changelist = reverse("admin:blog_post_changelist")
    return {
        **shown,
        "can_change": True,
        "sees_all": user.has_perm("blog.change_any_post"),
        "drafts": list(drafts.order_by("-updated_at").only("title", "updated_at")[:HOME_ITEMS]),
        "draft_count": drafts.count(),
        "drafts_url": f"{changelist}?status__exact={PostStatus.DRAFT}",
        # One more than shown, to know whether to link to the rest.
        "scheduled": list(posts.scheduled().only("title", "published_at")[: HOME_ITEMS + 1]),
        "items": HOME_ITEMS,
        "posts_url": changelist,
    }


@register.inclusion_tag("admin/_home_comments.html", takes_context=True)
def home_comments(context):
    """The moderation queue's length and its newest comments, for those who moderate."""
    if not context["request"].user.has_perm("blog.change_comment"):
        return {"may_moderate": False}
    pending = Comment.objects.pending()
    latest = pending.select_related("post").only("author_name", "body", "created_at",
                                                 "post__title")  # fmt: skip
    return {
        "may_moderate": True,
        "count": pending.count(),
        "latest": list(latest.order_by("-created_at", "-pk")[:HOME_COMMENTS]),
        "url": reverse("admin:blog_comment_changelist") + "?status__exact=pending",
    }


@register.inclusion_tag("admin/_home_most_read.html")
def home_most_read():
    """The week's most read posts, as the reader statistics count them."""
    return {"posts": list(Post.objects.most_read(days=7).only("title")[:HOME_ITEMS])}


@register.inclusion_tag("admin/_posts_in_review.html", takes_context=True)
def posts_in_review_notice(context):
    """Posts writers sent for review, on the admin's front page, for those who publish."""
    request = context["request"]
    if not request.user.has_perm("blog.publish_post"):
        return {"count": 0}
    url = reverse("admin:blog_post_changelist") + "?status__exact=review"
    return {"count": Post.objects.filter(status=PostStatus.REVIEW).count(), "url": url}


@register.filter
def lockout_duration(cool_off) -> str:
    """How long a locked-out login waits (django-axes' `cooloff_timedelta`, from
    AXES_COOLOFF_TIME), in the active language: "15 minutes", "2 hours"; axes' own
    `cooloff_time` is an ISO 8601 duration ("PT15M"), for machines. Rounded up to the
    minute; whole hours in hours."""
    if not cool_off:
        return ""
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        # Translators: how long a login stays locked, put in "cannot log in from here for
        # %(cooloff_time)s": in the form that sentence needs.
        return npgettext("lockout length", "%(hours)s hour", "%(hours)s hours", hours) % {
            "hours": hours
        }
    # Translators: how long a login stays locked, put in "cannot log in from here for
    # %(cooloff_time)s": in the form that sentence needs.
    return npgettext("lockout length", "%(minutes)s minute", "%(minutes)s minutes", minutes) % {
        "minutes": minutes
    }
