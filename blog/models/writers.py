from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Author(models.Model):
    """A writer credited on posts. Needs no login: a guest writer is an Author
    without a user account."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_("Shown under the name, e.g. “Programme director”."),
    )
    bio = models.TextField(
        _("bio"), blank=True, help_text=_("Two or three sentences for the author page.")
    )
    # The role and bio in the site's other languages, by language code ({"ru": "…"}):
    # read with the author row itself, so a page in any language costs no extra query.
    role_translations = models.JSONField(default=dict, blank=True)
    bio_translations = models.JSONField(default=dict, blank=True)
    picture = models.ForeignKey(
        "blog.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("picture"),
        help_text=_("The writer's picture from the library, shown as a square crop."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        verbose_name=_("user"),
        help_text=_("The login of this writer, if they have one."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:author_detail", kwargs={"slug": self.slug})

    @property
    def local_role(self) -> str:
        """The role in the active language, else the original."""
        return self.role_translations.get(get_language() or "", "") or self.role

    @property
    def local_bio(self) -> str:
        """The bio in the active language, else the original."""
        return self.bio_translations.get(get_language() or "", "") or self.bio

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()
