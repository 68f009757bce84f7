from django import template
from django.urls import reverse

from blog.models import Comment, Post, PostStatus

register = template.Library()


@register.inclusion_tag("admin/_pending_comments.html", takes_context=True)
def pending_comments_notice(context):
    """The moderation queue's length, on the admin's front page, for those who moderate."""
    request = context["request"]
    if not request.user.has_perm("blog.change_comment"):
        return {"count": 0}
    url = reverse("admin:blog_comment_changelist") + "?status__exact=pending"
    return {"count": Comment.objects.pending().count(), "url": url}


@register.inclusion_tag("admin/_posts_in_review.html", takes_context=True)
def posts_in_review_notice(context):
    """Posts writers sent for review, on the admin's front page, for those who publish."""
    request = context["request"]
    if not request.user.has_perm("blog.publish_post"):
        return {"count": 0}
    url = reverse("admin:blog_post_changelist") + "?status__exact=review"
    return {"count": Post.objects.filter(status=PostStatus.REVIEW).count(), "url": url}
