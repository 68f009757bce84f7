"""Local spam and abuse defences for the comment form: no third-party service.

- a signed timestamp in the form: posted too fast (a bot) or too late (a replay) is
  refused with a message, and the reader's text stays in the form;
- rate limits per IP hash and per email, counted in the shared cache so that every
  gunicorn worker agrees;
- a count of links (too many: the comment is held)."""

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

# The salt keeps the name of the module this was first in: a new one would void
# every token already given out.
FORM_SALT = "blog.antispam.form"
LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


class FormTimingError(Exception):
    """The form came back too fast or too late; the message is for the reader."""


def issue_form_token() -> str:
    return signing.dumps(time.time(), salt=FORM_SALT)


def check_form_token(token: str) -> None:
    """Raise FormTimingError with a message for the reader if the form's timing is off."""
    try:
        issued = float(signing.loads(token or "", salt=FORM_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        raise FormTimingError(
            _("The form could not be checked. Your text is kept: please post it again.")
        ) from None
    age = time.time() - issued  # the signed value is the time the form was shown
    if age > settings.COMMENT_FORM_MAX_AGE_HOURS * 3600:
        raise FormTimingError(
            _(
                "This page was open for a long time, so the form expired. Your text is kept: "
                "please post it again."
            )
        )
    if age < settings.COMMENT_MIN_SECONDS:
        raise FormTimingError(
            _(
                "That was very fast, so it looked automatic. Your text is kept: please post it "
                "again."
            )
        )


def _digest(scope: str, ident: str) -> str:
    # Cache keys carry no email address in clear, and stay short and key-safe. The key
    # keeps the module's first name, so counts under way survive the move.
    return salted_hmac(
        "blog.antispam.key", f"{scope}:{ident.strip().lower()}", algorithm="sha256"
    ).hexdigest()[:24]


def count_links(text: str) -> int:
    return len(LINK.findall(text))


WINDOWS = {"m": 60, "h": 3600, "d": 86400}
WINDOW_NAMES = {"m": "minute", "h": "hour", "d": "day"}


@dataclass(frozen=True)
class Limit:
    count: int
    window: str  # m, h or d

    @property
    def seconds(self) -> int:
        return WINDOWS[self.window]


def parse_limits(spec: str) -> list[Limit]:
    """'5/m,50/d' -> two limits; 'off' or '' -> none."""
    if spec.strip().lower() in {"", "off", "0", "no", "false"}:
        return []
    limits = []
    for part in spec.split(","):
        count, _slash, window = part.strip().partition("/")
        limits.append(Limit(int(count), window.strip().lower()[:1] or "m"))
    return limits


def rate_limited(
    *, idents: dict[str, str], spec: str | None = None, purpose: str = "comment"
) -> Limit | None:
    """Count one attempt for each identity (e.g. {"ip": hash, "email": address}) and
    return the first limit now exceeded, or None. Each purpose (comment, edit, view)
    counts apart: reading articles never uses up the right to comment."""
    exceeded = None
    now = int(time.time())
    for limit in parse_limits(settings.COMMENT_RATE_LIMITS if spec is None else spec):
        bucket = now // limit.seconds
        for scope, ident in idents.items():
            if not ident:
                continue
            key = f"ratelimit:{purpose}:{_digest(scope, ident)}:{limit.window}:{bucket}"
            cache.add(key, 0, timeout=limit.seconds + 60)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, timeout=limit.seconds + 60)
                count = 1
            if count > limit.count and exceeded is None:
                exceeded = limit
    return exceeded


def allow_mail_to(address: str) -> bool:
    """At most COMMENT_MAILS_PER_ADDRESS_PER_DAY notifications to one address, so the
    comment form cannot be used to flood somebody's inbox."""
    day = int(time.time()) // 86400
    key = f"ratelimit:mail:{_digest('mail', address)}:{day}"
    cache.add(key, 0, timeout=86400 + 60)
    try:
        return cache.incr(key) <= settings.COMMENT_MAILS_PER_ADDRESS_PER_DAY
    except ValueError:
        cache.set(key, 1, timeout=86400 + 60)
        return True
