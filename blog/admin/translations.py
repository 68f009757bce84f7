"""The post admin's translation tools: "Translate into …" (a linked draft in another
language), the post list's language marks, and bringing translations back in step."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from blog.models import Post
from blog.publishing.translations import language_marks, mark_current, start_translation


class TranslationsAdmin:
    """For PostAdmin: its list column `languages`, action `mark_translations_current`,
    the translate URL and the change form's `translations` context."""

    def translation_urls(self):
        return [
            path(
                "<int:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(self.translate_view),
                name="blog_post_translate",
            ),
        ]

    def translations_context(self, post) -> list[dict]:
        """The post's versions in the other languages, for the change form's tools."""
        versions = {
            p.language: p
            for p in Post.objects.filter(translation_group=post.translation_group).exclude(
                pk=post.pk
            )
        }
        return [
            {"code": code, "name": name, "post": versions.get(code)}
            for code, name in settings.LANGUAGES
            if code != post.language
        ]

    def translate_view(self, request, object_id, language):
        """ "Translate into …": the post's version in that language, made as a draft copied
        from this one if there is none yet."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        post = self.get_object(request, str(object_id))
        if post is None or not self.has_change_permission(request, post):
            raise PermissionDenied
        if not self.has_add_permission(request) or language not in dict(settings.LANGUAGES):
            raise PermissionDenied
        translation, made = start_translation(post=post, language=language)
        if made:
            name = dict(settings.LANGUAGES)[language]
            self.message_user(
                request,
                _("A draft in %(language)s, copied from “%(title)s”: translate it here.")
                % {"language": name, "title": post.title},
            )
        return redirect("admin:blog_post_change", translation.pk)

    @admin.display(description=gettext_lazy("languages"))
    def languages(self, post):
        return render_to_string(
            "admin/blog/post/_language_marks.html", {"marks": language_marks(post)}
        )

    @admin.action(
        description=gettext_lazy("Mark selected translations as up to date with their source")
    )
    def mark_translations_current(self, request, queryset):
        changed = mark_current(queryset)
        message = ngettext(
            "%(count)s translation marked as up to date.",
            "%(count)s translations marked as up to date.",
            changed,
        )
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)
