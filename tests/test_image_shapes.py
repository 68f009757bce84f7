"""Pictures of every shape and kind Pillow opens: each gets renditions a browser can show
(at least a pixel on each side, in sRGB, 8 bits), or is refused with a reason, through
every way a picture reaches the library: the library's own form, the "add another"
window of a post's cover or a writer's picture, replacing the file of a saved picture,
and code that makes renditions directly (demo content, factories)."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from PIL import ImageCms
from pytest_django.asserts import assertContains

from blog.models import Image, Rendition
from blog.publishing.renditions import make_renditions
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

FORM = {"title": "Odd picture", "alt": "A picture of an odd shape", "caption": "", "credit": ""}


def encoded(picture, kind, **options) -> bytes:
    buffer = BytesIO()
    picture.save(buffer, kind, **options)
    return buffer.getvalue()


def plain(size, kind="PNG", mode="RGB", color="teal") -> bytes:
    return encoded(PillowImage.new(mode, size, color), kind)


def polyglot_gif() -> bytes:
    """A GIF 10,799 pixels wide and 1 high: its header reads `GIF89a/*`, so with the
    comment closed after the picture the same file runs as JavaScript."""
    data = plain((10_799, 1), "GIF")
    assert data[6:8] == b"/*"  # the width, 10,799, in two bytes
    return data + b"*/=1;alert(document.domain);"


def animated(kind) -> bytes:
    frames = [PillowImage.new("RGB", (64, 48), color) for color in ("red", "lime", "blue")]
    return encoded(frames[0], kind, save_all=True, append_images=frames[1:], duration=100,
                   loop=0)  # fmt: skip


def cmyk_jpeg() -> bytes:
    return plain((300, 200), "JPEG", mode="CMYK", color=(0, 255, 255, 0))  # pure red in ink


def sixteen_bit_png() -> bytes:
    picture = PillowImage.new("I;16", (200, 100), 40_000)  # a mid grey, in 16 bits
    data = encoded(picture, "PNG")
    assert PillowImage.open(BytesIO(data)).mode == "I;16"
    return data


def broken_orientation_jpeg() -> bytes:
    """EXIF that says orientation 9 (there are eight), with its directory cut short."""
    exif = PillowImage.Exif()
    exif[0x0112] = 9
    exif[0x010F] = "PhoneMaker"
    data = encoded(PillowImage.new("RGB", (300, 200), "teal"), "JPEG", exif=exif)
    start = data.index(b"Exif\x00\x00")
    return data[: start + 20] + b"\x00" * 12 + data[start + 32 :]


REFUSED = [
    pytest.param(polyglot_gif(), "picture.gif", "10,799 × 1 pixels", id="gif-10799x1"),
    pytest.param(plain((10_000, 1)), "line.png", "10,000 × 1 pixels", id="10000x1"),
    pytest.param(plain((1, 10_000)), "line.png", "1 × 10,000 pixels", id="1x10000"),
    pytest.param(plain((1, 1), "GIF"), "dot.gif", "1 × 1 pixels", id="1x1"),
    pytest.param(plain((400, 300), "JPEG")[:600], "cut.jpg", "damaged", id="truncated"),
]


def add_picture(client, data, name):
    form = dict(FORM, file=SimpleUploadedFile(name, data))
    return client.post(reverse("admin:blog_image_add"), form)


def add_picture_from_a_post(client, data, name):
    """The "+" beside a post's cover (or a writer's picture) opens the library's form in
    a window of its own, which answers with a script that picks the new picture."""
    form = dict(FORM, file=SimpleUploadedFile(name, data), _popup="1")
    return client.post(reverse("admin:blog_image_add") + "?_to_field=id&_popup=1", form)


def replace_the_file(client, data, name):
    image = ImageFactory(title="Odd picture")
    form = dict(FORM, file=SimpleUploadedFile(name, data))
    return client.post(reverse("admin:blog_image_change", args=[image.pk]), form)


PATHS = [add_picture, add_picture_from_a_post, replace_the_file]


def succeeded(response) -> bool:
    # The "add another" window answers 200 with the new picture's id for its opener.
    return response.status_code == 302 or b"data-popup-response" in response.content


def assert_renditions_are_readable(image):
    renditions = list(image.renditions.all())
    assert {r.kind for r in renditions} == {"wide", "square", "share"}
    for rendition in renditions:
        assert rendition.width >= 1 and rendition.height >= 1
        with image.file.storage.open(rendition.file) as handle, PillowImage.open(handle) as made:
            made.load()
            assert made.size == (rendition.width, rendition.height)
            assert made.mode in {"RGB", "RGBA"}


@pytest.mark.parametrize("send", PATHS)
@pytest.mark.parametrize(("data", "name", "reason"), REFUSED)
def test_pictures_without_a_visible_shape_are_refused_with_a_reason(
    admin_client, send, data, name, reason
):
    response = send(admin_client, data, name)
    assert response.status_code == 200 and not succeeded(response)  # the form again, no 500
    assertContains(response, reason)
    if "pixels" in reason:
        assertContains(response, "it needs at least 16 pixels on each side")
    # Nothing stored: only the picture that was there before (the factory's PNG) is left.
    assert [f.rsplit("/", 1)[1] for f in Image.objects.values_list("file", flat=True)] in (
        [],
        ["picture.png"],
    )


ACCEPTED = [
    pytest.param(plain((10_000, 16)), "banner.png", id="10000x16"),
    pytest.param(plain((16, 10_000)), "ribbon.png", id="16x10000"),
    pytest.param(plain((16, 16), "GIF"), "icon.gif", id="16x16"),
    pytest.param(animated("GIF"), "moving.gif", id="animated-gif"),
    pytest.param(animated("WEBP"), "moving.webp", id="animated-webp"),
    pytest.param(cmyk_jpeg(), "print.jpg", id="cmyk-jpeg"),
    pytest.param(sixteen_bit_png(), "scan.png", id="16-bit-png"),
    pytest.param(broken_orientation_jpeg(), "phone.jpg", id="broken-exif-orientation"),
]


@pytest.mark.parametrize("send", PATHS)
@pytest.mark.parametrize(("data", "name"), ACCEPTED)
def test_pictures_of_any_shape_or_kind_get_renditions(admin_client, send, data, name):
    response = send(admin_client, data, name)
    assert succeeded(response), response.content.decode()[:2000]
    image = Image.objects.get(title="Odd picture")
    assert_renditions_are_readable(image)


def test_the_thinnest_picture_is_scaled_to_a_pixel_not_to_nothing():
    picture = PillowImage.new("RGB", (10_000, 16), "teal")
    image = ImageFactory(file=SimpleUploadedFile("banner.png", encoded(picture, "PNG")))
    widths = {(r.width, r.height) for r in image.renditions.filter(kind="wide", format="webp")}
    assert widths == {(480, 1), (800, 1), (1200, 2), (1600, 3)}


def test_renditions_made_outside_the_admin_survive_a_line_of_one_pixel():
    """Demo content and factories make renditions without the upload form's checks."""
    image = ImageFactory(file=SimpleUploadedFile("line.gif", polyglot_gif()), renditions=False)
    made = make_renditions(image)
    assert made and all(r.width >= 1 and r.height >= 1 for r in made)
    assert_renditions_are_readable(image)


def stored_frames(image) -> int:
    with image.file.open("rb") as handle, PillowImage.open(handle) as stored:
        return getattr(stored, "n_frames", 1)


@pytest.mark.parametrize("kind", ["GIF", "WEBP"])
def test_animated_pictures_keep_their_frames(admin_client, kind):
    add_picture(admin_client, animated(kind), f"moving.{kind.lower()}")
    assert stored_frames(Image.objects.get()) == 3


def first_pixel(image, fmt="jpeg"):
    rendition = Rendition.objects.filter(image=image, kind="wide", format=fmt).first()
    with image.file.storage.open(rendition.file) as handle, PillowImage.open(handle) as made:
        return made.convert("RGB").getpixel((0, 0))


def test_a_cmyk_jpeg_keeps_its_colours(admin_client):
    add_picture(admin_client, cmyk_jpeg(), "print.jpg")
    red, green, blue = first_pixel(Image.objects.get())
    assert red > 200 and green < 60 and blue < 60


def test_a_16_bit_png_is_not_washed_out_to_white(admin_client):
    add_picture(admin_client, sixteen_bit_png(), "scan.png")
    red, green, blue = first_pixel(Image.objects.get())
    assert 140 <= red <= 170 and red == green == blue  # 40,000 of 65,535 is 156 of 255


def test_a_picture_with_an_unreadable_colour_profile_still_gets_renditions(admin_client):
    picture = PillowImage.new("RGB", (300, 200), "teal")
    add_picture(admin_client, encoded(picture, "JPEG", icc_profile=b"not a profile"), "p.jpg")
    assert first_pixel(Image.objects.get())[1] > 100  # teal: (0, 128, 128)


def test_a_picture_with_a_colour_profile_is_converted_by_it(admin_client):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    picture = PillowImage.new("RGB", (300, 200), (200, 40, 40))
    add_picture(admin_client, encoded(picture, "JPEG", icc_profile=srgb), "p.jpg")
    red, green, blue = first_pixel(Image.objects.get())
    assert abs(red - 200) < 12 and abs(green - 40) < 12 and abs(blue - 40) < 12
