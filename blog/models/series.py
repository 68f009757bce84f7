from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from blog.content.text import slugify
from blog.models.posts import Post, default_language


class SeriesQuerySet(models.QuerySet):
    def in_language(self, language: str):
        """Series written in `language`: a series has one, and its page is at that
        language's address only."""
        return self.filter(language=language)

    def with_published_parts(self):
        """Series with at least one part readers can see (`Series.published_parts`): the
        others do not exist for readers, as a tag used only by drafts does not."""
        live = Post.objects.published().filter(
            series_part__series=OuterRef("pk"), language=OuterRef("language")
        )
        return self.filter(Exists(live))


class Series(models.Model):
    """Posts meant to be read in order ("Part 2 of 5"), in one language."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("The address of the series: /series/<slug>/. Made from the title if left "
                    "empty."),
    )  # fmt: skip
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Shown on the series page above its parts: plain text, a blank line "
                    "between paragraphs."),
    )  # fmt: skip
    language = models.CharField(
        _("language"), max_length=10, default=default_language, db_index=True,
        help_text=_("The language of the series: its parts are posts in this language."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("series")
        # One word for one and many in English, not in Russian or Azerbaijani.
        verbose_name_plural = pgettext_lazy("more than one series", "series")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # At its own language's address whatever page links to it.
        with translation.override(self.language):
            return reverse("blog:series_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": _("Choose one of the site's languages.")})

    def published_parts(self):
        """The parts readers see, in the series' order: published posts (a draft or a
        scheduled part is neither shown nor counted) in the series' language."""
        return Post.objects.published().in_language(self.language).in_series(self)

    def place_of(self, post: Post) -> "SeriesPlace | None":
        """Where `post` stands among the published parts, with its neighbours, in one
        query; None when readers do not see it as a part (a draft, another language)."""
        parts = list(self.published_parts().only("title", "slug", "language"))
        index = next((n for n, part in enumerate(parts) if part.pk == post.pk), None)
        if index is None:
            return None
        return SeriesPlace(
            series=self,
            number=index + 1,
            count=len(parts),
            previous=parts[index - 1] if index > 0 else None,
            next=parts[index + 1] if index + 1 < len(parts) else None,
        )

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:190].rstrip("-") or "series"
        slug, n = base, 2
        while Series.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


@dataclass(frozen=True)
class SeriesPlace:
    """A part's place in its series, as its article shows it."""

    series: Series
    number: int  # 1 for the first published part
    count: int  # published parts
    previous: Post | None
    next: Post | None


class SeriesPart(models.Model):
    """A post's place in a series: a post is in one series at most."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="parts", verbose_name=_("series")
    )
    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, related_name="series_part", verbose_name=_("post")
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Parts are read from the lowest number up.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("part")
        verbose_name_plural = _("parts")

    def __str__(self):
        # Translators: a post's place in a series, "River day in Water stories".
        return _("%(post)s in %(series)s") % {"post": self.post, "series": self.series}

    def clean(self):
        super().clean()
        series = getattr(self, "series", None)
        post = getattr(self, "post", None)
        if series is not None and post is not None and post.language != series.language:
            raise ValidationError(
                {"post": _("Choose a post in the language of the series.")}, code="language"
            )


def series_place(post: Post) -> SeriesPlace | None:
    """The article's place among its series' published parts, or None: with the post
    loaded by `PostQuerySet.for_article()`, a post in no series costs no query."""
    try:
        part = post.series_part
    except SeriesPart.DoesNotExist:
        return None
    return part.series.place_of(post)
