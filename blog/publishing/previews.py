"""Signed preview links: an editor shares a draft or scheduled post with a colleague who
has no login, for PREVIEW_LINK_DAYS. The link names the post and expires by itself."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

# The salt keeps the name of the module this was first in: a new one would void
# every token already given out.
SALT = "blog.previews"


def preview_url(post) -> str:
    token = signing.TimestampSigner(salt=SALT).sign(str(post.pk))
    return reverse("blog:post_preview", kwargs={"token": token})


def post_id_from_token(token: str) -> int | None:
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(
            token, max_age=settings.PREVIEW_LINK_DAYS * 86400
        )
        return int(value)
    except (signing.BadSignature, ValueError):
        return None
