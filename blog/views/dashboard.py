"""The editors' dashboard: how posts are read and discussed, as charts with tables."""

from datetime import timedelta

from django.contrib.admin import site as admin_site
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blog.models import Comment, Post
from blog.readership.charts import bar_chart
from blog.readership.counting import views_per_day
from blog.readership.services import fold_past_views


def comments_per_day(*, days: int):
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    counts = {start + timedelta(n): 0 for n in range(days)}
    rows = (
        Comment.objects.filter(created_at__date__gte=start)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        if row["day"] in counts:
            counts[row["day"]] += row["n"]
    return list(counts.items())


def views_title(days: int, post=None) -> str:
    if post is None:
        return ngettext(
            "Views per day, last %(days)s day, the whole site",
            "Views per day, last %(days)s days, the whole site",
            days,
        ) % {"days": days}
    return ngettext(
        "Views per day, last %(days)s day, “%(title)s”",
        "Views per day, last %(days)s days, “%(title)s”",
        days,
    ) % {"days": days, "title": post.title}


def comments_title(days: int) -> str:
    return ngettext(
        "Comments per day, last %(days)s day", "Comments per day, last %(days)s days", days
    ) % {"days": days}


def reader_stats(request):
    fold_past_views()  # yesterday's visitor rows become totals before they are read
    posts = Post.objects.published().order_by("-published_at").only("title")
    chosen = None
    if request.GET.get("post", "").isdigit():
        chosen = posts.filter(pk=request.GET["post"]).first()
    charts = [
        bar_chart(views_title(30, chosen), views_per_day(days=30, post=chosen)),
        bar_chart(views_title(90, chosen), views_per_day(days=90, post=chosen)),
        bar_chart(comments_title(30), comments_per_day(days=30)),
    ]
    context = {
        **admin_site.each_context(request),
        "title": _("Reader statistics"),
        "charts": charts,
        "posts": posts,
        "chosen": chosen,
        "top_week": Post.objects.most_read(days=7)[:10],
        "top_month": Post.objects.most_read(days=30)[:10],
    }
    return render(request, "admin/reader_stats.html", context)
