"""Pictures from inside the post screen: the library's chooser, its upload endpoint, the
description asked after an upload, the cover's widget, and bodies that keep each
picture's library id (data-file) and so get its renditions."""

import json
import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PillowImage
from pytest_django.asserts import assertContains, assertNotContains

from blog.content.uploads import UNREADABLE
from blog.importers.site_data import Originals
from blog.importers.writer import _in_library
from blog.models import Image, Post
from blog.models.images import responsive_body
from tests.factories import AuthorFactory, ImageFactory, PostFactory
from tests.test_query_budgets import ARTICLE_BUDGET
from tests.test_roles import post_form

pytestmark = pytest.mark.django_db

CHOOSE = reverse("admin:blog_image_choose")
UPLOAD = reverse("admin:blog_image_upload")


def picture_bytes(kind="JPEG", size=(1200, 800), exif=None) -> bytes:
    buffer = BytesIO()
    picture = PillowImage.new("RGB", size, "teal")
    picture.save(buffer, kind, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def camera_exif():
    """A phone's EXIF: turned (orientation 6), with a GPS position."""
    exif = PillowImage.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (40.0, 22.0, 0.0), 3: "E", 4: (49.0, 50.0, 0.0)}
    return exif


def member(group: str, username: str) -> Client:
    user = get_user_model().objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def upload(client, data, name="market-day_2.jpg", **fields):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **fields})


def chosen(response) -> list[dict]:
    """The pictures the chooser offers, as its buttons hand them to the opener."""
    found = re.findall(r'data-picture="([^"]+)"', response.content.decode())
    return [json.loads(value.replace("&quot;", '"').replace("&amp;", "&")) for value in found]


# The chooser


def test_the_chooser_offers_each_picture_with_its_square_thumbnail(admin_client):
    river = ImageFactory(title="River", alt="A wide river", caption="Spring")
    ImageFactory(title="Field", alt="A green field")
    response = admin_client.get(CHOOSE, {"CKEditorFuncNum": "-1"})
    assertContains(response, "2 pictures in the library")
    offered = {picture["title"]: picture for picture in chosen(response)}
    assert set(offered) == {"River", "Field"}
    assert offered["River"]["id"] == river.pk
    assert (offered["River"]["alt"], offered["River"]["caption"]) == ("A wide river", "Spring")
    assert offered["River"]["url"] == river.file.url
    square = river.renditions.filter(kind="square", format="webp").order_by("width").last()
    assert offered["River"]["thumbnail"] == square.url
    assertContains(response, square.url)  # the grid shows the library's square renditions
    assertContains(response, 'role="search"')
    assertContains(response, '<label for="picture-search">')
    assertContains(response, '<label for="picture-upload-file"')


@pytest.mark.parametrize(
    ("field", "word"),
    [("title", "Harbour"), ("alt", "fishermen"), ("caption", "dawn"), ("credit", "Aylin")],
)
def test_the_chooser_searches_title_description_caption_and_credit(admin_client, field, word):
    ImageFactory(renditions=False, **{"title": "Plain", field: f"Ships {word} here"})
    ImageFactory(renditions=False, title="Unrelated", alt="A cat", caption="", credit="")
    response = admin_client.get(CHOOSE, {"CKEditorFuncNum": "-3", "q": word})
    found = chosen(response)
    assert len(found) == 1 and word in found[0][field if field != "credit" else "title"] + (
        Image.objects.get(pk=found[0]["id"]).credit
    )
    assertContains(response, f"One picture matches “{word}”")
    # The search keeps the opener's callback, so a picture found is still sent back.
    assertContains(response, 'name="CKEditorFuncNum" value="-3"')


def test_the_chooser_pages_through_a_large_library(admin_client):
    ImageFactory.create_batch(30, renditions=False)
    first = admin_client.get(CHOOSE, {"CKEditorFuncNum": "-1"})
    assert len(chosen(first)) == 24
    assertContains(first, "Page 1 of 2")
    assertContains(first, 'href="?CKEditorFuncNum=-1&amp;page=2" rel="next"')
    second = admin_client.get(CHOOSE, {"CKEditorFuncNum": "-1", "page": "2"})
    assert len(chosen(second)) == 6
    assert not {p["id"] for p in chosen(first)} & {p["id"] for p in chosen(second)}


def test_the_chooser_opened_on_its_own_links_to_the_library_instead(admin_client):
    river = ImageFactory(title="River")
    response = admin_client.get(CHOOSE)
    assert chosen(response) == []
    assertContains(response, reverse("admin:blog_image_change", args=[river.pk]))


def test_a_writer_may_choose_and_upload_but_a_moderator_may_not(client):
    ImageFactory(title="River")
    writer = member("Writer", "wanda")
    assertContains(writer.get(CHOOSE, {"CKEditorFuncNum": "-1"}), "River")
    moderator = member("Moderator", "mo")
    assert moderator.get(CHOOSE).status_code == 403
    refused = upload(moderator, picture_bytes())
    assert refused.status_code == 403
    assert refused.json()["error"] == "You may not add pictures to the library."
    assert Image.objects.count() == 1


def test_the_chooser_and_the_upload_need_a_staff_login(client):
    for response in (client.get(CHOOSE), upload(client, picture_bytes())):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert not Image.objects.exists()


# The upload endpoint


def test_an_upload_answers_with_the_picture_and_its_renditions(admin_client):
    response = upload(admin_client, picture_bytes(exif=camera_exif()), alt="Stalls of fruit")
    assert response.status_code == 201
    answer = response.json()
    image = Image.objects.get()
    assert answer["id"] == image.pk
    assert answer["url"] == image.file.url
    assert answer["title"] == "market day 2"  # from the file's name
    assert (answer["alt"], answer["caption"]) == ("Stalls of fruit", "")
    assert {(r["kind"], r["format"]) for r in answer["renditions"]} >= {
        ("wide", "webp"), ("wide", "jpeg"), ("square", "webp"), ("share", "jpeg"),
    }  # fmt: skip
    wide = sorted(r["width"] for r in answer["renditions"] if r["kind"] == "wide")
    assert wide[-1] == 800  # turned upright: 800 wide, and never scaled up
    assert all(r["url"] in {x.url for x in image.renditions.all()} for r in answer["renditions"])
    # Cleaned as the library form cleans: upright, without the GPS position.
    with image.file.open("rb") as handle, PillowImage.open(handle) as stored:
        assert stored.size == (800, 1200)
        assert 0x8825 not in stored.getexif()
    assert image.uploaded_by.username == "admin"


def test_an_upload_keeps_a_title_it_is_given(admin_client):
    response = upload(admin_client, picture_bytes(), title="Market in Şəki")
    assert response.json()["title"] == "Market in Şəki"


def refused_pictures(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    return [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.jpg", UNREADABLE),
        (picture_bytes(size=(1200, 900)), "big.jpg", "more than the 1 megapixels allowed"),
        (picture_bytes("GIF", size=(1, 1)), "dot.gif", "it needs at least 16 pixels on each side"),
    ]


@pytest.mark.parametrize("case", range(3))
def test_a_refused_upload_says_why_in_plain_words_and_stores_nothing(admin_client, settings, case):
    data, name, reason = refused_pictures(settings)[case]
    response = upload(admin_client, data, name=name)
    assert response.status_code == 400
    answer = response.json()
    assert reason in answer["error"]
    assert reason in answer["errors"]["file"][0]["message"]
    assert not Image.objects.exists()


def test_a_file_larger_than_allowed_is_refused_with_its_size(admin_client, settings):
    settings.IMAGE_MAX_UPLOAD_MB = 0
    response = upload(admin_client, picture_bytes())
    assert response.status_code == 400
    assert "pictures can be up to 0 MB" in response.json()["error"]


def test_an_upload_without_a_file_asks_for_one(admin_client):
    response = admin_client.post(UPLOAD, {"alt": "Nothing"})
    assert response.status_code == 400
    assert response.json()["error"] == "Choose a picture to upload."


def test_the_upload_takes_only_post(admin_client):
    assert admin_client.get(UPLOAD).status_code == 405


def test_an_upload_without_the_csrf_token_is_refused(admin_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    assert upload(browser, picture_bytes()).status_code == 403
    assert not Image.objects.exists()
    token = browser.get(CHOOSE).cookies["csrftoken"].value
    accepted = browser.post(UPLOAD, {"file": SimpleUploadedFile("a.jpg", picture_bytes())},
                            headers={"X-CSRFToken": token})  # fmt: skip
    assert accepted.status_code == 201


# The description asked after an upload


def test_the_description_is_saved_in_the_library(admin_client):
    image = ImageFactory(alt="", caption="")
    url = reverse("admin:blog_image_describe", args=[image.pk])
    response = admin_client.post(url, {"alt": "Boats at dawn", "caption": "Bakı, 2024"})
    assert response.status_code == 200
    assert (response.json()["alt"], response.json()["caption"]) == ("Boats at dawn", "Bakı, 2024")
    image.refresh_from_db()
    assert (image.alt, image.caption) == ("Boats at dawn", "Bakı, 2024")


def test_an_empty_description_is_refused_with_a_reason(admin_client):
    image = ImageFactory(alt="Boats", caption="Kept")
    response = admin_client.post(reverse("admin:blog_image_describe", args=[image.pk]), {"alt": ""})
    assert response.status_code == 400
    assert "Write what the picture shows" in response.json()["error"]
    image.refresh_from_db()
    assert (image.alt, image.caption) == ("Boats", "Kept")


def test_a_moderator_may_not_describe_pictures():
    image = ImageFactory(alt="Boats")
    moderator = member("Moderator", "mo")
    url = reverse("admin:blog_image_describe", args=[image.pk])
    assert moderator.post(url, {"alt": "Changed"}).status_code == 403
    image.refresh_from_db()
    assert image.alt == "Boats"


# Bodies keep the library id


def figure(image, src=None, caption="") -> str:
    picture = f'<img src="{src or image.file.url}" alt="Boats" data-file="{image.pk}">'
    return f"<figure>{picture}{caption}</figure>"


def test_a_stored_body_keeps_the_library_id_and_gets_the_renditions():
    image = ImageFactory()
    post = PostFactory(body=figure(image))
    post.refresh_from_db()
    webp = [r.url for r in image.renditions.filter(kind="wide", format="webp")]
    fallback = image.renditions.filter(kind="wide").exclude(format="webp").last()
    assert f'data-file="{image.pk}"' in post.body
    assert f'src="{fallback.url}"' in post.body
    assert all(f"{url} " in post.body for url in webp)
    assert 'loading="lazy"' in post.body


def test_a_picture_is_found_by_its_id_whatever_its_address():
    """The id wins: a picture renamed, moved to another storage or shown by a rendition's
    address (as the editor gets it back) still gets the library's renditions."""
    image = ImageFactory()
    post = PostFactory(body=figure(image, src="https://old.example.org/gone.jpg"))
    fallback = image.renditions.filter(kind="wide").exclude(format="webp").last()
    assert f'src="{fallback.url}"' in post.body and "srcset=" in post.body
    # Edited again: the editor sends the picture back without its srcset.
    post.body = re.sub(r'\s(srcset|sizes|width|height|loading)="[^"]*"', "", post.body)
    post.save()
    assert "srcset=" in post.body and f'data-file="{image.pk}"' in post.body


def test_a_picture_gone_from_the_library_falls_back_to_its_address():
    kept = ImageFactory()
    gone_id = ImageFactory().pk
    Image.objects.filter(pk=gone_id).delete()
    body = f'<figure><img src="{kept.file.url}" alt="x" data-file="{gone_id}"></figure>'
    assert "srcset=" in PostFactory(body=body).body


@pytest.mark.parametrize("value", ["12abc", "javascript:alert(1)", "0", "-4", "１２"])
def test_only_a_library_id_is_kept_as_data_file(value):
    post = PostFactory(body=f'<p><img src="/media/x.png" alt="x" data-file="{value}"></p>')
    assert "data-file" not in post.body


def test_an_empty_caption_is_no_caption():
    image = ImageFactory()
    post = PostFactory(body=figure(image, caption="<figcaption> </figcaption>"))
    assert "figcaption" not in post.body


def test_finding_pictures_by_id_costs_two_queries_whatever_their_number(
    django_assert_num_queries,
):
    images = ImageFactory.create_batch(6)
    for count in (1, 6):
        body = "".join(figure(image, src=f"/elsewhere/{n}.jpg") for n, image in
                       enumerate(images[:count]))  # fmt: skip
        with django_assert_num_queries(2):  # the pictures, then their renditions
            upgraded = responsive_body(body)
        assert upgraded.count("srcset=") == count


def test_an_article_with_library_pictures_keeps_its_query_budget(client, django_assert_num_queries):
    images = ImageFactory.create_batch(4)
    post = PostFactory(published=True, body="".join(figure(image) for image in images),
                       cover=ImageFactory(renditions=False), tags=["peace"])  # fmt: skip
    PostFactory(published=True, tags=["peace"])  # a related article, as in the budget
    with django_assert_num_queries(ARTICLE_BUDGET):
        response = client.get(post.get_absolute_url())
    shown = re.findall(r"<img\b[^>]*\bdata-file=[^>]*>", response.content.decode())
    assert len(shown) == 4 and all("srcset=" in tag for tag in shown)


def test_an_export_leaves_out_this_sites_library_ids():
    image = ImageFactory()
    post = PostFactory(body=figure(image))
    assert "data-file" not in Originals().body(post.body)


def test_an_import_drops_another_sites_library_ids():
    """Picture 3 of the old site is not picture 3 here: its address finds it instead."""
    body = '<figure><img src="https://old.example.org/a.jpg" data-file="3" alt="A"></figure>'
    assert "data-file" not in _in_library(body, {})


# The post screen


def test_the_post_screen_opens_the_chooser_and_uploads_dropped_pictures(admin_client):
    response = admin_client.get(reverse("admin:blog_post_add"))
    page = response.content.decode()
    config = json.loads(
        re.search(r'data-django-prose-editor-configurable="([^"]+)"', page)
        .group(1).replace("&quot;", '"').replace("&amp;", "&")
    )  # fmt: skip
    assert config["extensions"]["Figure"] == {"pickerUrl": CHOOSE, "uploadUrl": UPLOAD}
    assertContains(response, "js/admin/picture-drop.")  # with its hash, from the manifest
    assertContains(response, "Choose from the library")
    assertContains(response, "Upload a picture")
    assertContains(response, "No cover picture")
    assertNotContains(response, "upload them under Images")


def test_the_cover_widget_shows_the_picture_its_description_and_caption(admin_client):
    cover = ImageFactory(title="Harbour", alt="Boats in the harbour", caption="Bakı at dawn")
    post = PostFactory(cover=cover)
    response = admin_client.get(reverse("admin:blog_post_change", args=[post.pk]))
    assertContains(response, f'name="cover" id="id_cover" value="{cover.pk}"')
    assertContains(response, "Boats in the harbour")
    assertContains(response, "Bakı at dawn")
    preview = cover.renditions.filter(kind="wide", format="webp").first()
    assertContains(response, f'src="{preview.url}"')
    # The library's list with "+" beside it is gone: the widget's own buttons choose.
    assertNotContains(response, 'id="add_id_cover"')


def test_a_cover_chosen_in_the_widget_is_saved_with_the_post(admin_client):
    cover = ImageFactory()
    author = AuthorFactory()
    response = admin_client.post(reverse("admin:blog_post_add"), post_form(author, cover=cover.pk))
    assert response.status_code == 302
    assert Post.objects.get().cover == cover


def test_the_library_no_longer_shows_an_address_to_paste(admin_client):
    image = ImageFactory()
    response = admin_client.get(reverse("admin:blog_image_change", args=[image.pk]))
    assertNotContains(response, "address to use in a post")
