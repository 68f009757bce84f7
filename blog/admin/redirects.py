from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from blog.admin.help_texts import PlainHelpTexts
from blog.models import Redirect


@admin.register(Redirect)
class RedirectAdmin(PlainHelpTexts, admin.ModelAdmin):
    """Old addresses and where they lead: made by imports and by changing a published
    post's address; editors add, correct or remove them, and see which are still used."""

    list_display = ["old_path", "destination", "hits", "last_used_at", "source"]
    list_filter = ["source"]
    search_fields = ["old_path", "new_path"]
    fields = ["old_path", "new_path", "hits", "last_used_at", "source", "created_at"]
    readonly_fields = ["hits", "last_used_at", "source", "created_at"]
    ordering = ["-hits", "old_path"]

    @admin.display(description=_("new address"), ordering="new_path")
    def destination(self, redirect):
        return format_html('<a href="{}">{}</a>', redirect.new_path, redirect.new_path)
