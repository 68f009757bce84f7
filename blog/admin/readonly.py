from django.contrib import admin

from blog.admin.help_texts import PlainHelpTexts


class RecordAdmin(PlainHelpTexts, admin.ModelAdmin):
    """A record of what happened (moderation, publication): listed, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
