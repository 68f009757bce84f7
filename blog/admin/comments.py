from django import forms
from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from blog.admin.help_texts import PlainHelpTexts, PlainHelpTextsInline
from blog.admin.readonly import RecordAdmin
from blog.comments.moderation import normalize_block_value
from blog.comments.services import add_editor_reply, moderate_comments
from blog.models import BlockedTerm, BlockKind, Comment, CommentStatus, ModerationEvent


class CommentAdminForm(forms.ModelForm):
    reply = forms.CharField(
        label="Reply as the foundation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Posted under this comment at once, with the editors' badge, in your name.",
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
    verbose_name_plural = "moderation history"

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
        ("Comment", {"fields": ["author_name", "author_email", "body", "notify_replies"]}),
        ("Reply", {"fields": ["reply"]}),
        (
            "Details",
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

    @admin.display(description="comment")
    def excerpt(self, comment):
        return (
            "(deleted by its writer)" if comment.is_deleted else Truncator(comment.body).chars(80)
        )

    @admin.display(description="email", ordering="author_email")
    def email_link(self, comment):
        # One click shows everything from this address.
        url = reverse("admin:blog_comment_changelist")
        return format_html(
            '<a href="{}?author_email__iexact={}">{}</a>',
            url,
            comment.author_email,
            comment.author_email,
        )

    @admin.display(description="in reply to")
    def in_reply_to(self, comment):
        if comment.parent is None:
            return "—"
        return format_html(
            "{}: “{}”", comment.parent.author_name, Truncator(comment.parent.body).chars(50)
        )

    @admin.display(description="on the site")
    def thread_link(self, comment):
        if not comment.pk:
            return "—"
        return format_html('<a href="{}">See it in its thread</a>', comment.get_absolute_url())

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
            self.message_user(request, "Your reply is posted.", messages.SUCCESS)

    def _moderate(self, request, queryset, status, verb):
        count = moderate_comments(queryset, status=status, actor=request.user)
        self.message_user(request, f"{count} comment(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments")
    def approve(self, request, queryset):
        self._moderate(request, queryset, CommentStatus.APPROVED, "approved")

    @admin.action(description="Mark selected comments as spam")
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, CommentStatus.SPAM, "marked as spam")

    @admin.action(description="Remove selected comments")
    def remove(self, request, queryset):
        self._moderate(request, queryset, CommentStatus.REMOVED, "removed")

    @admin.action(description="Block the senders (email and IP) and mark as spam")
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
        self._moderate(request, queryset, CommentStatus.SPAM, "blocked and marked as spam")


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
