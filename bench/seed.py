"""Seed an empty database with the site the benchmark measures: 10 writers with pictures
from the library, 200 tags, 1,000 published posts over four years (5 tags each, most
with a cover), 20,000 approved comments (a quarter of them replies), a month of daily
views, and the "bench article": the newest post, with exactly 20 approved comments (5
of them replies), 5 tags, a cover and a writer with a picture.

    DATABASE_URL=... MEDIA_ROOT=... .venv/bin/python -m bench.seed

bench/run.py calls it on a fresh database. Rows go in with bulk_create, so neither the
models' save() nor the search signals run: this module does what they would (a post's
body sanitized and its reading time, a comment's HTML, a SearchDocument row per post),
and must follow them when they change. SQLite's FTS5 triggers and PostgreSQL's GIN index
follow the SearchDocument rows by themselves. The last line printed is JSON naming what
bench/run.py measures."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foundation_site.settings")
django.setup()
# The models can only be imported once Django is set up:
# ruff: noqa: E402

import json
import random
import sys
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageOps

from blog.content.text import comment_html, reading_minutes, sanitize_html, slugify
from blog.management.commands.loaddemo import jpeg, library_image, writer_picture
from blog.models import (
    Author,
    Comment,
    CommentStatus,
    DailyPostViews,
    Post,
    PostAuthor,
    PostStatus,
    SearchDocument,
    Tag,
    TaggedPost,
)
from blog.public.search import document_fields

POSTS, COMMENTS, WRITERS, COVERS = 1000, 20_000, 10, 12
BENCH_SLUG = "bench-article"
# In one post in twelve: a search that finds a realistic handful, not every post.
SEARCH_WORD = "watershed"
# One of the seeded readers, so the benchmark's comments take the path of a returning
# commenter (approved at once) rather than all waiting in the moderation queue.
COMMENTER_EMAIL = "reader7@example.org"
rng = random.Random(2024)  # noqa: S311 - made-up content, not a secret

ADJECTIVES = ("regional", "youth", "rural", "coastal", "civic", "open", "shared", "local",
              "cultural", "urban", "mountain", "cross-border", "digital", "public", "green",
              "historic", "migrant", "women's", "student", "community")  # fmt: skip
NOUNS = ("dialogue", "exchange", "education", "water", "memory", "trade", "media",
         "heritage", "farming", "health")  # fmt: skip
WORDS = ["river", "teachers", "village", "bridge", "history", "language", "market", "school",
         "archive", "festival", "neighbours", "tea", "harvest", "mountain", "road", "library",
         "journal", "volunteers", "parents", "weather", "border", "music", "letters", "garden",
         "workshop", "interview", "museum", "season", "train", "data", "trust"]  # fmt: skip
FIRST_NAMES = ["Aylin", "Giorgi", "Mariam", "Tural", "Sona", "Levan", "Ani", "Murad", "Elene",
               "Arman", "Nigar", "Davit", "Kamala", "Irakli", "Lusine", "Rashad", "Tamar",
               "Emil", "Gayane", "Orkhan"]  # fmt: skip
LAST_NAMES = ["Aliyeva", "Kapanadze", "Sargsyan", "Mammadov", "Gelashvili", "Hakobyan",
              "Huseynov", "Lomidze", "Grigoryan", "Rzayeva"]  # fmt: skip


def sentence(extra: str = "") -> str:
    words = rng.sample(WORDS, rng.randint(8, 14)) + ([extra] if extra else [])
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def paragraph(sentences: int, extra: str = "") -> str:
    return " ".join(sentence(extra if n == 0 else "") for n in range(sentences))


def body(*, with_word: bool) -> str:
    """A few paragraphs of what the editor makes: a heading, a list, a quote, a link."""
    html = (
        f"<p>{paragraph(4, SEARCH_WORD if with_word else '')}</p><h2>{sentence()[:-1]}</h2>"
        f"<p>{paragraph(5)}</p><ul>{''.join(f'<li>{sentence()}</li>' for _ in range(3))}</ul>"
        f'<blockquote class="pull-quote"><p>{sentence()}</p></blockquote>'
        f'<p>{paragraph(3)} <a href="https://example.org/report">Read the report</a>.</p>'
    )
    return sanitize_html(html)  # as Post.save() stores it


def cover_image(n: int) -> bytes:
    """A small generated landscape: a tinted sky and a ridge, enough for renditions."""
    sky = ImageOps.colorize(PillowImage.linear_gradient("L").resize((800, 450)),
                            black=(30 + n * 15, 90, 160), white=(250, 230, 200))  # fmt: skip
    ridge = [(0, 300), (250, 230 + n * 6), (520, 290), (800, 250), (800, 450), (0, 450)]
    ImageDraw.Draw(sky).polygon(ridge, fill=(40, 90 + n * 8, 80))
    return jpeg(sky, quality=82)


def make_writers() -> list[Author]:
    writers = []
    for n in range(WRITERS):
        name = f"{FIRST_NAMES[n]} {LAST_NAMES[n]}"
        author = Author(name=name, slug=slugify(name), role="Writer", bio=paragraph(2))
        colours = (f"#{n * 25:02x}a0c0", f"#30{n * 20:02x}60")
        author.picture = library_image(
            title=f"Portrait of {name}", alt=f"Portrait of {name}",
            data=writer_picture(author.initials, colours, seed=name), name=f"{author.slug}.jpg",
        )  # fmt: skip
        author.save()
        writers.append(author)
    return writers


def make_tags() -> list[Tag]:
    names = [f"{adjective} {noun}" for adjective in ADJECTIVES for noun in NOUNS]
    return Tag.objects.bulk_create(Tag(name=name, slug=slugify(name)) for name in names)


def make_posts(covers) -> list[Post]:
    """Newest first: posts[0] is the bench article; the others go back about four years."""
    now = timezone.now()
    posts = []
    for n in range(POSTS):
        title = "The bench article: rivers, teachers and trust" if n == 0 else (
            " ".join(rng.sample(WORDS, 5)).capitalize())  # fmt: skip
        text = body(with_word=n % 12 == 0)
        posts.append(Post(
            title=title, slug=BENCH_SLUG if n == 0 else f"{slugify(title)}-{n}",
            excerpt=sentence(), body=text, reading_time=reading_minutes(text),
            status=PostStatus.PUBLISHED, cover=covers[n % COVERS] if n % 10 < 7 else None,
            published_at=now - timedelta(days=2 + n * 1.45, hours=n % 7),
            view_count=rng.randint(20, 4000),
        ))  # fmt: skip
    return Post.objects.bulk_create(posts)


def link_posts(posts, writers, tags) -> None:
    """Writers (one in ten posts has two) and 5 tags a post, then the search index."""
    credits, tagged = [], []
    for n, post in enumerate(posts):
        chosen = rng.sample(writers, 2 if n % 10 == 5 else 1)
        credits += [PostAuthor(post=post, author=a, position=i) for i, a in enumerate(chosen)]
        tagged += [TaggedPost(content_object=post, tag=tag) for tag in rng.sample(tags, 5)]
    PostAuthor.objects.bulk_create(credits)
    TaggedPost.objects.bulk_create(tagged)
    writer_names, tag_names = {}, {}
    for credit in credits:  # in position order within each post
        writer_names.setdefault(credit.post_id, []).append(credit.author.name)
    for link in tagged:
        tag_names.setdefault(link.content_object_id, []).append(link.tag.name)
    # The fields blog.public.search.index_post() writes.
    SearchDocument.objects.bulk_create(
        SearchDocument(
            post_id=post.pk,
            **document_fields(
                title=post.title,
                excerpt=post.excerpt,
                body=post.body,
                tags=sorted(tag_names[post.pk]),
                writers=writer_names[post.pk],
                language=post.language,
            ),
        )
        for post in posts
    )


def make_comments(posts) -> None:
    """15 comments and 5 replies on the bench article; the rest spread unevenly over the
    other posts, a quarter of them replies. Replies are inserted after their parents, so
    their ids are larger, as Post.comment_tree() expects."""
    bench, others = posts[0], posts[1:]
    weights = [rng.paretovariate(1.5) for _ in others]
    targets = [bench] * 15 + rng.choices(others, weights, k=COMMENTS * 3 // 4 - 15)
    roots = Comment.objects.bulk_create(comment(post, n) for n, post in enumerate(targets))
    parents = rng.sample(roots[:15], 5) + rng.choices(roots[15:], k=COMMENTS - len(roots) - 5)
    Comment.objects.bulk_create(
        comment(parent.post, len(roots) + n, parent=parent) for n, parent in enumerate(parents)
    )


def comment(post, n: int, parent=None) -> Comment:
    reader = n % 500
    at = (parent.created_at if parent else post.published_at) + timedelta(hours=1 + n % 40)
    text = "\n\n".join(sentence() for _ in range(1 + n % 3))
    return Comment(
        post=post, parent=parent, status=CommentStatus.APPROVED, created_at=at,
        author_name=f"{FIRST_NAMES[reader % 20]} {LAST_NAMES[reader // 50]}",
        author_email=f"reader{reader}@example.org",
        body=text, rendered_body=comment_html(text),  # as Comment.save() stores it
    )  # fmt: skip


def make_views(posts) -> None:
    """Daily totals of the last month for the newest posts: "most read" has work to do."""
    today = timezone.localdate()
    DailyPostViews.objects.bulk_create(
        DailyPostViews(post=post, day=today - timedelta(days=d), count=rng.randint(1, 300))
        for post in posts[:150]
        for d in range(1, 31)
        if today - timedelta(days=d) >= timezone.localdate(post.published_at)
    )


def main() -> None:
    if Post.objects.exists():
        sys.exit("bench/seed.py fills an empty database; this one has posts.")
    started = time.monotonic()
    # Pictures first, outside the transaction: their renditions are files, not rows.
    writers = make_writers()
    covers = [
        library_image(
            title=f"Cover {n}", alt=f"Landscape {n}", data=cover_image(n), name=f"cover-{n}.jpg"
        )
        for n in range(COVERS)
    ]
    with transaction.atomic():
        tags = make_tags()
        posts = make_posts(covers)
        link_posts(posts, writers, tags)
        make_comments(posts)
        make_views(posts)
    if connection.vendor == "postgresql":
        # Statistics for the planner, as autovacuum would gather a minute or so after a
        # bulk load: without them it expects 3 posts and a search scans every document.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    bench_tag = Tag.objects.filter(tagged_posts__content_object=posts[0]).first()
    print(f"Seeded in {time.monotonic() - started:.1f} s: {Post.objects.count()} posts, "
          f"{Comment.objects.count()} comments, {Tag.objects.count()} tags, "
          f"{Author.objects.count()} writers.")  # fmt: skip
    names = {"article": BENCH_SLUG, "tag": bench_tag.slug, "search": SEARCH_WORD,
             "comment_post": posts[1].slug, "email": COMMENTER_EMAIL,
             # For the memory run: many different pages, as readers ask for them.
             "articles": [post.slug for post in posts[:200]],
             "tags": [tag.slug for tag in tags[:60]]}  # fmt: skip
    print(json.dumps(names))


if __name__ == "__main__":
    main()
