"""Pictures an import brings into the library: from a folder (--media DIR) or, when asked,
fetched from public addresses only; a picture that can't be had is listed in the report
and its post still imports."""

import contextlib
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO, StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from PIL import Image as PillowImage

from blog.importers.pictures import Fetcher, PictureSource, PictureUnavailable, is_public_address
from blog.importers.wordpress import WordPressExport
from blog.importers.writer import Importer
from blog.models import Image, Post, Rendition

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "import" / "wordpress"
THEME = FIXTURES / "theme-unit-test-data.xml"
CAPTIONS = FIXTURES / "tryghost-migrate-feature-image-captions.xml"


def picture(size=(64, 48), kind="JPEG") -> bytes:
    buffer = BytesIO()
    PillowImage.new("RGB", size, (200, 120, 40)).save(buffer, kind)
    return buffer.getvalue()


def run(path, *options) -> str:
    out = StringIO()
    call_command("import", "wordpress", str(path), *options, "-v0", stdout=out)
    return out.getvalue()


def line(report: str, kind: str) -> str:
    return report.split(f"{kind}:")[1].split("\n")[0]


def uploads_copy(folder: Path, export: Path) -> list[str]:
    """A copy of the old site's uploads, as a person would download it: every picture
    the export names as an attachment, by its path."""
    urls = re.findall(r"<wp:attachment_url>([^<]+)<", export.read_text())
    for url in urls:
        target = folder / urlsplit(url).path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(picture())
    return urls


def wxr(tmp_path, body: str, *, cover_url: str = "") -> Path:
    attachment = ""
    meta = ""
    if cover_url:
        attachment = f"""<item><title>Harbour at dawn</title><wp:post_id>9</wp:post_id>
          <wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
          <wp:attachment_url>{cover_url}</wp:attachment_url>
          <excerpt:encoded><![CDATA[Boats in the harbour]]></excerpt:encoded>
          <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>
          <wp:meta_value>Fishing boats at the quay</wp:meta_value></wp:postmeta></item>"""
        meta = """<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>
          <wp:meta_value>9</wp:meta_value></wp:postmeta>"""
    path = tmp_path / "export.xml"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><link>https://old.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example.org</wp:base_site_url>
{attachment}
<item><title>Letters from the coast</title><wp:post_id>12</wp:post_id>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_name>letters</wp:post_name>
<wp:post_date_gmt>2024-03-01 09:00:00</wp:post_date_gmt><dc:creator>ana</dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded>{meta}</item>
</channel></rss>""")
    return path


def test_a_media_folder_brings_covers_and_body_pictures_into_the_library(tmp_path, media_root):
    folder = tmp_path / "uploads"
    uploads_copy(folder, THEME)
    report = run(THEME, "--media", str(folder))
    made = Image.objects.count()
    assert made > 10 and f"pictures: {made} created" in report
    assert Rendition.objects.filter(image__in=Image.objects.all()).count() >= 2 * made
    bodies = "".join(Post.objects.values_list("body", flat=True))
    # The library's addresses and renditions replace the old site's, at any size it served.
    assert "/media/library/" in bodies and "srcset=" in bodies
    assert 'src="https://wpthemetestdata.files.wordpress.com/2008/06/canola2.jpg' not in bodies
    covered = Post.objects.exclude(cover=None)
    assert covered.exists() and all(post.cover.alt for post in covered)

    again = run(THEME, "--media", str(folder))
    assert Image.objects.count() == made
    assert line(again, "pictures").startswith(" 0 created") and f"{made} unchanged" in again


def test_a_cover_keeps_its_alt_text_title_and_caption(tmp_path, media_root):
    uploads_copy(tmp_path / "uploads", CAPTIONS)
    run(CAPTIONS, "--media", str(tmp_path / "uploads"))
    cover = Post.objects.get(title="Post with Described Image").cover
    assert cover.title == "Described Image Title"
    assert cover.caption == "The caption from the attachment description."
    assert cover.file.name.startswith("library/") and cover.renditions.exists()
    assert Post.objects.get(title="Post without Featured Image").cover is None


def test_a_scaled_copy_and_its_link_point_at_one_library_picture(tmp_path, media_root):
    folder = tmp_path / "media"
    (folder / "2024/03").mkdir(parents=True)
    (folder / "2024/03/harbour.jpg").write_bytes(picture((320, 200)))
    base = "https://old.example.org/wp-content/uploads/2024/03/harbour"
    body = f'<a href="{base}.jpg"><img src="{base}-300x200.jpg" alt="Harbour"></a>'
    run(wxr(tmp_path, body, cover_url=f"{base}.jpg"), "--media", str(folder))
    post = Post.objects.get()
    image = Image.objects.get()
    assert post.cover == image and image.alt == "Fishing boats at the quay"
    assert image.caption == "Boats in the harbour"
    assert f'href="{image.file.url}"' in post.body and "old.example.org" not in post.body


def test_a_picture_that_cannot_be_had_is_listed_and_its_post_still_imports(tmp_path, media_root):
    folder = tmp_path / "media"
    folder.mkdir()
    (folder / "fake.jpg").write_text("<html><script>alert(1)</script></html>")
    body = (
        '<p>Two pictures.</p><img src="https://old.example.org/fake.jpg" alt="x">'
        '<img src="https://old.example.org/gone.jpg" alt="y">'
    )
    report = run(wxr(tmp_path, body), "--media", str(folder))
    assert "pictures: 0 created, 0 updated, 0 unchanged, 0 skipped, 2 failed" in report
    assert "picture https://old.example.org/gone.jpg: it is not in the media folder" in report
    assert "fake.jpg: This file is not a picture that can be read" in report
    post = Post.objects.get()
    assert 'src="https://old.example.org/gone.jpg"' in post.body and Image.objects.count() == 0


def test_without_a_folder_pictures_stay_where_they_were_and_the_report_says_how(
    tmp_path, media_root
):
    report = run(wxr(tmp_path, '<img src="https://old.example.org/a.jpg" alt="a">'))
    assert "1 skipped" in line(report, "pictures") and "--media DIR" in report
    assert 'src="https://old.example.org/a.jpg"' in Post.objects.get().body


def test_a_dry_run_stores_no_picture(tmp_path, media_root):
    folder = tmp_path / "uploads"
    uploads_copy(folder, CAPTIONS)
    report = run(CAPTIONS, "--media", str(folder), "--dry-run")
    assert line(report, "pictures").startswith(" 2 created")
    assert Image.objects.count() == 0 and Post.objects.count() == 0
    assert not (media_root / "library").exists()


def test_a_media_folder_is_never_left(tmp_path, media_root):
    (tmp_path / "secret.jpg").write_bytes(picture())
    folder = tmp_path / "media"
    folder.mkdir()
    report = run(wxr(tmp_path, '<img src="https://old.example.org/../../secret.jpg" alt="">'),
                 "--media", str(folder))  # fmt: skip
    assert "1 failed" in line(report, "pictures") and Image.objects.count() == 0


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",  # noqa: S104
     "100.64.0.1", "224.0.0.1", "::1", "::ffff:127.0.0.1", "fc00::1", "fe80::1"],
)  # fmt: skip
def test_private_and_local_addresses_are_never_fetched(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_may_be_fetched(address):
    assert is_public_address(address)


class OldSite(BaseHTTPRequestHandler):
    """An old site on loopback: a picture, a redirect to it, a slow one, a huge one."""

    def do_GET(self):
        if self.path == "/moved.jpg":
            self.send_response(302)
            self.send_header("Location", "/boat.jpg")
            self.end_headers()
        elif self.path == "/boat.jpg":
            self._send(picture())
        elif self.path == "/huge.jpg":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the limit must hold while reading
            for _ in range(40):
                self.wfile.write(b"\0" * 65536)
        elif self.path == "/slow.jpg":
            time.sleep(2)
            self._send(picture())
        elif self.path == "/elsewhere.jpg":
            self.send_response(301)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        else:
            self.send_error(404)

    def handle(self):
        # The importer hangs up on purpose (too slow, too big): that is the test.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def _send(self, data: bytes):
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def old_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), OldSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def loopback_only(ip: str) -> bool:
    return ip == "127.0.0.1"  # this test's own old site, and nothing else


def test_fetching_follows_redirects_within_the_limits(old_site, settings):
    fetcher = Fetcher(allow=loopback_only, timeout=5)
    assert fetcher.fetch(f"{old_site}/moved.jpg") == picture()
    with pytest.raises(PictureUnavailable, match="answered 404"):
        fetcher.fetch(f"{old_site}/missing.jpg")
    with pytest.raises(PictureUnavailable, match="only http and https"):
        fetcher.fetch(f"{old_site}/elsewhere.jpg")
    settings.IMAGE_MAX_UPLOAD_MB = 1
    with pytest.raises(PictureUnavailable, match="larger than the 1 MB"):
        Fetcher(allow=loopback_only).fetch(f"{old_site}/huge.jpg")
    with pytest.raises(PictureUnavailable, match="could not be fetched|longer than"):
        Fetcher(allow=loopback_only, timeout=0.5).fetch(f"{old_site}/slow.jpg")


def test_the_command_never_fetches_from_this_machine(old_site, tmp_path, media_root):
    report = run(wxr(tmp_path, f'<img src="{old_site}/boat.jpg" alt="A boat">'), "--fetch-pictures")
    assert "127.0.0.1 is a private or local address, which is never fetched" in report
    assert Image.objects.count() == 0 and Post.objects.count() == 1


def test_a_fetched_picture_goes_into_the_library_like_an_upload(old_site, tmp_path, media_root):
    export = WordPressExport([wxr(tmp_path, f'<img src="{old_site}/moved.jpg" alt="A boat">')])
    source = PictureSource(None, Fetcher(allow=loopback_only, timeout=5))
    report = Importer(export.source, pictures=source).run(export.records())
    assert report.tallies["pictures"].created == 1
    image = Image.objects.get()
    assert image.alt == "A boat" and image.renditions.filter(format="webp").exists()
    body = Post.objects.get().body  # the library's renditions, not the old address
    assert f"/media/renditions/{image.pk}/" in body and old_site not in body
