from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase

from blog.content.text import slugify

# The names taggit gives a tag's fields (TagBase.name and .slug, as taggit writes them),
# here so that they are in the site's catalogues: taggit has no Azerbaijani of its own.
TAGGIT_FIELD_NAMES = (pgettext_lazy("A tag name", "name"), pgettext_lazy("A tag slug", "slug"))


class Tag(TagBase):
    """A topic. Its slug is ASCII like every other address on the site ("Şəki" ->
    "seki"): taggit's default keeps non-Latin letters, which the URL patterns refuse."""

    # The name in the site's other languages ({"ru": "мир"}); the slug stays one, so a
    # tag keeps one address in every language.
    name_translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def get_absolute_url(self):
        return reverse("blog:tag_detail", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        slug = slugify(tag)[:90] or "tag"
        return f"{slug}-{i}" if i is not None else slug

    @property
    def local_name(self) -> str:
        """The name in the active language, else the original."""
        return self.name_translations.get(get_language() or "", "") or self.name
