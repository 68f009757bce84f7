"""Fields in the site's other languages for a JSON field of translations ({"ru": "…"}):
a writer's role and bio, a tag's name. Each language gets its own box under the
original, named in that language, and an empty box means "show the original"."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def other_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _label(field: str, language: str) -> str:
    # Translators: a field in another language, e.g. "Bio (Русский)".
    return gettext("%(field)s (%(language)s)") % {"field": capfirst(field), "language": language}


# Read in the editor's language when the form is drawn, not when the admin loads.
_box_label = lazy(_label, str)


def translated_form(model, translated: dict[str, str], *, textarea: tuple[str, ...] = ()):
    """A ModelForm for `model` whose `translated` JSON fields ({json field: original
    field}) are edited as one box per other language, e.g. `bio_ru`. The boxes are
    declared fields (the admin's fieldsets may only name those)."""
    boxes = {}
    for original in translated.values():
        label = model._meta.get_field(original).verbose_name
        for code, name in other_languages():
            attrs = {"lang": code}
            widget = (
                forms.Textarea(attrs=attrs | {"rows": 3})
                if original in textarea
                else forms.TextInput(attrs=attrs | {"class": "vTextField"})
            )
            boxes[f"{original}_{code}"] = forms.CharField(
                label=_box_label(label, name),
                required=False,
                widget=widget,
                help_text=_("Leave empty to show the original."),
            )

    def __init__(self, *args, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        for json_field, original in translated.items():
            values = getattr(self.instance, json_field, None) or {}
            for code, _name in other_languages():
                self.initial.setdefault(f"{original}_{code}", values.get(code, ""))

    def save(self, commit=True):
        configured = {code for code, _name in other_languages()}
        for json_field, original in translated.items():
            # A language no longer configured keeps what it had.
            values = {
                code: text
                for code, text in (getattr(self.instance, json_field) or {}).items()
                if code not in configured
            }
            for code in configured:
                text = self.cleaned_data.get(f"{original}_{code}", "").strip()
                if text:
                    values[code] = text
            setattr(self.instance, json_field, values)
        return forms.ModelForm.save(self, commit)

    meta = type("Meta", (), {"model": model, "exclude": list(translated)})
    attrs = boxes | {"Meta": meta, "__init__": __init__, "save": save}
    return type(f"{model.__name__}TranslatedForm", (forms.ModelForm,), attrs)
