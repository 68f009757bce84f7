import json
import re
from pathlib import PurePosixPath

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import modelform_factory
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.admin.help_texts import PlainHelpTexts
from blog.content.uploads import UNREADABLE
from blog.models import Image, RenditionKind
from blog.publishing.renditions import process_upload

# Pictures on one page of the chooser: four rows of six on a wide screen.
CHOOSER_PAGE_SIZE = 24


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "title", "alt", "caption", "credit"]
        error_messages = {"file": {"invalid_image": gettext_lazy(UNREADABLE)}}


def title_from_file_name(name: str) -> str:
    """ "market-day_2.jpg" -> "market day 2": a title to find the picture by again."""
    words = re.sub(r"[\s_-]+", " ", PurePosixPath(name).stem).strip()
    return words[:200] or _("Picture")


class UploadForm(ImageForm):
    """The library form as the post screen sends it (a picture dropped into the text, or
    uploaded as a cover): the same checks, but the title may be left to the file's name
    and the description (alt text) may follow once the picture is in the text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = _("Choose a picture to upload.")
        self.fields["title"].required = False
        self.fields["alt"].required = False

    def clean_title(self):
        title = self.cleaned_data.get("title", "").strip()
        upload = self.cleaned_data.get("file")
        return title or (title_from_file_name(upload.name) if upload else "")


def picture_json(image: Image) -> dict:
    """A library picture as the post screen's scripts use it: the original's address goes
    into the text (with the id, as data-file); the renditions are what readers get."""
    renditions = list(image.renditions.all())
    squares = [r for r in renditions if r.kind == RenditionKind.SQUARE and r.format == "webp"]
    wide = [r for r in renditions if r.kind == RenditionKind.WIDE and r.format == "webp"]
    return {
        "id": image.pk,
        "url": image.file.url,
        "title": image.title,
        "alt": image.alt,
        "caption": image.caption,
        "thumbnail": squares[-1].url if squares else image.file.url,
        "preview": wide[0].url if wide else image.file.url,
        "edit_url": reverse("admin:blog_image_change", args=[image.pk]),
        "describe_url": reverse("admin:blog_image_describe", args=[image.pk]),
        "renditions": [
            {"url": r.url, "width": r.width, "format": r.format, "kind": r.kind} for r in renditions
        ],
    }


def form_errors(form) -> JsonResponse:
    """A refused form in plain words: its own messages, all of them, in one sentence for
    the editor and by field for a script."""
    messages = [message for errors in form.errors.values() for message in errors]
    return JsonResponse(
        {"error": " ".join(messages), "errors": form.errors.get_json_data()}, status=400
    )


@admin.register(Image)
class ImageAdmin(PlainHelpTexts, admin.ModelAdmin):
    """The picture library. An upload is checked (blog/content/uploads.py), cleaned of metadata
    and scaled once (blog/publishing/renditions.py)."""

    form = ImageForm
    list_display = ["thumbnail", "title", "alt", "credit", "size", "created_at"]
    list_display_links = ["title"]  # the thumbnail is decorative (alt=""): not a link
    search_fields = ["title", "alt", "caption", "credit"]
    readonly_fields = ["preview", "size", "uploaded_by", "created_at"]
    fields = ["file", "preview", "title", "alt", "caption", "credit", "size", "uploaded_by",
              "created_at"]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def _smallest(self, image, kind=RenditionKind.WIDE):
        shown = [r for r in image.renditions.all() if r.kind == kind and r.format == "webp"]
        return shown[0] if shown else None

    @admin.display(description=gettext_lazy("picture"))
    def thumbnail(self, image):
        small = self._smallest(image, RenditionKind.SQUARE)
        if small is None:
            return "—"
        return format_html('<img src="{}" alt="" width="60" height="60">', small.url)

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, image):
        small = self._smallest(image)
        if small is None:
            return _("Saved pictures show here.")
        return format_html('<img class="image-preview" src="{}" alt="">', small.url)

    @admin.display(description=gettext_lazy("size"))
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data:
            process_upload(obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("choose/", view(self.choose_view), name="blog_image_choose"),
            path("upload/", view(self.upload_view), name="blog_image_upload"),
            path("<int:pk>/describe/", view(self.describe_view), name="blog_image_describe"),
            *super().get_urls(),
        ]

    def choose_view(self, request):
        """The library as a chooser, opened by the post editor's picture button and the
        cover's "Choose from the library" in a window of their own: thumbnails, a search
        and an upload area. The choice goes back to the window that opened it
        (static/js/admin/picture-chooser.js)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()
        pictures = self.get_queryset(request)
        if query:
            pictures, _duplicates = self.get_search_results(request, pictures, query)
        page = Paginator(pictures, CHOOSER_PAGE_SIZE).get_page(request.GET.get("page"))
        # Each picture as the scripts use it, the same as an upload's answer.
        choices = [{"image": image, "json": json.dumps(picture_json(image))} for image in page]
        # The opener's callback number (CKEditor's name for it, which the editor keeps).
        callback = request.GET.get("CKEditorFuncNum", "")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Choose a picture"),
            "opts": self.opts,
            "is_popup": True,
            "page": page,
            "choices": choices,
            "query": query,
            "callback": callback if re.fullmatch(r"-?[0-9]{1,9}", callback) else "",
            "can_upload": self.has_add_permission(request),
            "upload_url": reverse("admin:blog_image_upload"),
        }
        return TemplateResponse(request, "admin/blog/image/choose.html", context)

    def upload_view(self, request):
        """The library's upload for scripts (a picture dropped or pasted into the text, the
        chooser's upload area, the cover's "Upload a picture"): the library form's checks,
        then the same cleaning and renditions; the picture as JSON, or why not."""
        if request.method != "POST":
            return JsonResponse({"error": _("Send the picture with POST.")}, status=405)
        if not self.has_add_permission(request):
            return JsonResponse(
                {"error": _("You may not add pictures to the library.")}, status=403
            )
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return form_errors(form)
        with transaction.atomic():
            image = form.save(commit=False)
            image.uploaded_by = request.user
            image.save()
            process_upload(image)
            self.log_addition(request, image, [{"added": {}}])
        return JsonResponse(picture_json(image), status=201)

    def describe_view(self, request, pk):
        """The description (alt text), and the caption if sent, of a library picture, as
        the post screen asks for it after an upload."""
        image = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method != "POST":
            return JsonResponse({"error": _("Send the description with POST.")}, status=405)
        if not self.has_change_permission(request, image):
            return JsonResponse(
                {"error": _("You may not change this picture's description.")}, status=403
            )
        fields = [name for name in ("alt", "caption") if name in request.POST] or ["alt"]
        required = {"required": _("Write what the picture shows, for readers who cannot see it.")}
        form_class = modelform_factory(Image, fields=fields, error_messages={"alt": required})
        form = form_class(request.POST, instance=image)
        if not form.is_valid():
            return form_errors(form)
        form.save()
        self.log_change(request, image, [{"changed": {"fields": form.changed_data}}])
        return JsonResponse(picture_json(image))
