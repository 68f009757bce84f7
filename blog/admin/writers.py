"""Blog › Authors, Tags and Publication events: the writers credited on posts, the tags
posts are filed under, and who published what and when."""

import taggit.models
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from blog.admin.help_texts import PlainHelpTexts
from blog.admin.readonly import RecordAdmin
from blog.admin.translated_fields import translated_form
from blog.models import Author, PublicationEvent, Tag


@admin.register(Author)
class AuthorAdmin(PlainHelpTexts, admin.ModelAdmin):
    # A box per other language under the role and the bio (empty: the original shows).
    form = translated_form(
        Author, {"role_translations": "role", "bio_translations": "bio"}, textarea=("bio",)
    )
    list_display = ["name", "picture_thumbnail", "role", "user", "post_total"]
    list_select_related = ["user", "picture"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user", "picture"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(post_total=Count("post_credits"))
            .prefetch_related("picture__renditions")
        )

    @admin.display(description=_("picture"))
    def picture_thumbnail(self, author):
        square = [r for r in author.picture.renditions.all() if r.kind == "square"] if (
            author.picture
        ) else []  # fmt: skip
        if not square:
            return "—"
        return format_html(
            '<img class="writer-thumb" src="{}" alt="" width="40" height="40">', square[0].url
        )

    @admin.display(description=_("posts"), ordering="post_total")
    def post_total(self, author):
        return author.post_total


# Posts use the blog's own Tag (ASCII slugs); taggit's unused default stays out of sight.
admin.site.unregister(taggit.models.Tag)


@admin.register(Tag)
class TagAdmin(PlainHelpTexts, admin.ModelAdmin):
    form = translated_form(Tag, {"name_translations": "name"})
    list_display = ["name", "slug", "post_total"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_total=Count("tagged_posts"))

    @admin.display(description=_("posts"), ordering="post_total")
    def post_total(self, tag):
        return tag.post_total


@admin.register(PublicationEvent)
class PublicationEventAdmin(RecordAdmin):
    """Who published or unpublished what, and when. Read-only."""

    list_display = ["created_at", "actor", "action", "post", "from_status", "to_status",
                    "published_at"]  # fmt: skip
    list_filter = ["action", "actor"]
    list_select_related = ["actor", "post"]
    date_hierarchy = "created_at"
