"""The picture library: uploads checked, cleaned of metadata, scaled once."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image as PillowImage
from pytest_django.asserts import assertContains

from blog.models import Image, Rendition
from tests.factories import ImageFactory, PostFactory

pytestmark = pytest.mark.django_db


def picture_bytes(kind="JPEG", size=(2000, 1000), exif=None, color="teal", mode="RGB"):
    buffer = BytesIO()
    PillowImage.new(mode, size, color).save(buffer, kind, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def camera_exif():
    """EXIF as a phone writes it: turned (orientation 6) and with a GPS position."""
    exif = PillowImage.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (40.0, 22.0, 0.0), 3: "E", 4: (49.0, 50.0, 0.0)}  # GPS: Baku
    return exif


def upload(admin_client, data, name="photo.jpg", **fields):
    form = {"title": "Market day", "alt": "Stalls of fruit in a market", "caption": "",
            "credit": "", "file": SimpleUploadedFile(name, data)}  # fmt: skip
    form.update(fields)
    return admin_client.post(reverse("admin:blog_image_add"), form)


def test_upload_is_turned_upright_and_stripped_of_metadata(admin_client):
    response = upload(admin_client, picture_bytes(size=(1200, 800), exif=camera_exif()))
    assert response.status_code == 302
    image = Image.objects.get()
    with image.file.open("rb") as handle, PillowImage.open(handle) as stored:
        assert stored.size == (800, 1200)  # upright: portrait
        exif = stored.getexif()
        assert 0x8825 not in exif  # no GPS
        assert 0x010F not in exif
        assert 0x0112 not in exif
    assert (image.width, image.height) == (800, 1200)


def test_renditions_are_made_once_in_webp_with_a_fallback(admin_client):
    upload(admin_client, picture_bytes(size=(2000, 1000)))
    image = Image.objects.get()
    wide = Rendition.objects.filter(image=image, kind="wide")
    assert sorted({r.width for r in wide}) == [480, 800, 1200, 1600]
    assert {r.format for r in wide} == {"webp", "jpeg"}
    square = Rendition.objects.filter(image=image, kind="square")
    assert {(r.width, r.height) for r in square} == {(96, 96), (320, 320)}
    for rendition in Rendition.objects.all():
        with image.file.storage.open(rendition.file) as handle, PillowImage.open(handle) as made:
            assert made.size == (rendition.width, rendition.height)
            assert made.format.lower() == rendition.format


def test_transparent_pictures_fall_back_to_png(admin_client):
    upload(admin_client, picture_bytes("PNG", (600, 400), mode="RGBA", color=(0, 0, 0, 0)),
           name="logo.png")  # fmt: skip
    assert set(Rendition.objects.values_list("format", flat=True)) == {"webp", "png"}


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("vector.jpg", SVG, "not a picture that can be read"),
        ("page.jpg", b"<html><script>alert(1)</script></html>", "not a picture that can be read"),
        ("truncated.jpg", picture_bytes(size=(400, 300))[:600], "or it is damaged"),
        ("picture.bmp", picture_bytes("BMP", (40, 30)), "must be JPEG, PNG, WebP or GIF"),
        ("picture.tiff", picture_bytes("TIFF", (40, 30)), "must be JPEG, PNG, WebP or GIF"),
    ],
)
def test_hostile_or_wrong_uploads_are_refused_with_a_reason(admin_client, name, data, message):
    response = upload(admin_client, data, name=name)
    assert response.status_code == 200  # the form again, not a 500
    assertContains(response, message)
    assert not Image.objects.exists()


def test_files_over_the_size_limit_are_refused(admin_client, settings):
    settings.IMAGE_MAX_UPLOAD_MB = 1
    noisy = PillowImage.effect_noise((1400, 1400), 100).convert("RGB")
    buffer = BytesIO()
    noisy.save(buffer, "PNG")
    response = upload(admin_client, buffer.getvalue(), name="big.png")
    assertContains(response, "pictures can be up to 1 MB")
    assert not Image.objects.exists()


def test_the_numbers_of_a_refusal_are_written_as_the_editors_language_writes_them(settings):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from blog.content.uploads import validate_image_upload

    settings.IMAGE_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.png", b"x" * int(1.3 * 1024 * 1024))
    settings.IMAGE_MAX_PIXELS = 2_500_000
    wide = SimpleUploadedFile("wide.png", picture_bytes("PNG", (2000, 2000), mode="1"))
    said = {}
    for language in ("en", "ru"):
        with translation.override(language):
            for name, upload in {"size": big, "pixels": wide}.items():
                with pytest.raises(ValidationError) as refused:
                    validate_image_upload(upload)
                said[language, name] = refused.value.messages[0]
    assert "This file is 1.3 MB" in said["en", "size"]
    assert "1,3" in said["ru", "size"] and "1.3" not in said["ru", "size"]
    assert "more than the 2.5 megapixels" in said["en", "pixels"]
    assert "2,5" in said["ru", "pixels"] and "2.5" not in said["ru", "pixels"]


def test_decompression_bombs_are_refused_before_decoding(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 10_000_000
    bomb = picture_bytes("PNG", (8000, 8000), mode="1")  # 64 MP of one colour: a few KB
    assert len(bomb) < 100_000
    response = upload(admin_client, bomb, name="bomb.png")
    assertContains(response, "megapixels allowed")
    assert not Image.objects.exists()


def test_alt_text_is_required(admin_client):
    response = upload(admin_client, picture_bytes(size=(100, 100)), alt="")
    assertContains(response, "This field is required")
    assert not Image.objects.exists()


def test_picture_tag_gives_webp_sources_fallback_and_dimensions(admin_client):
    upload(admin_client, picture_bytes(size=(1000, 500)))
    image = Image.objects.prefetch_related("renditions").get()
    html = Template("{% load pictures %}{% picture image sizes='50vw' %}").render(
        Context({"image": image})
    )
    assert html.startswith('<picture><source type="image/webp" srcset="')
    assert "480w" in html and "1000w" in html
    assert 'width="1000" height="500"' in html
    assert 'loading="lazy"' in html
    assert 'alt="Stalls of fruit in a market"' in html


def test_library_lists_thumbnails_and_the_address_to_use(admin_client):
    upload(admin_client, picture_bytes(size=(500, 500)))
    image = Image.objects.get()
    changelist = admin_client.get(reverse("admin:blog_image_changelist")).text
    assert re.search(r"/square-96-[0-9a-f]{12}\.webp", changelist)  # named by content
    assertContains(admin_client.get(reverse("admin:blog_image_change", args=[image.pk])),
                   image.file.url)  # fmt: skip


def test_library_pictures_in_a_post_get_renditions_when_saved():
    image = ImageFactory(file=SimpleUploadedFile("wide.png", picture_bytes("PNG", (1000, 500))))
    post = PostFactory(
        body=f'<figure><img src="{image.file.url}" alt="A river"><figcaption>c</figcaption>'
        '</figure><p><img src="https://elsewhere.example/x.png" alt="x"></p>'
    )
    post.refresh_from_db()
    assert "480w" in post.body and "1000w" in post.body
    assert 'width="1000" height="500"' in post.body
    assert 'loading="lazy"' in post.body
    assert 'alt="A river"' in post.body
    assert '<img src="https://elsewhere.example/x.png" alt="x">' in post.body
    post.save()  # saving again changes nothing
    before = post.body
    post.refresh_from_db()
    assert post.body == before
