from django.db import models
from django.utils.translation import gettext_lazy as _


class PostView(models.Model):
    """One visitor's view of a post on one day: the deduplication record. `visitor` is
    a hash under a key that changes daily, so rows of two days cannot be linked to one
    person; rows of past days are folded into DailyPostViews by `fold_past_views()`."""

    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="views")
    visitor = models.CharField(max_length=32)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "visitor", "day"], name="post_view_once"),
        ]
        indexes = [models.Index(fields=["day", "post"], name="post_view_day")]
        verbose_name = _("post view")
        verbose_name_plural = _("post views")

    def __str__(self):
        return f"view of {self.post_id} on {self.day}"


class DailyPostViews(models.Model):
    """Views of a post on one past day, for charts and sparklines."""

    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["post", "day"], name="daily_post_views_unique"),
        ]
        indexes = [models.Index(fields=["day"], name="daily_views_day")]
        verbose_name = _("daily post views")
        verbose_name_plural = _("daily post views")

    def __str__(self):
        return f"{self.count} views of {self.post_id} on {self.day}"
