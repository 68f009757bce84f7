"""Honest view counts, without cookies.

A view is one reader opening a published article, counted once per visitor, post and
day. The visitor is a hash of IP address and user agent under a key that changes every
day: nothing personal is stored, two days cannot be linked, nothing needs consent.

The article page does not count itself: a small beacon request from the page does
(views.js; a <noscript> pixel for readers without JavaScript). So a page served from a
cache, a CDN or the browser's back button still counts its readers, and a page that
was only prefetched, previewed or fetched by a crawler counts nobody."""

import re
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from blog.models import DailyPostViews, Post, PostView
from blog.readership.privacy import client_ip

# User agents that are not readers: search and AI crawlers, link-preview fetchers of
# chat and social apps, headless browsers, monitoring and HTTP libraries. Matched
# case-insensitively anywhere in the User-Agent header.
BOT_PATTERNS = [
    r"bot\b", r"bot/", r"crawl", r"spider", r"slurp", r"archiver", r"scrape",
    r"facebookexternalhit", r"facebookcatalog", r"meta-externalagent", r"twitterbot",
    r"linkedinbot", r"whatsapp", r"telegrambot", r"slackbot", r"slack-imgproxy",
    r"discordbot", r"skypeuripreview", r"embedly", r"pinterest", r"redditbot", r"vkshare",
    r"yandex", r"baiduspider", r"duckduckbot", r"applebot", r"bingpreview",
    r"google-inspectiontool", r"googleother", r"feedfetcher", r"mediapartners",
    r"gptbot", r"chatgpt-user", r"claudebot", r"claude-web", r"anthropic-ai", r"ccbot",
    r"perplexitybot", r"bytespider", r"amazonbot", r"petalbot", r"semrush", r"ahrefs",
    r"mj12bot", r"dotbot", r"headlesschrome", r"phantomjs", r"electron/", r"puppeteer",
    r"playwright", r"selenium", r"lighthouse", r"pagespeed", r"gtmetrix", r"pingdom",
    r"uptimerobot", r"statuscake", r"python-requests", r"python-urllib", r"aiohttp",
    r"httpx", r"go-http-client", r"okhttp", r"java/", r"curl/", r"wget/", r"libwww",
    r"node-fetch", r"axios/", r"undici", r"scrapy", r"postmanruntime", r"insomnia",
    r"^mozilla/5\.0$", r"^$",
]  # fmt: skip
BOTS = re.compile("|".join(BOT_PATTERNS), re.IGNORECASE)


def is_bot(user_agent: str) -> bool:
    return bool(BOTS.search(user_agent.strip()))


def countable(request) -> bool:
    """Whether this request may count as a reader's view (the post is checked apart)."""
    if request.method not in {"GET", "POST"}:  # HEAD and friends
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower() or "prerender" in purpose.lower():
        return False
    if is_bot(request.headers.get("User-Agent", "")):
        return False
    # Editors reading their own site are not readers. An anonymous reader has no
    # session cookie, so this costs them no query.
    return not (request.user.is_authenticated and request.user.is_staff)


def visitor_key(request, *, day: date | None = None) -> str:
    day = day or timezone.localdate()
    material = f"{client_ip(request)}|{request.headers.get('User-Agent', '')}"
    # The key is the module's first name: today's readers are not counted twice after an update.
    return salted_hmac(
        f"blog.readership.{day.isoformat()}", material, algorithm="sha256"
    ).hexdigest()[:32]


def views_per_day(*, days: int, post: Post | None = None, today: date | None = None):
    """[(day, views)] for the last `days` days up to today, from folded totals and
    today's (or any not yet folded) visitor rows alike."""
    today = today or timezone.localdate()
    start = today - timedelta(days=days - 1)
    folded = DailyPostViews.objects.filter(day__gte=start)
    raw = PostView.objects.filter(day__gte=start)
    if post is not None:
        folded, raw = folded.filter(post=post), raw.filter(post=post)
    counts = {day: 0 for day in (start + timedelta(n) for n in range(days))}
    for row in folded.values("day").annotate(n=Sum("count")).order_by():
        counts[row["day"]] += row["n"]
    for row in raw.values("day").annotate(n=Count("pk")).order_by():
        counts[row["day"]] += row["n"]
    return list(counts.items())
