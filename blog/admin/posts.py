from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from blog.admin.help_texts import PlainHelpTexts, PlainHelpTextsInline
from blog.admin.translations import TranslationsAdmin
from blog.admin.widgets import CoverPictureWidget
from blog.content.text import unembed_videos
from blog.models import (
    CommentStatus,
    DailyPostViews,
    Post,
    PostAuthor,
    PostStatus,
)
from blog.publishing.autosave import (
    WRITING_FIELDS,
    Changed,
    autosave,
    discard_pending,
    pending_edit,
)
from blog.publishing.checks import publishing_warnings
from blog.publishing.previews import preview_url
from blog.publishing.revisions import COMPARED_FIELDS, compare
from blog.publishing.services import (
    publish_posts,
    record_publication,
    redirect_old_address,
    unpublish_posts,
)
from blog.publishing.translations import with_language_marks
from blog.readership.charts import sparkline_points

# Translators: the admin's header, "Foundation · editors".
admin.site.site_header = format_lazy(gettext_lazy("{site} · editors"), site=settings.SITE_NAME)
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = gettext_lazy("Write, publish and moderate")


SPARKLINE_DAYS = 30


def sparkline_start():
    return timezone.localdate() - timedelta(days=SPARKLINE_DAYS)


class PostAuthorInline(PlainHelpTextsInline, admin.TabularInline):
    model = PostAuthor
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = gettext_lazy("writer")
    verbose_name_plural = gettext_lazy("writers (the lowest position is credited first)")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A table's column heading is not a label for screen readers: name each box.
        names = {"author": _("Writer"), "position": _("Position in the byline")}
        if db_field.name in names:
            field.widget.attrs["aria-label"] = names[db_field.name]
        return field


class PostAdminForm(forms.ModelForm):
    # The version the screen was opened at (or last autosaved): see blog.publishing.autosave.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    user = None  # set by PostAdmin.get_form: whose pending changes to offer
    conflict = None  # when refused: who changed the post, and how theirs differs

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = None
        if self.instance.pk and not self.is_bound:
            self.initial["body"] = unembed_videos(self.instance.body)
            self.initial["opened_version"] = self.instance.version
            self.pending = self.user and pending_edit(self.instance, self.user)
            if self.pending:  # the changes autosaved but not yet published: go on with them
                for name in WRITING_FIELDS:
                    self.initial[name] = getattr(self.pending, name)
                self.initial["body"] = unembed_videos(self.pending.body)
                # Begun on the version they were begun on: if someone has saved the post
                # since, Update is refused and shows how the two differ.
                self.initial["opened_version"] = self.pending.base_version

    def clean(self):
        data = super().clean()
        opened = data.get("opened_version")
        if self.instance.pk and opened is not None:
            current = Post.objects.filter(pk=self.instance.pk).first()
            if current and current.version != opened:
                changed = Changed(current)
                theirs = {name: getattr(current, name) for name, _label in COMPARED_FIELDS}
                yours = {name: data.get(name, theirs[name]) for name in theirs}
                self.conflict = {"by": changed.by, "at": changed.at, "rows": compare(theirs, yours)}
                raise forms.ValidationError(str(changed), code="changed")
        return data


@admin.register(Post)
class PostAdmin(TranslationsAdmin, PlainHelpTexts, VersionAdmin):
    form = PostAdminForm
    list_display = [
        "title",
        "languages",
        "status_label",
        "published_at",
        "writers",
        "views",
        "approved_comments",
    ]
    list_filter = ["status", "language", "post_authors__author", "tags", "comments_enabled"]
    search_fields = ["title", "excerpt", "body"]
    date_hierarchy = "published_at"
    # Said here too: the comment counts' GROUP BY drops the model's ordering, and the
    # series' part chooser (an autocomplete) pages through this queryset.
    ordering = ["-published_at", "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link", "view_count", "reading_time", "created_at", "updated_at"]
    inlines = [PostAuthorInline]
    object_history_template = "admin/blog/post/history.html"
    change_form_template = "admin/blog/post/change_form.html"
    actions = ["publish", "unpublish", "mark_translations_current"]
    # The writing comes first and alone: title, cover, text. Everything else sits in the
    # sidebar (templates/admin/blog/post/change_form.html puts the "side" fieldsets there);
    # the numbers (views, created, updated) are on the post's history page and the list.
    fieldsets = [
        (None, {"fields": ["title", "cover", "body", "opened_version"],
                "classes": ["post-writing"]}),
        (gettext_lazy("Publishing"), {"fields": ["status", "published_at", "language",
                                                 "preview_link"],
                                      "classes": ["side", "post-publishing"]}),
        (gettext_lazy("Address"), {"fields": ["slug"], "classes": ["side", "post-address"]}),
        (gettext_lazy("In lists and feeds"), {"fields": ["tags", "excerpt"],
                                              "classes": ["side"]}),
        (gettext_lazy("Comments"), {"fields": ["comments_enabled", "comment_policy"],
                                    "classes": ["side"]}),
        (gettext_lazy("Search and sharing"), {"fields": ["meta_description"],
                                              "classes": ["side", "post-seo"]}),
        (gettext_lazy("Moved from another site"), {"fields": ["imported_views"],
                                                   "classes": ["side", "collapse"]}),
    ]  # fmt: skip

    # Roles (groups made by migration 0003): editors have `publish_post` and
    # `change_any_post`; writers edit only posts that credit them, and only until they
    # are published; they send drafts to review instead of publishing.
    def can_publish(self, request) -> bool:
        return request.user.has_perm("blog.publish_post")

    def sees_all(self, request) -> bool:
        return request.user.has_perm("blog.change_any_post")

    has_publish_permission = can_publish

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or self.sees_all(request):
            return allowed
        return obj.status != PostStatus.PUBLISHED

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None or self.sees_all(request):
            return allowed
        return obj.status == PostStatus.DRAFT

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields += ["published_at", "imported_views"]
        return fields

    class Media:
        # Pictures dropped or pasted into the text go to the library.
        js = ["js/admin/pictures.js", "js/admin/picture-drop.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            # Not sent (a script's form, an old client): the site's default language.
            return forms.TypedChoiceField(
                choices=settings.LANGUAGES, label=_("Language"), required=False,
                empty_value=settings.LANGUAGE_CODE, initial=settings.LANGUAGE_CODE,
                help_text=_("The language the post is written in."),
            )  # fmt: skip
        if db_field.name == "cover":
            # Its own buttons choose and upload: not the admin's list with "+" beside it.
            return db_field.formfield(widget=CoverPictureWidget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.can_publish(request):
            kwargs["choices"] = [
                (PostStatus.DRAFT, PostStatus.DRAFT.label),
                (PostStatus.REVIEW, _("In review (send to the editors)")),
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        # The address shown whole under the slug: SITE_URL/post/<slug>/.
        base = reverse("blog:post_detail", kwargs={"slug": "-"}).removesuffix("-/")
        context["site_url_for_posts"] = settings.SITE_URL + base
        post = kwargs.get("obj") or (args[3] if len(args) > 3 else None)
        if post is not None and post.pk:
            context["translations"] = self.translations_context(post)
        return super().render_change_form(request, context, *args, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        profile = getattr(request.user, "author_profile", None)
        # A new post is the writer's own to begin with (only as shown: a form sent back
        # says for itself who writes it).
        new = obj.pk is None and request.method == "GET"
        if isinstance(inline, PostAuthorInline) and new and profile:
            kwargs["initial"] = [{"author": profile.pk, "position": 0}]
        return kwargs

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        before = Post.objects.filter(pk=obj.pk).values("status", "published_at", "slug").first()
        super().save_model(request, obj, form, change)
        discard_pending(obj, request.user)  # what was kept aside is now the post
        record_publication(post=obj, actor=request.user, before=before)
        if before and before["status"] == PostStatus.PUBLISHED and before["slug"] != obj.slug:
            redirect_old_address(post=obj, old_slug=before["slug"])
            self.message_user(
                request,
                _("Links to the old address, %(old)s, now lead here.")
                % {"old": reverse("blog:post_detail", kwargs={"slug": before["slug"]})},
            )
        if obj.status in {PostStatus.REVIEW, PostStatus.PUBLISHED}:
            for warning in publishing_warnings(obj):
                self.message_user(request, warning, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        profile = getattr(request.user, "author_profile", None)
        post = form.instance
        if (
            not self.sees_all(request)
            and profile
            and not post.post_authors.filter(author=profile).exists()
        ):
            # A writer's post always credits them, or they could not open it again.
            PostAuthor.objects.create(post=post, author=profile, position=99)

    def get_queryset(self, request):
        # Writers and comment counts for the whole page in two queries, not one per row.
        posts = super().get_queryset(request).seen_in_admin_by(request.user)
        return (
            with_language_marks(posts)
            .annotate(
                approved_total=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED))
            )
            .prefetch_related(
                Prefetch("post_authors", queryset=PostAuthor.objects.select_related("author")),
                # 30 days of folded totals for the sparklines, in one query for the page.
                Prefetch(
                    "daily_views",
                    queryset=DailyPostViews.objects.filter(day__gte=sparkline_start()),
                    to_attr="recent_daily_views",
                ),
            )
        )

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        autosave = self.admin_site.admin_view(self.autosave_view)
        discard = self.admin_site.admin_view(self.discard_view)
        return [
            path("autosave/", autosave, name="blog_post_autosave_new"),
            path("<int:object_id>/autosave/", autosave, name="blog_post_autosave"),
            path("<int:object_id>/discard/", discard, name="blog_post_discard"),
            *self.translation_urls(),
            path("<path:object_id>/history/compare/", compare, name="blog_post_compare"),
            *super().get_urls(),
        ]

    def autosave_view(self, request, object_id=None):
        """The post screen's autosave (static/js/admin/post-screen.js): the words only,
        as JSON. A draft is saved; a published post's changes are kept aside."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        post = None
        if object_id is not None:
            post = self.get_object(request, str(object_id))
            if post is None or not self.has_change_permission(request, post):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        version = request.POST.get("opened_version", "")
        writers = [
            int(value) for key, value in request.POST.items()
            if key.startswith("post_authors-") and key.endswith("-author") and value.isdigit()
        ]  # fmt: skip
        try:
            saved = autosave(
                post=post, user=request.user, fields=request.POST, writers=writers,
                version=int(version) if version.isdigit() else None,
                credit_self=not self.sees_all(request),
            )  # fmt: skip
        except Changed as changed:
            return JsonResponse(
                {"error": str(changed), "by": changed.by, "at": changed.at.isoformat()},
                status=409,
            )
        answer = {
            "version": saved.version, "saved_at": saved.saved_at.isoformat(),
            "pending": saved.pending,
            "autosave_url": reverse("admin:blog_post_autosave", args=[saved.post.pk]),
        }  # fmt: skip
        if saved.created:
            answer["change_url"] = reverse("admin:blog_post_change", args=[saved.post.pk])
            answer["writers"] = list(
                saved.post.post_authors.order_by("position").values("pk", "author_id")
            )
        return JsonResponse(answer)

    def discard_view(self, request, object_id):
        """Throw away this editor's autosaved changes to a published post."""
        post = self.get_object(request, str(object_id))
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if post is None or not self.has_change_permission(request, post):
            raise PermissionDenied
        discard_pending(post, request.user)
        self.message_user(request, _("Your unpublished changes are discarded."))
        return redirect("admin:blog_post_change", post.pk)

    def history_view(self, request, object_id, extra_context=None):
        versions = Version.objects.get_for_object_reference(Post, object_id).select_related(
            "revision__user"
        )
        return super().history_view(
            request, object_id, {"versions": versions, **(extra_context or {})}
        )

    def compare_view(self, request, object_id):
        """Two saved versions side by side: what was removed and added, word by word."""
        post = self.get_object(request, object_id)
        if post is None or not self.has_view_or_change_permission(request, post):
            raise PermissionDenied
        versions = Version.objects.get_for_object(post)
        old = get_object_or_404(versions, pk=request.GET.get("from", "0") or "0")
        new = get_object_or_404(versions, pk=request.GET.get("to", "0") or "0")
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of “%(post)s”") % {"post": post},
            "opts": self.opts,
            "original": post,
            "old": old,
            "new": new,
            "rows": compare(old.field_dict, new.field_dict),
        }
        return TemplateResponse(request, "admin/blog/post/compare.html", context)

    @admin.display(description=gettext_lazy("preview"))
    def preview_link(self, post):
        if not post.pk:
            return _("Save the post to preview it.")
        days = settings.PREVIEW_LINK_DAYS
        lasts = ngettext(
            "this link works for %(days)s day for anyone you send it to.",
            "this link works for %(days)s days for anyone you send it to.",
            days,
        ) % {"days": days}
        return format_html(
            '<a href="{}" target="_blank">{}</a> · {}',
            preview_url(post), _("Preview it as readers will see it"), lasts,
        )  # fmt: skip

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, post):
        if post.status == PostStatus.PUBLISHED and not post.is_live:
            # Month names in the editor's language: "05 May 2027, 09:30".
            when = dateformat.format(timezone.localtime(post.published_at), "d M Y, H:i")
            return format_html(
                '<span title="{}">{}</span>',
                _("Scheduled"), _("Scheduled for %(time)s") % {"time": when},
            )  # fmt: skip
        return post.get_status_display()

    @admin.display(description=gettext_lazy("views"), ordering="view_count")
    def views(self, post):
        by_day = {row.day: row.count for row in post.recent_daily_views}
        start = sparkline_start()
        values = [by_day.get(start + timedelta(days=n), 0) for n in range(SPARKLINE_DAYS)]
        label = ngettext(
            "Views per day over the last %(days)s day: %(total)s in all",
            "Views per day over the last %(days)s days: %(total)s in all",
            SPARKLINE_DAYS,
        ) % {"days": SPARKLINE_DAYS, "total": sum(values)}
        return format_html(
            '{} <svg class="sparkline" width="100" height="20" viewBox="0 0 100 20" role="img" '
            'aria-label="{}">'
            '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>',
            post.total_views, label, sparkline_points(values),
        )  # fmt: skip

    @admin.display(description=gettext_lazy("writers"))
    def writers(self, post):
        return ", ".join(author.name for author in post.credited_authors)

    @admin.display(description=gettext_lazy("comments"), ordering="approved_total")
    def approved_comments(self, post):
        return post.approved_total

    @admin.action(
        description=gettext_lazy("Publish selected posts (now, or at their scheduled time)"),
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        count = publish_posts(posts=queryset, actor=request.user)
        # The English keeps its "(s)"; other languages give each plural form.
        message = ngettext("%(count)s post(s) published.", "%(count)s post(s) published.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=gettext_lazy("Unpublish selected posts (back to draft)"),
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        count = unpublish_posts(posts=queryset, actor=request.user)
        message = ngettext(
            "%(count)s post(s) moved back to draft.",
            "%(count)s post(s) moved back to draft.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
