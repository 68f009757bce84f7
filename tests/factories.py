import time
from io import BytesIO

import factory
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from blog.comments.antispam import FORM_SALT
from blog.models import (
    Author,
    Comment,
    CommentStatus,
    Post,
    PostAuthor,
    PostStatus,
    Series,
    SeriesPart,
)
from blog.models import Image as LibraryImage
from blog.publishing.renditions import make_renditions


def image_upload(name="picture.png", size=(64, 64)) -> SimpleUploadedFile:
    """A real PNG made by Pillow, as a browser would upload it."""
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class ImageFactory(factory.django.DjangoModelFactory):
    """A library picture with its renditions made, as after an upload in the admin."""

    class Meta:
        model = LibraryImage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Picture {n}")
    alt = factory.Sequence(lambda n: f"A described picture {n}")
    file = factory.LazyFunction(lambda: image_upload("picture.png", (160, 90)))

    @factory.post_generation
    def renditions(self, create, extracted, **kwargs):
        if create and extracted is not False:
            make_renditions(self)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Writer {n}")
    slug = factory.Sequence(lambda n: f"writer-{n}")
    role = "Programme officer"


class PostFactory(factory.django.DjangoModelFactory):
    """A post credited to one new writer, or to `authors=[...]` in that order."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Post {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    excerpt = "A short summary."
    body = "<p>Some words about peace.</p>"

    class Params:
        published = factory.Trait(
            status=PostStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for position, author in enumerate(extracted or [AuthorFactory()]):
            PostAuthor.objects.create(post=self, author=author, position=position)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class SeriesFactory(factory.django.DjangoModelFactory):
    """A series; `parts=[post, ...]` makes them its parts, at positions 1, 2, 3 ..."""

    class Meta:
        model = Series
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    description = "Read in order."

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        if create and extracted:
            for position, post in enumerate(extracted, 1):
                SeriesPart.objects.create(series=self, post=post, position=position)


class SeriesPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeriesPart

    series = factory.SubFactory(SeriesFactory)
    post = factory.SubFactory(PostFactory, published=True)
    position = factory.Sequence(lambda n: n + 1)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory, published=True)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = factory.Sequence(lambda n: f"Comment number {n}.")
    status = CommentStatus.APPROVED


def form_token(*, age_seconds: float = 60) -> str:
    """The comment form's signed timestamp, as if the page was shown that long ago."""
    return signing.dumps(time.time() - age_seconds, salt=FORM_SALT)


def comment_data(**overrides) -> dict:
    """What the comment form sends, with a form token old enough to pass."""
    data = {"author_name": "Aysel", "author_email": "aysel@example.org",
            "body": "A thoughtful comment.", "issued": form_token()}  # fmt: skip
    return data | overrides


def post_comment(client, post, **data):
    """Send `post`'s comment form as a reader fills it in; `data` changes fields."""
    url = reverse("blog:comment_create", kwargs={"slug": post.slug})
    return client.post(url, comment_data(**data))
