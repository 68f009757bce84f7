from django.conf import settings
from django.db import models
from django.urls import reverse


class Author(models.Model):
    """A writer credited on posts. Needs no login: a guest writer is an Author
    without a user account."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    role = models.CharField(
        max_length=120, blank=True, help_text="Shown under the name, e.g. “Programme director”."
    )
    bio = models.TextField(blank=True, help_text="Two or three sentences for the author page.")
    picture = models.ForeignKey(
        "blog.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The writer's picture from the library, shown as a square crop.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text="The login of this writer, if they have one.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:author_detail", kwargs={"slug": self.slug})

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()
