"""Fetching from the web on the site's behalf (an import's pictures, a video's title),
without being turned against the machine it runs on.

Public addresses only: http and https, every address the name resolves to must be a
public one (never loopback, private, link-local such as a cloud's metadata service at
169.254.169.254, or reserved), the connection goes to the address that was checked (so a
second DNS answer cannot swap in a private one), redirects are checked the same way, and
each fetch has a time limit and a size limit."""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 3
CHUNK = 64 * 1024


class FetchRefused(Exception):
    """Why an address could not be fetched, in plain words."""


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
    """Fetches one address at a time, within the limits above. `allow` decides which
    resolved addresses may be reached: public ones only, unless a test gives its own
    loopback server. A subclass names its own `refused` exception and `site` (who
    answered, for the messages)."""

    refused = FetchRefused
    site = "the site"
    user_agent = "foundation-blog"

    def __init__(self, *, max_bytes: int, timeout: float = 20.0, allow=is_public_address):
        self.timeout = timeout
        self.allow = allow
        self.max_bytes = max_bytes

    def fetch(self, url: str) -> bytes:
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            response, connection = self._get(url, deadline)
            try:
                if response.status in {301, 302, 303, 307, 308}:
                    url = urljoin(url, response.getheader("Location", ""))
                    continue
                if response.status != 200:
                    raise self.refused(f"{self.site} answered {response.status}")
                return self._body(response, deadline)
            finally:
                connection.close()
        raise self.refused(f"more than {MAX_REDIRECTS} redirects")

    def _get(self, url: str, deadline: float):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise self.refused("only http and https addresses are fetched")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            raise self.refused(f"there is no server named {parts.hostname}") from None
        ips = [info[4][0] for info in found]
        if not ips or not all(self.allow(ip) for ip in ips):
            raise self.refused(
                f"{parts.hostname} is a private or local address, which is never fetched"
            )
        connection = _Pinned(
            parts.hostname, ips[0], port, secure=parts.scheme == "https",
            timeout=max(0.1, deadline - time.monotonic()),
        )  # fmt: skip
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", path, headers={"User-Agent": self.user_agent})
            return connection.getresponse(), connection
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            raise self.refused(f"it could not be fetched ({error})") from None

    def _body(self, response, deadline: float) -> bytes:
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self.refused(self._too_big())
        data = bytearray()
        try:
            while chunk := response.read(CHUNK):
                data += chunk
                if len(data) > self.max_bytes:
                    raise self.refused(self._too_big())
                if time.monotonic() > deadline:
                    raise self.refused(f"it took longer than {self.timeout:g} seconds")
        except (OSError, http.client.HTTPException) as error:
            raise self.refused(f"it could not be fetched ({error})") from None
        return bytes(data)

    def _too_big(self) -> str:
        return f"it is larger than the {self.max_bytes // 1024} KB allowed"
