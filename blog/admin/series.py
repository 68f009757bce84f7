"""Blog › Series: posts grouped to be read in order, each part at its position."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.admin.help_texts import PlainHelpTexts, PlainHelpTextsInline
from blog.models import Series, SeriesPart


class SeriesPartInline(PlainHelpTextsInline, admin.TabularInline):
    model = SeriesPart
    extra = 1
    autocomplete_fields = ["post"]
    fields = ["post", "position"]
    ordering = ["position", "pk"]
    verbose_name = gettext_lazy("part")
    verbose_name_plural = gettext_lazy("parts (read from the lowest position up)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("post")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A table's column heading is not a label for screen readers: name each box.
        names = {"post": _("Post"), "position": _("Position in the series")}
        if db_field.name in names:
            field.widget.attrs["aria-label"] = names[db_field.name]
        return field


@admin.register(Series)
class SeriesAdmin(PlainHelpTexts, admin.ModelAdmin):
    list_display = ["title", "language", "part_total", "updated_at"]
    list_filter = ["language"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "language", "description"]
    inlines = [SeriesPartInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(part_total=Count("parts"))

    @admin.display(description=gettext_lazy("parts"), ordering="part_total")
    def part_total(self, series):
        return series.part_total

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            return forms.TypedChoiceField(
                choices=settings.LANGUAGES, label=_("Language"), required=False,
                empty_value=settings.LANGUAGE_CODE, initial=settings.LANGUAGE_CODE,
                help_text=_("The language of the series: its parts are posts in this language."),
            )  # fmt: skip
        return super().formfield_for_dbfield(db_field, request, **kwargs)
