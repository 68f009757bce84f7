from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from blog.comments.antispam import FormTimingError, check_form_token, issue_form_token
from blog.models import Comment

BODY_ERRORS = {
    "required": _("Please write your comment before posting."),
    # The number that chooses the plural form is the limit (filled in by the form).
    "max_length": ngettext_lazy(
        "Comments can be up to %(limit_value)d character; this one has %(show_value)d. "
        "Please shorten it.",
        "Comments can be up to %(limit_value)d characters; this one has %(show_value)d. "
        "Please shorten it.",
        "limit_value",
    ),
}


class CommentForm(forms.ModelForm):
    """A comment or, with `parent`, a reply. The parent must be an approved comment of
    the same article; anything else is refused with a message, and the text is kept."""

    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "The comment you are replying to is not on this article. Your text is kept "
                "below; post it as a new comment or reply to another one."
            )
        },
    )
    # A honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # When the form was shown, signed: see blog.comments.antispam.
    issued = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["parent", "author_name", "author_email", "body", "notify_replies"]
        labels = {
            "author_name": _("Your name"),
            "author_email": _("Your email"),
            "body": _("Your comment"),
            "notify_replies": _("Email me replies to this comment"),
        }
        help_texts = {
            "author_email": _("Never shown. Only the foundation's editors can see it."),
            "body": _("Plain text. Links become clickable. Up to 5,000 characters."),
            "notify_replies": _("Each mail has a link that stops them."),
        }
        error_messages = {
            "author_name": {
                "required": _("Please write your name, or a name you want to be known by."),
                "max_length": ngettext_lazy(
                    "Please keep your name under %(limit_value)d character (it has "
                    "%(show_value)d).",
                    "Please keep your name under %(limit_value)d characters (it has "
                    "%(show_value)d).",
                    "limit_value",
                ),
            },
            "author_email": {
                "required": _("Please give your email. It is never shown."),
                "invalid": _("This does not look like an email address: please check it."),
            },
            "body": BODY_ERRORS,
        }
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.post = post
        self.instance.post = post  # the model's own clean() checks the parent against it
        self.fields["parent"].queryset = Comment.objects.approved().filter(post=post)
        self.initial.setdefault("issued", issue_form_token())

    @property
    def is_bot(self) -> bool:
        return bool(self.is_bound and self.data.get("website", "").strip())

    def clean(self):
        cleaned = super().clean()
        if not self.is_bot:
            try:
                check_form_token(self.data.get("issued", ""))
            except FormTimingError as error:
                raise forms.ValidationError(str(error)) from None
        return cleaned

    def refresh_token(self) -> None:
        """A form shown again gets a new timestamp, so the reader can post it at once."""
        if self.is_bound:
            self.data = self.data.copy()
            self.data["issued"] = issue_form_token()


class CommentEditForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Your comment")}
        error_messages = {"body": BODY_ERRORS}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
