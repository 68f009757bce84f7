from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.admin.help_texts import PlainHelpTexts
from blog.importers.runs import start_import, start_preview
from blog.models import ImportRun

# What each source's file may be called: the content decides (a feed renamed .csv is
# still read as a feed), but a picture or a PDF chosen by mistake is stopped at once.
EXTENSIONS = {
    "wordpress": {".xml"},
    "ghost": {".json"},
    "wix": {".xml", ".csv", ".html", ".htm", ".json", ".zip"},
    "site": {".zip", ".json"},
}


class ImportForm(forms.ModelForm):
    class Meta:
        model = ImportRun
        fields = ["source", "file", "language", "fetch_pictures"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The site's languages of today; anything else is refused.
        field = self.fields["language"]
        self.fields["language"] = forms.ChoiceField(
            label=field.label, help_text=field.help_text, required=False,
            choices=[("", _("The site's default language")), *settings.LANGUAGES],
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        upload, source = data.get("file"), data.get("source")
        if not upload or not source:
            return data
        if upload.size > settings.IMPORT_MAX_UPLOAD_MB * 1024 * 1024:
            self.add_error(
                "file",
                _("This file is %(size)s MB; an export can be up to %(limit)s MB.")
                % {
                    "size": number_format(round(upload.size / 1024 / 1024)),
                    "limit": settings.IMPORT_MAX_UPLOAD_MB,
                },
            )
        elif Path(upload.name).suffix.lower() not in EXTENSIONS[source]:
            self.add_error(
                "file",
                _("A %(source)s is a file ending in %(endings)s; this one is “%(name)s”.")
                % {
                    "source": ImportRun.Source(source).label,
                    "endings": ", ".join(sorted(EXTENSIONS[source])),
                    "name": upload.name,
                },
            )
        return data


@admin.register(ImportRun)
class ImportRunAdmin(PlainHelpTexts, admin.ModelAdmin):
    """Blog › Imports: upload an export, read what it would do, start it, watch it run.
    The work is the tasks worker's; this page shows what the ImportRun row records."""

    form = ImportForm
    list_display = ["__str__", "status", "progress", "created_by", "created_at"]
    list_filter = ["status", "source"]

    def has_change_permission(self, request, obj=None):
        return False  # a run is read and started, never edited: its page is its own

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/", wrap(self.run_view), name="blog_importrun_run"),
            path("<int:pk>/start/", wrap(self.start_view), name="blog_importrun_start"),
            path("<int:pk>/status/", wrap(self.status_view), name="blog_importrun_status"),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, run):
        return f"{run.done} / {run.total}" if run.total else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:blog_importrun_run", object_id)

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        start_preview(obj)

    def response_add(self, request, obj, post_url_continue=None):
        return redirect("admin:blog_importrun_run", obj.pk)

    def delete_model(self, request, obj):
        obj.file.delete(save=False)  # the export holds emails: it goes with its run
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for run in queryset:
            run.file.delete(save=False)
        super().delete_queryset(request, queryset)

    def _run(self, request, pk) -> ImportRun:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(ImportRun, pk=pk)

    def run_view(self, request, pk):
        run = self._run(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "run": run, "title": str(run),
            "can_start": self.has_add_permission(request),
            "lines": run.report.get("lines") or run.preview.get("lines") or [],
            "notes": run.report.get("notes") or run.preview.get("notes") or [],
        }  # fmt: skip
        return TemplateResponse(request, "admin/blog/import_run.html", context)

    def status_view(self, request, pk):
        run = self._run(request, pk)
        return JsonResponse(
            {
                "status": run.status,
                "label": run.get_status_display(),
                "done": run.done,
                "total": run.total,
                "working": run.is_working,
            }  # fmt: skip
        )

    def start_view(self, request, pk):
        run = self._run(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        if start_import(run):
            messages.success(request, _("The import has started. You may leave this page."))
        else:
            messages.warning(request, _("This import is already under way."))
        return redirect(reverse("admin:blog_importrun_run", args=[run.pk]))
