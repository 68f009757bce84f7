from django import forms
from django.contrib import admin
from django.utils.html import format_html

from blog.admin.help_texts import PlainHelpTexts
from blog.content.uploads import UNREADABLE
from blog.models import Image, RenditionKind
from blog.publishing.renditions import process_upload


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "title", "alt", "caption", "credit"]
        error_messages = {"file": {"invalid_image": UNREADABLE}}


@admin.register(Image)
class ImageAdmin(PlainHelpTexts, admin.ModelAdmin):
    """The picture library. An upload is checked (blog/content/uploads.py), cleaned of metadata
    and scaled once (blog/publishing/renditions.py)."""

    form = ImageForm
    list_display = ["thumbnail", "title", "alt", "credit", "size", "created_at"]
    list_display_links = ["title"]  # the thumbnail is decorative (alt=""): not a link
    search_fields = ["title", "alt", "caption", "credit"]
    readonly_fields = ["preview", "address_for_posts", "size", "uploaded_by", "created_at"]
    fields = ["file", "preview", "title", "alt", "caption", "credit", "address_for_posts",
              "size", "uploaded_by", "created_at"]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def _smallest(self, image, kind=RenditionKind.WIDE):
        shown = [r for r in image.renditions.all() if r.kind == kind and r.format == "webp"]
        return shown[0] if shown else None

    @admin.display(description="picture")
    def thumbnail(self, image):
        small = self._smallest(image, RenditionKind.SQUARE)
        if small is None:
            return "—"
        return format_html('<img src="{}" alt="" width="60" height="60">', small.url)

    @admin.display(description="preview")
    def preview(self, image):
        small = self._smallest(image)
        if small is None:
            return "Saved pictures show here."
        return format_html('<img class="image-preview" src="{}" alt="">', small.url)

    @admin.display(description="address to use in a post")
    def address_for_posts(self, image):
        if not image.pk:
            return "Save the picture first."
        return format_html(
            "<code>{}</code><br>In the post's editor, choose the picture button and paste this "
            "address; write the description and caption there too.",
            image.file.url,
        )

    @admin.display(description="size")
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data:
            process_upload(obj)
