from django import forms

from blog.models import Comment


class CommentForm(forms.ModelForm):
    """A comment or, with `parent`, a reply. The parent must be an approved comment of
    the same article; anything else is refused with a message, and the text is kept."""

    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "The comment you are replying to is not on this article. "
            "Your text is kept below; post it as a new comment or reply to another one."
        },
    )

    class Meta:
        model = Comment
        fields = ["parent", "author_name", "author_email", "body"]
        labels = {"author_name": "Your name", "author_email": "Your email", "body": "Your comment"}
        help_texts = {
            "author_email": "Never shown. Only the foundation's editors can see it.",
            "body": "Plain text. Links become clickable. Up to 5,000 characters.",
        }
        error_messages = {
            "author_name": {
                "required": "Please write your name, or a name you want to be known by.",
                "max_length": "Please keep your name under %(limit_value)d characters "
                "(it has %(show_value)d).",
            },
            "author_email": {
                "required": "Please give your email. It is never shown.",
                "invalid": "This does not look like an email address: please check it.",
            },
            "body": {
                "required": "Please write your comment before posting.",
                "max_length": "Comments can be up to %(limit_value)d characters; this one has "
                "%(show_value)d. Please shorten it.",
            },
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
