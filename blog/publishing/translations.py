"""Versions of one post in other languages: each is a Post of its own (its title, address,
body, writers, date, comments and views) in its source's translation group. "Translate
into …" starts one as a draft with the source's fields copied, to be translated in place."""

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef

from blog.models import Post, PostAuthor, PostStatus


def translation_in(post: Post, language: str) -> Post | None:
    return (
        Post.objects.filter(translation_group=post.translation_group, language=language)
        .exclude(pk=post.pk)
        .first()
    )


@transaction.atomic
def start_translation(*, post: Post, language: str) -> tuple[Post, bool]:
    """The version of `post` in `language`: the one there is, or a new draft copied from
    `post` (and True) to translate."""
    if language not in dict(settings.LANGUAGES) or language == post.language:
        raise ValueError(language)
    found = translation_in(post, language)
    if found:
        return found, False
    base = f"{post.slug}-{language}"[:190]
    slug, n = base, 2
    while Post.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    draft = Post.objects.create(
        title=post.title, slug=slug, excerpt=post.excerpt, body=post.body,
        meta_description=post.meta_description, cover=post.cover, status=PostStatus.DRAFT,
        language=language, translation_group=post.translation_group, translated_from=post,
        translated_from_version=post.version, comments_enabled=post.comments_enabled,
        comment_policy=post.comment_policy,
    )  # fmt: skip
    PostAuthor.objects.bulk_create(
        PostAuthor(post=draft, author_id=credit.author_id, position=credit.position)
        for credit in post.post_authors.all()
    )
    draft.tags.set(post.tags.all())
    return draft, True


def with_language_marks(posts):
    """Each post with, for every site language, whether a version exists (`has_<code>`)
    and whether one translated from it is older than it (`stale_<code>`): two subqueries
    a language, in the list's one query."""
    annotations = {}
    for code, _name in settings.LANGUAGES:
        group = Post.objects.filter(translation_group=OuterRef("translation_group"), language=code)
        annotations[f"has_{code}"] = Exists(group)
        made_from_older = group.filter(
            translated_from=OuterRef("pk"), translated_from_version__lt=OuterRef("version")
        )
        annotations[f"stale_{code}"] = Exists(made_from_older)
    # And the post itself, when it is a translation whose source changed since.
    newer_source = Post.objects.filter(
        pk=OuterRef("translated_from"), version__gt=OuterRef("translated_from_version")
    )
    annotations["source_changed"] = Exists(newer_source)
    return posts.annotate(**annotations)


def language_marks(post: Post) -> list[dict]:
    """For the post list: one mark a language, "this" (the post's own; "this, out of
    date" when it is a translation of a source changed since), "exists", "out of date"
    (translated from an older version of it) or "missing"."""
    marks = []
    for code, name in settings.LANGUAGES:
        if code == post.language:
            state = "this, out of date" if getattr(post, "source_changed", False) else "this"
        elif getattr(post, f"stale_{code}", False):
            state = "out of date"
        elif getattr(post, f"has_{code}", False):
            state = "exists"
        else:
            state = "missing"
        marks.append({"code": code, "name": name, "state": state})
    return marks


def mark_current(posts) -> int:
    """Mark translations as up to date with their sources as they are now (an editor
    has brought them in step); answers how many were out of date. Posts that are no
    translation are left alone."""
    changed = 0
    with transaction.atomic():
        for post in posts.filter(translated_from__isnull=False).select_related("translated_from"):
            if post.translated_from_version != post.translated_from.version:
                Post.objects.filter(pk=post.pk).update(
                    translated_from_version=post.translated_from.version
                )
                changed += 1
    return changed
