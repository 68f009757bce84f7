"""Where an import's pictures come from: a folder the person gives (`--media DIR`: a copy
of wp-content/uploads, Ghost's content/images, downloaded Wix media) and, only when they
ask for it, the pictures' old addresses on the web.

Fetching is for public pictures only: http and https, every address the name resolves
to must be a public one (never loopback, private, link-local such as a cloud's metadata
service at 169.254.169.254, or reserved), the connection goes to the address that was
checked (so a second DNS answer cannot swap in a private one), redirects are checked the
same way, and each file has a time limit and the library's size limit. What arrives is
checked as an editor's upload is (blog.content.uploads)."""

import http.client
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings

# WordPress serves scaled copies as name-300x200.jpg beside the original: the library
# makes its own sizes, so the original is the one to bring.
WORDPRESS_SIZE = re.compile(r"-\d+x\d+(?=\.\w+$)")
WIX_MEDIA = re.compile(r"^/media/([^/]+)")
MAX_REDIRECTS = 3
CHUNK = 64 * 1024


class PictureUnavailable(Exception):
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


def is_public_address(ip: str) -> bool:
    address = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class _Pinned(http.client.HTTPSConnection):
    """A connection to the address that was checked, with the name kept for TLS."""

    def __init__(self, host, ip, port, *, secure: bool, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.ip, self.secure = ip, secure

    def connect(self):
        self.sock = socket.create_connection((self.ip, self.port), self.timeout)
        if self.secure:
            self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


class Fetcher:
    """Fetches one picture at a time from the web, within the limits above.
    `allow` decides which resolved addresses may be reached: public ones only, unless a
    test gives its own loopback server."""

    def __init__(self, *, timeout: float = 20.0, allow=is_public_address):
        self.timeout = timeout
        self.allow = allow
        self.max_bytes = settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024

    def fetch(self, url: str) -> bytes:
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            response, connection = self._get(url, deadline)
            try:
                if response.status in {301, 302, 303, 307, 308}:
                    url = urljoin(url, response.getheader("Location", ""))
                    continue
                if response.status != 200:
                    raise PictureUnavailable(f"the old site answered {response.status}")
                return self._body(response, deadline)
            finally:
                connection.close()
        raise PictureUnavailable(f"more than {MAX_REDIRECTS} redirects")

    def _get(self, url: str, deadline: float):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise PictureUnavailable("only http and https addresses are fetched")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            raise PictureUnavailable(f"there is no server named {parts.hostname}") from None
        ips = [info[4][0] for info in found]
        if not ips or not all(self.allow(ip) for ip in ips):
            raise PictureUnavailable(
                f"{parts.hostname} is a private or local address, which is never fetched"
            )
        connection = _Pinned(
            parts.hostname, ips[0], port, secure=parts.scheme == "https",
            timeout=max(0.1, deadline - time.monotonic()),
        )  # fmt: skip
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", path, headers={"User-Agent": "foundation-blog-import"})
            return connection.getresponse(), connection
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            raise PictureUnavailable(f"it could not be fetched ({error})") from None

    def _body(self, response, deadline: float) -> bytes:
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise PictureUnavailable(self._too_big())
        data = bytearray()
        try:
            while chunk := response.read(CHUNK):
                data += chunk
                if len(data) > self.max_bytes:
                    raise PictureUnavailable(self._too_big())
                if time.monotonic() > deadline:
                    raise PictureUnavailable(f"it took longer than {self.timeout:g} seconds")
        except (OSError, http.client.HTTPException) as error:
            raise PictureUnavailable(f"it could not be fetched ({error})") from None
        return bytes(data)

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
