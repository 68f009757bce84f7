"""Form widgets of the editors' admin."""

import json

from django import forms
from django.forms.renderers import TemplatesSetting
from django.urls import reverse
from django.utils.translation import gettext_lazy

from blog.admin.images import picture_json
from blog.models import Image

# Widgets are drawn with the site's templates (templates/admin/blog/widgets/), where the
# admin's other templates are, not only with the form library's own.
SITE_TEMPLATES = TemplatesSetting()


class CoverPictureWidget(forms.Widget):
    """A post's cover: a preview of the picture with its description (alt text) and
    caption, and buttons to choose one from the library (the same chooser as the
    editor's picture button), to upload one, or to remove it. The value is the library
    picture's id, kept in a hidden field (static/js/admin/cover-picture.js)."""

    template_name = "admin/blog/widgets/cover_picture.html"
    group_label = gettext_lazy("Cover picture")

    class Media:
        css = {"all": ["css/admin-pictures.css"]}
        js = ["js/admin/pictures.js", "js/admin/cover-picture.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        picture = None
        if value and str(value).isdigit():
            image = Image.objects.filter(pk=value).prefetch_related("renditions").first()
            picture = picture_json(image) if image else None
        context["widget"].update(
            picture=picture,
            picture_data=json.dumps(picture) if picture else "",
            group_label=self.group_label,
            chooser_url=reverse("admin:blog_image_choose"),
            upload_url=reverse("admin:blog_image_upload"),
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer=SITE_TEMPLATES)

    def id_for_label(self, id_):
        # The field's label names a group of buttons, not one box: the group says it.
        return ""
