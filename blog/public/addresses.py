"""Absolute addresses on the site's public host (settings.SITE_URL), for documents read
away from the site: feeds, the sitemap, robots.txt. Never a guessed or example host."""

import re

from django.conf import settings

# href="/..." and src="/..." in stored bodies (nh3 always writes double quotes).
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_url(path_or_url: str) -> str:
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.SITE_URL + "/" + path_or_url.lstrip("/")


def absolute_links(body_html: str) -> str:
    """Stored HTML whose site-relative links and pictures point at SITE_URL, so a feed
    reader on another host can follow and show them."""
    return _ROOT_RELATIVE.sub(rf"\g<1>{settings.SITE_URL}/", body_html)
