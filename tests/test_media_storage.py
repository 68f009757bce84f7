"""Pictures on S3-compatible object storage (S3_BUCKET, docs/deploy.md), tested against
moto's in-process S3; and the far-future caching of pictures on either storage."""

import hashlib

import boto3
import pytest
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws

from tests.factories import AuthorFactory, ImageFactory, PostFactory
from tests.test_images import picture_bytes
from tests.test_settings import setting

pytestmark = pytest.mark.django_db

BUCKET = "foundation-media"


@pytest.fixture
def s3(settings):
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                # What settings.py builds from S3_BUCKET and S3_CUSTOM_DOMAIN.
                "OPTIONS": {
                    "bucket_name": BUCKET, "region_name": "us-east-1",
                    "access_key": "test", "secret_key": "test",
                    "custom_domain": "media.example.org", "querystring_auth": False,
                    "default_acl": None, "file_overwrite": False,
                    "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
                },
            },
        }  # fmt: skip
        yield client
    storages._storages = {}  # forget the S3 storage made under the override


def test_every_s3_setting_reaches_the_storage():
    env = {"S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": "https://minio.example.org:9000",
           "S3_REGION": "eu-central-1", "S3_ACCESS_KEY_ID": "key-id",
           "S3_SECRET_ACCESS_KEY": "secret", "S3_CUSTOM_DOMAIN": "media.example.org"}  # fmt: skip
    options = "STORAGES['default']['OPTIONS']"
    for name, option in [("S3_BUCKET", "bucket_name"), ("S3_ENDPOINT_URL", "endpoint_url"),
                         ("S3_REGION", "region_name"), ("S3_ACCESS_KEY_ID", "access_key"),
                         ("S3_SECRET_ACCESS_KEY", "secret_key"),
                         ("S3_CUSTOM_DOMAIN", "custom_domain")]:  # fmt: skip
        assert setting(f"{options}['{option}']", **env) == env[name]


def test_s3_bucket_setting_turns_on_object_storage():
    assert setting("STORAGES['default']['BACKEND']", S3_BUCKET=BUCKET) == (
        "storages.backends.s3.S3Storage"
    )
    assert setting("STORAGES['default']['OPTIONS']['custom_domain']", S3_BUCKET=BUCKET,
                   S3_CUSTOM_DOMAIN="media.example.org") == "media.example.org"  # fmt: skip
    assert setting("STORAGES['default']['BACKEND']") == (
        "django.core.files.storage.FileSystemStorage"
    )


def test_an_uploaded_picture_and_its_renditions_go_to_the_bucket(s3, client):
    picture = ImageFactory()
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert picture.file.name in keys
    renditions = list(picture.renditions.all())
    assert renditions and {r.file for r in renditions} <= keys
    head = s3.head_object(Bucket=BUCKET, Key=renditions[0].file)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    # Readers get the pictures from the bucket's (CDN) address, in plain URLs.
    writer = AuthorFactory(picture=picture)
    post = PostFactory(published=True, authors=[writer], cover=picture)
    page = client.get(post.get_absolute_url()).text
    assert f"https://media.example.org/{renditions[0].file}" in page
    assert "X-Amz-Signature" not in page


def test_pictures_in_a_post_body_get_renditions_from_the_bucket(s3):
    """An editor pastes the address the admin gives (the bucket's, not MEDIA_URL):
    the picture still gets its renditions' srcset, width and height on save."""
    image = ImageFactory(file=SimpleUploadedFile("wide.png", picture_bytes("PNG", (1000, 500))))
    assert image.file.url.startswith("https://media.example.org/")
    post = PostFactory(body=f'<p><img src="{image.file.url}" alt="A river"></p>')
    # Written before the move to S3: the disk's address, which saving again replaces.
    older = PostFactory(body=f'<p><img src="/media/{image.file.name}" alt="A river"></p>')
    webp = [r for r in image.renditions.all() if r.kind == "wide" and r.format == "webp"]
    for saved in (post, older):
        saved.refresh_from_db()
        assert f"https://media.example.org/{webp[0].file} {webp[0].width}w" in saved.body
        assert 'width="1000" height="500"' in saved.body


def test_renditions_are_named_by_their_content(media_root):
    # So a far-future cache never serves an old picture under a new one's address.
    for rendition in ImageFactory().renditions.all():
        with default_storage.open(rendition.file) as stored:
            digest = hashlib.sha256(stored.read()).hexdigest()[:12]
        assert rendition.file.endswith(f"-{digest}.{rendition.format}")


def test_locally_served_renditions_are_kept_a_year(client, media_root):
    rendition = ImageFactory().renditions.first()
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
