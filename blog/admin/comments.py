from django import forms
from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from blog.admin.help_texts import PlainHelpTexts, PlainHelpTextsInline
from blog.admin.readonly import RecordAdmin
from blog.comments.moderation import normalize_block_value
from blog.comments.services import add_editor_reply, moderate_comments
from blog.models import BlockedTerm, BlockKind, Comment, CommentStatus, ModerationEvent


class CommentAdminForm(forms.ModelForm):
    reply = forms.CharField(
        label=gettext_lazy("Reply as the foundation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Posted under this comment at once, with the editors' badge, in your name."
        ),
    )

    class Meta:
        model = Comment
        fields = ["post", "parent", "status", "author_name", "author_email", "body",
                  "notify_replies", "by_editor", "user", "is_deleted", "edited_at"]  # fmt: skip


class ModerationEventInline(PlainHelpTextsInline, admin.TabularInline):
    model = ModerationEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "action", "from_status", "to_status", "note"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("moderation history")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(PlainHelpTexts, admin.ModelAdmin):
    """The moderation queue: held comments first, newest first within each group."""

    form = CommentAdminForm
    list_display = ["excerpt", "author_name", "email_link", "post", "in_reply_to", "status",
                    "held_reason", "created_at"]  # fmt: skip
    list_filter = ["status", "post", "by_editor"]
    list_select_related = ["post", "parent"]
    search_fields = ["author_name", "author_email", "body"]
    date_hierarchy = "created_at"
    raw_id_fields = ["post", "parent", "user"]
    actions = ["approve", "mark_spam", "remove", "block_sender"]
    readonly_fields = ["created_at", "edited_at", "ip_hash", "held_reason", "thread_link"]
    inlines = [ModerationEventInline]
    fieldsets = [
        (None, {"fields": ["thread_link", "post", "parent", "status", "held_reason"]}),
        (
            pgettext_lazy("admin fieldset", "Comment"),
            {"fields": ["author_name", "author_email", "body", "notify_replies"]},
        ),
        # Translators: the heading of the editors' answer to a comment (a noun).
        (pgettext_lazy("admin fieldset", "Reply"), {"fields": ["reply"]}),
        (
            gettext_lazy("Details"),
            {
                "classes": ["collapse"],
                "fields": [
                    "by_editor",
                    "user",
                    "is_deleted",
                    "created_at",
                    "edited_at",
                    "ip_hash",
                ],  # fmt: skip
            },
        ),
    ]

    def get_ordering(self, request):
        # Held comments first, then the newest.
        held_first = Case(
            When(status=CommentStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [held_first.asc(), "-created_at"]

    @admin.display(description=gettext_lazy("comment"))
    def excerpt(self, comment):
        if comment.is_deleted:
            return _("(deleted by its writer)")
        return Truncator(comment.body).chars(80)

    @admin.display(description=gettext_lazy("email"), ordering="author_email")
    def email_link(self, comment):
        # One click shows everything from this address.
        url = reverse("admin:blog_comment_changelist")
        return format_html(
            '<a href="{}?author_email__iexact={}">{}</a>',
            url,
            comment.author_email,
            comment.author_email,
        )

    @admin.display(description=gettext_lazy("in reply to"))
    def in_reply_to(self, comment):
        if comment.parent is None:
            return "—"
        return format_html(
            "{}: “{}”", comment.parent.author_name, Truncator(comment.parent.body).chars(50)
        )

    @admin.display(description=gettext_lazy("on the site"))
    def thread_link(self, comment):
        if not comment.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', comment.get_absolute_url(), _("See it in its thread")
        )

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            new_status = obj.status
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            moderate_comments(Comment.objects.filter(pk=obj.pk), status=new_status,
                              actor=request.user)  # fmt: skip
            obj.status = new_status
        else:
            super().save_model(request, obj, form, change)
        if reply := form.cleaned_data.get("reply", "").strip():
            add_editor_reply(parent=obj, user=request.user, body=reply)
            self.message_user(request, _("Your reply is posted."), messages.SUCCESS)

    def _moderate(self, request, queryset, status, said):
        """`said(count)`: the sentence for the editor, in their language."""
        count = moderate_comments(queryset, status=status, actor=request.user)
        self.message_user(request, said(count) % {"count": count}, messages.SUCCESS)

    # The English keeps its "(s)"; other languages give each plural form.
    @admin.action(description=gettext_lazy("Approve selected comments"))
    def approve(self, request, queryset):
        self._moderate(
            request, queryset, CommentStatus.APPROVED,
            lambda n: ngettext("%(count)s comment(s) approved.",
                               "%(count)s comment(s) approved.", n),
        )  # fmt: skip

    @admin.action(description=gettext_lazy("Mark selected comments as spam"))
    def mark_spam(self, request, queryset):
        self._moderate(
            request, queryset, CommentStatus.SPAM,
            lambda n: ngettext("%(count)s comment(s) marked as spam.",
                               "%(count)s comment(s) marked as spam.", n),
        )  # fmt: skip

    @admin.action(description=gettext_lazy("Remove selected comments"))
    def remove(self, request, queryset):
        self._moderate(
            request, queryset, CommentStatus.REMOVED,
            lambda n: ngettext("%(count)s comment(s) removed.",
                               "%(count)s comment(s) removed.", n),
        )  # fmt: skip

    @admin.action(description=gettext_lazy("Block the senders (email and IP) and mark as spam"))
    def block_sender(self, request, queryset):
        for comment in queryset:
            BlockedTerm.objects.get_or_create(
                kind=BlockKind.EMAIL, value=comment.author_email.strip().lower(),
                defaults={"note": f"from comment #{comment.pk}"},
            )  # fmt: skip
            if comment.ip_hash:
                BlockedTerm.objects.get_or_create(
                    kind=BlockKind.IP, value=comment.ip_hash,
                    defaults={"note": f"from comment #{comment.pk}"},
                )  # fmt: skip
        self._moderate(
            request, queryset, CommentStatus.SPAM,
            lambda n: ngettext("%(count)s comment(s) blocked and marked as spam.",
                               "%(count)s comment(s) blocked and marked as spam.", n),
        )  # fmt: skip


class BlockedTermForm(forms.ModelForm):
    class Meta:
        model = BlockedTerm
        fields = ["kind", "value", "note"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") and cleaned.get("value"):
            cleaned["value"] = normalize_block_value(cleaned["kind"], cleaned["value"])
            self.instance.value = cleaned["value"]
        return cleaned


@admin.register(BlockedTerm)
class BlockedTermAdmin(PlainHelpTexts, admin.ModelAdmin):
    form = BlockedTermForm
    list_display = ["__str__", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]


@admin.register(ModerationEvent)
class ModerationEventAdmin(RecordAdmin):
    """The record of who did what to which comment. Read-only: history is not edited."""

    list_display = ["created_at", "actor", "action", "comment", "from_status", "to_status",
                    "note"]  # fmt: skip
    list_filter = ["action", "to_status", "actor"]
    list_select_related = ["actor", "comment", "comment__post"]
    date_hierarchy = "created_at"
