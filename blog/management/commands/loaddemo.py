import io
import math
import random
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageColor, ImageDraw, ImageFilter, ImageFont

from blog.content.text import slugify
from blog.management.demo.content import (
    POSTS,
    SERIES,
    TAGS,
    WRITERS,
    DemoComment,
    DemoCover,
    DemoPost,
    DemoSeries,
    DemoTag,
    DemoWriter,
)
from blog.models import (
    Author,
    Comment,
    CommentStatus,
    DailyPostViews,
    Post,
    PostAuthor,
    Series,
    SeriesPart,
    Tag,
)
from blog.models import (
    Image as LibraryImage,
)
from blog.publishing.renditions import make_renditions

SKIP_MESSAGE = "Demo content skipped: the database already has posts."

PICTURE_SIZE = 480
COVER_SIZE = (1600, 900)

type RGB = tuple[int, int, int]


class Command(BaseCommand):
    help = (
        "Fill an empty site with demo writers, tags, posts (in English, Azerbaijani and "
        "Russian, some translations of others), a series, comments and generated pictures. Does "
        "nothing once any post exists, so `make run` can call it every time."
    )

    def handle(self, *args, **options):
        if Post.objects.exists():
            self.stdout.write(SKIP_MESSAGE)
            return
        # A site set up with fewer languages (LANGUAGES) gets the posts it can show; a
        # translation whose original is left out stands alone.
        languages = dict(settings.LANGUAGES)
        with transaction.atomic():
            authors = {demo.slug: create_writer(demo) for demo in WRITERS}
            for demo in TAGS:
                create_tag(demo)
            posts: dict[str, Post] = {}
            comment_total = 0
            for demo in POSTS:
                if demo.language not in languages:
                    continue
                source = posts.get(demo.translation_of) if demo.translation_of else None
                posts[demo.name], comments = create_post(demo, authors, source=source)
                comment_total += comments
            for demo in SERIES:
                if demo.language in languages:
                    create_series(demo, posts)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded demo content: {len(authors)} writers, {len(posts)} posts, "
                f"{comment_total} comments."
            )
        )


def create_series(demo: DemoSeries, posts: dict[str, Post]) -> Series:
    """A series of demo posts, in the order the data file names them."""
    series = Series(
        title=demo.title, slug=demo.slug, description=demo.description, language=demo.language
    )
    series.full_clean()
    series.save()
    for position, name in enumerate(demo.parts, 1):
        part = SeriesPart(series=series, post=posts[name], position=position)
        part.full_clean()
        part.save()
    return series


def create_writer(demo: DemoWriter) -> Author:
    author = Author(
        name=demo.name, slug=demo.slug, role=demo.role, bio=demo.bio,
        role_translations=demo.role_translations, bio_translations=demo.bio_translations,
    )  # fmt: skip
    picture = writer_picture(author.initials, demo.colours, seed=demo.slug)
    author.picture = library_image(
        title=f"Portrait of {demo.name}", alt=f"Portrait of {demo.name}", data=picture,
        name=f"{demo.slug}.jpg",
    )  # fmt: skip
    author.full_clean()  # the same checks the admin applies, so the demo cannot drift from them
    author.save()
    return author


def library_image(*, title: str, alt: str, data: bytes, name: str) -> LibraryImage:
    """A generated picture, put in the library like an upload. Drawn here, it carries no
    metadata to strip, so only its renditions are made."""
    image = LibraryImage(title=title, alt=alt, credit="Drawn for the demo")
    image.file.save(name, ContentFile(data), save=False)
    image.full_clean()
    image.save()
    make_renditions(image)
    return image


def create_tag(demo: DemoTag) -> Tag:
    """A tag with its names in the other languages; the posts then find it by name."""
    tag = Tag(name=demo.name, name_translations=demo.name_translations)
    tag.save()
    return tag


def create_post(
    demo: DemoPost, authors: dict[str, Author], *, source: Post | None = None
) -> tuple[Post, int]:
    """Save one post with its credits, tags and comments; return it and how many
    comments. With `source`, the post is its translation, linked as
    blog.publishing.translations links one: in its group, from its current version."""
    published_at = publish_time(demo)
    post = Post(
        title=demo.title,
        slug=demo.slug,
        excerpt=demo.excerpt,
        body=demo.body,
        status=demo.status,
        published_at=published_at,
        language=demo.language,
    )
    if source is not None:
        post.translation_group = source.translation_group
        post.translated_from = source
        post.translated_from_version = source.version
    # Its own library picture, for the description in its language; drawn from the
    # original's seed, it is the same picture.
    seed = demo.cover.seed or demo.title
    post.cover = library_image(
        title=demo.title, alt=demo.cover.alt, data=cover_picture(demo.cover, seed=seed),
        name=f"{slugify(demo.title)}.jpg",
    )  # fmt: skip
    post.full_clean()
    post.save()
    for position, slug in enumerate(demo.writers):
        PostAuthor.objects.create(post=post, author=authors[slug], position=position)
    post.tags.set(list(demo.tags))

    # view_count is not editable and created_at is set on insert, so both are written
    # afterwards; back-dating keeps the admin from showing an old post as written today.
    history = {}
    if published_at is not None and published_at < timezone.now():
        history.update(created_at=published_at - timedelta(days=3), updated_at=published_at)
        history["view_count"] = add_view_history(post, demo.view_count, published_at)
    Post.objects.filter(pk=post.pk).update(**history)

    if published_at is None:
        return post, 0
    return post, add_thread(post, demo.comments, parent=None, after=published_at)


def add_view_history(post: Post, total: int, published_at: datetime) -> int:
    """Plausible daily views from publication to yesterday: a peak in the first days,
    then a long tail with weekly ripples, so the dashboard's charts show real shapes.
    Returns the total written, which becomes the post's view count."""
    first = timezone.localdate(published_at)
    days = (timezone.localdate() - first).days
    if days <= 0:
        return 0
    weights = [
        math.exp(-n / 6) + 0.05 * (1 + math.sin(n * 2 * math.pi / 7)) + 0.02 for n in range(days)
    ]
    scale = total / sum(weights)
    rows = [
        DailyPostViews(post=post, day=first + timedelta(days=n), count=round(w * scale))
        for n, w in enumerate(weights)
    ]
    DailyPostViews.objects.bulk_create(rows)
    return sum(row.count for row in rows)


def add_thread(
    post: Post, demos: tuple[DemoComment, ...], *, parent: Comment | None, after: datetime
) -> int:
    total = 0
    for demo in demos:
        comment = Comment.objects.create(
            post=post,
            parent=parent,
            author_name=demo.name,
            author_email=demo.email,
            body=demo.body,
            status=CommentStatus.PENDING if demo.is_pending else CommentStatus.APPROVED,
            created_at=after + timedelta(hours=demo.hours_later),
        )
        total += 1 + add_thread(post, demo.replies, parent=comment, after=comment.created_at)
    return total


def publish_time(demo: DemoPost) -> datetime | None:
    if demo.days_ago is None:
        return None
    day = timezone.localdate() - timedelta(days=demo.days_ago)
    return datetime.combine(day, demo.at, tzinfo=timezone.get_current_timezone())


def writer_picture(initials: str, colours: tuple[str, str], *, seed: str) -> bytes:
    """A square portrait stand-in: a diagonal gradient, soft circles and the initials."""
    size = PICTURE_SIZE
    first, second = (ImageColor.getrgb(colour) for colour in colours)
    # A gradient as long as the square's diagonal, turned 45°, fills the square exactly.
    span = math.ceil(size * math.sqrt(2)) + 4
    ramp = Image.linear_gradient("L").resize((span, span)).rotate(45, Image.Resampling.BICUBIC)
    offset = (span - size) // 2
    mask = ramp.crop((offset, offset, offset + size, offset + size))
    image = Image.composite(
        Image.new("RGB", (size, size), second), Image.new("RGB", (size, size), first), mask
    ).convert("RGBA")

    rng = random.Random(seed)  # noqa: S311 - placement of shapes in a picture, not a secret
    shapes = Image.new("RGBA", image.size)
    draw = ImageDraw.Draw(shapes)
    for _ in range(5):
        radius = rng.randint(size // 8, size // 3)
        x, y = rng.randint(0, size), rng.randint(0, size)
        fill = (255, 255, 255, rng.randint(25, 60))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)
    image = Image.alpha_composite(image, shapes)

    font = ImageFont.load_default(size=200)
    centre = (size // 2, size // 2 + 6)
    shadow = Image.new("RGBA", image.size)
    ImageDraw.Draw(shadow).text(
        (centre[0] + 4, centre[1] + 6), initials, font=font, anchor="mm", fill=(0, 0, 0, 90)
    )
    image = Image.alpha_composite(image, shadow.filter(ImageFilter.GaussianBlur(8)))
    ImageDraw.Draw(image).text(centre, initials, font=font, anchor="mm", fill="white")
    return jpeg(image.convert("RGB"), quality=88)


def cover_picture(cover: DemoCover, *, seed: str) -> bytes:
    """An abstract landscape: sky, a glowing sun, ridges fading with distance, maybe water."""
    width, height = COVER_SIZE
    zenith, horizon = (ImageColor.getrgb(colour) for colour in cover.sky)
    hills, sun = ImageColor.getrgb(cover.hills), ImageColor.getrgb(cover.sun)
    rng = random.Random(seed)  # noqa: S311 - placement of shapes in a picture, not a secret

    image = vertical_gradient(COVER_SIZE, zenith, horizon)
    radius = rng.randint(60, 95)
    sun_x, sun_y = rng.randint(250, width - 250), rng.randint(190, 330)
    glow = Image.new("L", COVER_SIZE)
    ImageDraw.Draw(glow).ellipse(
        (sun_x - 3 * radius, sun_y - 3 * radius, sun_x + 3 * radius, sun_y + 3 * radius),
        fill=140,
    )
    glow = glow.filter(ImageFilter.GaussianBlur(radius * 1.5))
    image = Image.composite(Image.new("RGB", COVER_SIZE, sun), image, glow)
    draw = ImageDraw.Draw(image)
    draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=sun)

    layers = 4
    for layer in range(layers):
        # Aerial perspective: far ridges take on the horizon's colour, near ones their own.
        colour = mix(horizon, hills, 0.3 + 0.7 * (layer + 1) / layers)
        base, amplitude = height * (0.47 + 0.09 * layer), height * (0.05 + 0.02 * layer)
        waves = [
            (rng.uniform(0.8, 3.5), rng.uniform(0, 2 * math.pi), rng.uniform(0.3, 1.0))
            for _ in range(3)
        ]
        weight = sum(strength for _, _, strength in waves)
        ridge = [
            (
                x,
                base
                - amplitude
                * sum(s * math.sin(2 * math.pi * f * x / width + p) for f, p, s in waves)
                / weight,
            )
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([*ridge, (width, height), (0, height)], fill=colour)

    if cover.has_water:
        shore = int(height * 0.8)
        water = vertical_gradient(
            (width, height - shore), mix(horizon, hills, 0.2), mix(zenith, hills, 0.45)
        )
        image.paste(water, (0, shore))
        for _ in range(18):
            y = rng.randint(shore + 8, height - 8)
            x = rng.randint(-100, width)
            draw.line((x, y, x + rng.randint(80, 320), y), fill=mix(horizon, sun, 0.6), width=2)
        for step in range(6):
            y = shore + 12 + step * 14
            half = radius * (1 - step / 7)
            draw.line((sun_x - half, y, sun_x + half, y), fill=sun, width=3)
    return jpeg(image, quality=82)


def vertical_gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def mix(first: RGB, second: RGB, share: float) -> RGB:
    """The colour `share` of the way from `first` to `second`."""
    red, green, blue = (round(x + (y - x) * share) for x, y in zip(first, second, strict=True))
    return red, green, blue


def jpeg(image: Image.Image, *, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()
