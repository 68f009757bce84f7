from django.urls import reverse
from taggit.models import TagBase

from blog.content.text import slugify


class Tag(TagBase):
    """A topic. Its slug is ASCII like every other address on the site ("Şəki" ->
    "seki"): taggit's default keeps non-Latin letters, which the URL patterns refuse."""

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("blog:tag_detail", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        slug = slugify(tag)[:90] or "tag"
        return f"{slug}-{i}" if i is not None else slug
