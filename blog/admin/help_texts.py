"""Help texts in the blog's admin pages are shown as the text they are.

Django's admin writes help texts unescaped (`|safe`) so that a project may put links in
them. Ours are plain sentences, and "The address of the post: /post/<slug>/." reached
editors as "/post//.": the browser took `<slug>` for a tag. A help text that is meant as
HTML says so by being safe already (format_html, mark_safe) and is left as it is."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import conditional_escape


def _shown_as_text(form_class, readonly_help_texts: dict):
    class PlainHelpTextForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():  # copies of the class's fields: per form
                field.help_text = conditional_escape(field.help_text)

    PlainHelpTextForm.__name__ = form_class.__name__
    # The admin reads a read-only field's help text from here before the model's.
    PlainHelpTextForm._meta.help_texts = {
        **(form_class._meta.help_texts or {}),
        **readonly_help_texts,
    }
    return PlainHelpTextForm


def _readonly_help_texts(admin, request, obj) -> dict:
    texts = {}
    for name in admin.get_readonly_fields(request, obj):
        try:
            help_text = admin.model._meta.get_field(name).help_text
        except (FieldDoesNotExist, AttributeError):
            continue  # a method or a relation: no help text of its own
        if help_text:
            texts[name] = conditional_escape(help_text)
    return texts


class PlainHelpTexts:
    """For a ModelAdmin: the help texts of its form's fields and of its read-only fields
    are escaped."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _shown_as_text(form, _readonly_help_texts(self, request, obj))


class PlainHelpTextsInline:
    """The same for an inline's forms."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _shown_as_text(formset.form, _readonly_help_texts(self, request, obj))
        return formset
