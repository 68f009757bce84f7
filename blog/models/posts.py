import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from blog.content.text import EDITOR_EXTENSIONS, reading_minutes, sanitize_html, slugify
from blog.content.videos import has_videos, video_players
from blog.models.expressions import TagPairs, TranslationPairs
from blog.models.images import responsive_body
from blog.models.tags import Tag
from blog.models.writers import Author


class CommentPolicy(models.TextChoices):
    OPEN = "open", _("Open: comments appear at once")
    FIRST_TIME = "first-time", _("Hold comments from first-time commenters")
    ALL = "all", _("Hold every comment for approval")
    CLOSED = "closed", _("Closed: no new comments")


def default_language() -> str:
    return settings.LANGUAGE_CODE


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class PostQuerySet(models.QuerySet):
    def published(self):
        """Readers see a post once it is published and its time has come: a future
        `published_at` is a schedule, honoured by this filter with no cron job."""
        return self.filter(status=PostStatus.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Posts set to go live later, the soonest first."""
        return self.filter(status=PostStatus.PUBLISHED, published_at__gt=timezone.now()).order_by(
            "published_at"
        )

    def with_comment_counts(self):
        # A subquery, not a JOIN + GROUP BY, so pagination's COUNT stays simple.
        from blog.models.comments import Comment  # the two modules refer to each other

        approved = (
            Comment.objects.approved()
            .filter(post=OuterRef("pk"))
            .order_by()
            .values("post")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(approved_comment_count=Coalesce(Subquery(approved), 0))

    def with_authors(self):
        """Credited writers in their order, with their pictures' renditions: two extra
        queries for any number of posts."""
        return self.prefetch_related(_credits(), "post_authors__author__picture__renditions")

    def for_article(self):
        """A post as its article page shows it: with cover, tags and the series it is a
        part of (if any), then its writers; `Post.prefetch_pictures()` adds every
        picture's renditions in one more query."""
        return (
            self.with_tag_list()
            .with_translation_pairs()
            .select_related("cover", "series_part__series")
            .prefetch_related(_credits())
        )

    def with_translation_pairs(self):
        """Each post's published translations, for `Post.published_translations()`, in
        the same query (`TranslationPairs`)."""
        return self.annotate(translation_pairs=TranslationPairs(PostStatus.PUBLISHED))

    def with_covers(self):
        """Covers and their renditions: one extra query for any number of posts."""
        return self.select_related("cover").prefetch_related("cover__renditions")

    def with_tag_list(self):
        """Each post's tags, for `Post.tag_list`, in the same query: a correlated
        subquery that aggregates [slug, name, translations] as JSON (`TagPairs`). An article
        page spends no query of its own on tags (see tests/test_query_budgets.py)."""
        return self.annotate(tag_pairs=TagPairs(TaggedPost, Tag))

    def for_cards(self):
        """What a post card shows: published posts with covers, writers, comment counts."""
        return self.published().with_comment_counts().with_authors().with_covers()

    def most_read(self, *, days: int = 30):
        """Published posts by views over the last `days` days (folded daily totals plus
        visitor rows not yet folded), most read first; in one query."""
        from blog.models.views import DailyPostViews, PostView

        start = timezone.localdate() - timedelta(days=days - 1)
        folded = (
            DailyPostViews.objects.filter(post=OuterRef("pk"), day__gte=start)
            .order_by().values("post").annotate(n=Sum("count")).values("n")
        )  # fmt: skip
        fresh = (
            PostView.objects.filter(post=OuterRef("pk"), day__gte=start)
            .order_by().values("post").annotate(n=Count("pk")).values("n")
        )  # fmt: skip
        recent = Coalesce(Subquery(folded), 0) + Coalesce(Subquery(fresh), 0)
        return (
            self.published()
            .annotate(recent_views=recent)
            .filter(recent_views__gt=0)
            .order_by("-recent_views", "-published_at")
        )

    def in_series(self, series):
        """The parts of `series`, in the series' order (the lowest position first)."""
        return self.filter(series_part__series=series).order_by(
            "series_part__position", "series_part__pk"
        )

    def by_author(self, author):
        return self.filter(post_authors__author=author)

    def languages(self) -> set[str]:
        """The languages these posts are written in, in one query."""
        return set(self.order_by().values_list("language", flat=True).distinct())

    def in_language(self, language: str):
        """Posts written in `language` (a code of settings.LANGUAGES): what the pages of
        that language list (home, tags, writers, archives, feeds)."""
        return self.filter(language=language)

    def seen_in_admin_by(self, user):
        """The posts a person works on in the admin: every post with the permission to
        edit any writer's, otherwise those that credit them."""
        if user.has_perm("blog.change_any_post"):
            return self
        return self.filter(pk__in=PostAuthor.objects.filter(author__user=user).values("post"))

    def in_month(self, year: int, month: int):
        # Months of the site's time zone: a post of 00:30 on 1 May in Baku is May's.
        return self.filter(published_at__year=year, published_at__month=month)

    def month_counts(self):
        """Months with published posts, newest first, each with `month` (the first
        instant of that month, in the site's time zone) and `count`; in one query."""
        return (
            self.published()
            .annotate(month=TruncMonth("published_at"))
            .order_by()
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )

    def related_to(self, post, *, limit: int = 3):
        """Other published posts sharing tags with `post`, the most shared tags first,
        then the newest; in one query."""
        tag_ids = TaggedPost.objects.filter(content_object=post).values("tag_id")
        return (
            self.published()
            .exclude(pk=post.pk)
            .filter(tagged__tag__in=tag_ids)
            .annotate(shared_tags=Count("tagged"))
            .order_by("-shared_tags", "-published_at", "-pk")
            .only("title", "slug", "published_at")[:limit]
        )

    def around(self, post, *, related: int = 3) -> tuple["Post | None", "Post | None", list]:
        """The published posts just older and just newer than `post`, and the `related`
        ones sharing most tags with it (as `related_to`), in one query. The id breaks
        ties, so posts published in the same second (a bulk publish) still link to each
        other. A post can be both a neighbour and related.

        Written in SQL: composed by the ORM (three subqueries and a count), the query
        cost ten times more to build in Python than to answer, on every uncached
        article. The published rule is `published()`'s; tests/test_post_pages.py holds
        drafts and schedules out of both."""
        at = post.published_at
        if at is None:  # a draft, seen in preview
            return None, None, []
        ops = connection.ops
        at = ops.adapt_datetimefield_value(at)
        now = ops.adapt_datetimefield_value(timezone.now())
        posts, tagged = Post._meta.db_table, TaggedPost._meta.db_table
        # Neighbours and related posts in the post's own language: the links of a
        # Russian article lead to Russian articles.
        live = "status = %s AND published_at <= %s AND language = %s"
        sql = f"""
            SELECT * FROM (
                SELECT id, title, slug, published_at, 'older' AS place, 0 AS shared
                FROM {posts} WHERE {live}
                  AND (published_at < %s OR (published_at = %s AND id < %s))
                ORDER BY published_at DESC, id DESC LIMIT 1) AS older
            UNION ALL SELECT * FROM (
                SELECT id, title, slug, published_at, 'newer', 0
                FROM {posts} WHERE {live}
                  AND (published_at > %s OR (published_at = %s AND id > %s))
                ORDER BY published_at, id LIMIT 1) AS newer
            UNION ALL SELECT * FROM (
                SELECT p.id, p.title, p.slug, p.published_at, 'related', COUNT(*)
                FROM {posts} p JOIN {tagged} t ON t.content_object_id = p.id
                WHERE t.tag_id IN (SELECT tag_id FROM {tagged} WHERE content_object_id = %s)
                  AND p.id <> %s AND p.status = %s AND p.published_at <= %s
                  AND p.language = %s
                GROUP BY p.id, p.title, p.slug, p.published_at
                ORDER BY COUNT(*) DESC, p.published_at DESC, p.id DESC LIMIT %s) AS related
        """  # noqa: S608 - table names from the models; every value is a parameter
        published = PostStatus.PUBLISHED
        lang = post.language
        params = [published, now, lang, at, at, post.pk, published, now, lang, at, at, post.pk,
                  post.pk, post.pk, published, now, lang, related]  # fmt: skip
        rows = list(Post.objects.raw(sql, params))
        found = {place: [r for r in rows if r.place == place] for place in ("older", "newer")}
        return (
            found["older"][0] if found["older"] else None,
            found["newer"][0] if found["newer"] else None,
            [r for r in rows if r.place == "related"],
        )


def _credits() -> Prefetch:
    return Prefetch(
        "post_authors",
        queryset=PostAuthor.objects.select_related("author__picture").order_by("position", "pk"),
    )


class Post(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("The address of the post: /post/<slug>/. Made from the title if left empty."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences shown on the home page and in link previews."),
    )
    body = ProseEditorField(
        _("body"),
        extensions=EDITOR_EXTENSIONS,
        sanitize=sanitize_html,  # our allowlist, in the admin form too; save() applies it again
        blank=True,
        help_text=_(
            "To show a YouTube or Vimeo video, paste its address on a line of its own. To add a "
            "picture, drop it into the text or paste it, or choose one from the library with "
            "the picture button."
        ),
    )
    cover = models.ForeignKey(
        "blog.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="covered_posts",
        verbose_name=_("cover"),
        help_text=_(
            "Wide picture shown above the post and in shared links, from the library "
            "(its description is read to readers who cannot see it)."
        ),
    )
    authors = models.ManyToManyField(
        Author, through="PostAuthor", related_name="posts", verbose_name=_("authors")
    )
    tags = TaggableManager(
        verbose_name=_("tags"),
        through="TaggedPost",
        blank=True,
        help_text=_("Comma-separated, e.g. “dialogue, youth”."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus, default=PostStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A time in the future schedules the post: readers see it from then on."),
    )
    comments_enabled = models.BooleanField(
        _("comments enabled"),
        default=True,
        help_text=_("Untick to close the post to new comments."),
    )
    comment_policy = models.CharField(
        _("comment moderation"),
        max_length=12,
        choices=CommentPolicy,
        blank=True,
        help_text=_("Leave empty to follow the site's setting (COMMENT_MODERATION)."),
    )
    # Views counted by this site (blog.views_counting); only ever incremented in SQL.
    view_count = models.PositiveIntegerField(_("view count"), default=0, editable=False)
    imported_views = models.PositiveIntegerField(
        _("views before this site"),
        default=0,
        help_text=_("For a post moved from the old site: its view count there, added to ours."),
    )
    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )
    meta_description = models.CharField(
        _("search and sharing description"),
        max_length=300,
        blank=True,
        help_text=_(
            "What search engines and shared links show under the title; about 150 "
            "characters. Leave empty to use the excerpt."
        ),
    )
    # One row per language version of a post; the versions of one post share a group.
    language = models.CharField(
        _("language"), max_length=10, default=default_language, db_index=True,
        help_text=_("The language the post is written in."),
    )  # fmt: skip
    translation_group = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    translated_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="translations_made",
        help_text=_("The version this one was translated from."),
    )  # fmt: skip
    # The source's version when this translation was made: a newer source means the
    # translation may be out of date.
    translated_from_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Every save counts one up: an editor's form carries the number it was opened at, and
    # a save from a form opened before someone else's is refused, not silently applied.
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["status", "published_at"], name="post_status_published"),
            # The lists of one language's pages, newest first.
            models.Index(
                fields=["language", "status", "published_at"], name="post_language_published"
            ),
        ]
        permissions = [
            ("publish_post", "Can publish, schedule and unpublish posts"),
            ("change_any_post", "Can edit posts by any writer"),
        ]
        constraints = [
            # choices are only checked by forms; the database refuses the rest
            models.CheckConstraint(
                condition=Q(status__in=PostStatus.values), name="post_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(comment_policy__in=["", *CommentPolicy.values]),
                name="post_comment_policy_valid",
            ),
            # One version of a post per language.
            models.UniqueConstraint(
                fields=["translation_group", "language"], name="post_one_per_language"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The body is stored sanitized so every template may render it as-is; library
        # pictures in it get their renditions (responsive_body).
        self.body = sanitize_html(responsive_body(sanitize_html(self.body)))
        self.reading_time = reading_minutes(self.body, self.language)
        if not self.slug:
            self.slug = self._unique_slug()
        if self.status == PostStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()  # published without a time: now
        self.version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:post_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": _("Choose one of the site's languages.")})

    @property
    def description(self) -> str:
        """What search results and shared links show under the title."""
        return self.meta_description or self.excerpt or self.title

    @property
    def body_html(self):
        """The body as readers get it: each video a box that loads its player only on a
        click (blog.content.videos)."""
        return mark_safe(video_players(self.body))  # noqa: S308 - sanitized by save()

    @property
    def has_videos(self) -> bool:
        """For the article page, which adds the videos' script only when there are some."""
        return has_videos(self.body)

    @property
    def total_views(self) -> int:
        return self.view_count + self.imported_views

    @property
    def is_live(self) -> bool:
        return (
            self.status == PostStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def tag_list(self) -> list[Tag]:
        """Tags by name; from `with_tag_list()` when the post was loaded with it."""
        if not hasattr(self, "tag_pairs"):
            return list(self.tags.all())
        tags = [
            Tag(slug=slug, name=name, name_translations=names or {})
            for slug, name, names in self.tag_pairs or ()
        ]
        return sorted(tags, key=lambda tag: tag.local_name)

    @property
    def credited_authors(self) -> list[Author]:
        """Writers in their credited order; uses the prefetch from `with_authors()`."""
        return [link.author for link in self.post_authors.all()]

    def comment_tree(self, *, own_ids=()) -> list:
        """The thread a reader sees, in one query; see `comments.build_thread`."""
        from blog.models.comments import build_thread

        comments = list(self.comments.visible_to(own_ids).order_by("created_at", "pk"))
        self.shown_comment_count = sum(c.is_public and not c.is_deleted for c in comments)
        return build_thread(comments, max_depth=settings.COMMENT_MAX_DEPTH)

    def accepts_comments(self) -> bool:
        """Open to new comments: not closed by policy, by hand, or by age."""
        if not self.comments_enabled or self.effective_comment_policy == CommentPolicy.CLOSED:
            return False
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        if days and self.published_at:
            return timezone.now() < self.published_at + timedelta(days=days)
        return True

    @property
    def effective_comment_policy(self) -> str:
        return self.comment_policy or settings.COMMENT_MODERATION

    def published_translations(self) -> list[tuple[str, str]]:
        """The other published language versions of this post (its translation group),
        as (language, slug); from `for_article()` when the post was loaded with it."""
        if hasattr(self, "translation_pairs"):
            return [tuple(pair) for pair in self.translation_pairs or ()]
        return list(
            Post.objects.published()
            .filter(translation_group=self.translation_group)
            .exclude(pk=self.pk)
            .values_list("language", "slug")
        )

    def prefetch_pictures(self) -> None:
        """The renditions of the cover and of every writer's picture, in one query
        (Django would spend one per relation)."""
        images = [self.cover, *(author.picture for author in self.credited_authors)]
        prefetch_related_objects([image for image in images if image is not None], "renditions")

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:190].rstrip("-") or "post"
        slug, n = base, 2
        while Post.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class PostAuthor(models.Model):
    """A writer's credit on a post, in order: the first is shown first."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="post_authors", verbose_name=_("post")
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="post_credits", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "author"], name="post_author_unique"),
        ]
        verbose_name = _("writer")
        verbose_name_plural = _("writers")

    def __str__(self):
        # Translators: a writer's credit on a post, "Ann on River day".
        return _("%(writer)s on %(post)s") % {"writer": self.author, "post": self.post}


class TaggedPost(TaggedItemBase):
    content_object = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="tagged")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_posts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_post_unique"),
        ]
        verbose_name = _("tagged post")
        verbose_name_plural = _("tagged posts")
