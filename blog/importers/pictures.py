"""Where an import's pictures come from: a folder the person gives (`--media DIR`: a copy
of wp-content/uploads, Ghost's content/images, downloaded Wix media) and, only when they
ask for it, the pictures' old addresses on the web.

Fetching is for public pictures only, through blog.operations.fetching (public addresses,
pinned connections, checked redirects, a time limit), within the library's size limit.
What arrives is checked as an editor's upload is (blog.content.uploads)."""

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings

from blog.operations import fetching
from blog.operations.fetching import FetchRefused, is_public_address

# WordPress serves scaled copies as name-300x200.jpg beside the original: the library
# makes its own sizes, so the original is the one to bring.
WORDPRESS_SIZE = re.compile(r"-\d+x\d+(?=\.\w+$)")
WIX_MEDIA = re.compile(r"^/media/([^/]+)")


class PictureUnavailable(FetchRefused):
    """Why a picture could not be had, in plain words for the report."""


@dataclass(frozen=True)
class Address:
    """A picture's address, reduced to what names the picture: the same picture in two
    posts (or at two sizes, on WordPress) is one library picture."""

    url: str  # where to fetch it
    key: str  # what it is remembered by

    @classmethod
    def of(cls, url: str) -> "Address":
        url = url.strip()
        if url.startswith("wix:image://"):
            # wix:image://v1/<media id>/<file name>#originWidth=…: Wix's CSV cover
            media_id = url.removeprefix("wix:image://").split("/")[1:2]
            url = f"https://static.wixstatic.com/media/{media_id[0]}" if media_id else url
        parts = urlsplit(url)
        path = parts.path
        wix = WIX_MEDIA.match(path) if parts.netloc.endswith("wixstatic.com") else None
        if wix:  # /media/<id>/v1/fill/w_740,h_493/<id>: a scaled copy of /media/<id>
            path = f"/media/{wix.group(1)}"
            url = f"https://{parts.netloc}{path}"
        else:
            path = WORDPRESS_SIZE.sub("", path)
            # ?w=604 asks WordPress.com for a scaled copy: the original has no query.
            url = parts._replace(path=path, query="", fragment="").geturl()
        return cls(url=url, key=f"{parts.netloc.lower()}{path}")

    @property
    def file_name(self) -> str:
        name = PurePosixPath(unquote(urlsplit(self.url).path)).name
        return name[-100:] or "picture"


class MediaFolder:
    """A folder of the old site's files: a picture's address is matched by its path, from
    the longest tail down (…/wp-content/uploads/2020/01/a.jpg finds 2020/01/a.jpg in a
    copy of uploads), never outside the folder."""

    def __init__(self, root: Path):
        self.root = root.resolve()

    def find(self, address: Address, original_url: str) -> Path | None:
        for url in dict.fromkeys([address.url, original_url]):
            parts = [
                p for p in PurePosixPath(unquote(urlsplit(url).path)).parts
                if p not in {"/", "", ".", ".."}
            ]  # fmt: skip
            for start in range(len(parts)):
                candidate = self.root.joinpath(*parts[start:]).resolve()
                if candidate.is_relative_to(self.root) and candidate.is_file():
                    return candidate
        return None


class Fetcher(fetching.Fetcher):
    """Fetches one picture at a time from the web, within the library's size limit.
    `allow` decides which resolved addresses may be reached: public ones only, unless a
    test gives its own loopback server."""

    refused = PictureUnavailable
    site = "the old site"
    user_agent = "foundation-blog-import"

    def __init__(self, *, timeout: float = 20.0, allow=is_public_address):
        max_bytes = settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024
        super().__init__(max_bytes=max_bytes, timeout=timeout, allow=allow)

    def _too_big(self) -> str:
        return f"it is larger than the {settings.IMAGE_MAX_UPLOAD_MB} MB pictures may be"


class PictureSource:
    """Where this import looks for pictures: the folder first, then (if asked) the web."""

    def __init__(self, media: Path | None = None, fetcher: Fetcher | None = None):
        self.folder = MediaFolder(media) if media else None
        self.fetcher = fetcher

    def read(self, address: Address, original_url: str) -> bytes:
        if self.folder:
            found = self.folder.find(address, original_url)
            if found:
                if found.stat().st_size > settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024:
                    raise PictureUnavailable(Fetcher()._too_big())
                return found.read_bytes()
        if self.fetcher:
            if urlsplit(address.url).scheme not in {"http", "https"}:
                raise PictureUnavailable("it has no web address to fetch it from")
            try:
                return self.fetcher.fetch(address.url)
            except PictureUnavailable:
                if original_url == address.url:
                    raise
                return self.fetcher.fetch(original_url)  # a scaled copy the site still has
        if self.folder:
            raise PictureUnavailable("it is not in the media folder")
        raise PictureUnavailable("no media folder was given and fetching was not asked for")
