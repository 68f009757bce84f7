"""What the site keeps about a commenter's address: a keyed hash, never the IP itself."""

from django.conf import settings
from django.utils.crypto import salted_hmac


def client_ip(request) -> str:
    """The reader's address. Behind a proxy (DJANGO_BEHIND_PROXY=1) it is the last
    X-Forwarded-For hop, the one our own proxy added; earlier hops can be forged."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def ip_hash(ip: str) -> str:
    """A keyed hash: equal addresses match (for rate limits and the blocklist), but the
    address cannot be read back without the site's secret key."""
    if not ip:
        return ""
    # The key keeps the module's first name: stored hashes and blocks must still match.
    return salted_hmac("blog.privacy.ip", ip.strip(), algorithm="sha256").hexdigest()[:32]
