"""Videos' titles, from YouTube's and Vimeo's oEmbed endpoints: asked for once, by the
tasks worker after a post with an untitled video is saved, and written into the post's
body (blog.content.videos), so showing a post needs no network and readers' browsers
never ask YouTube or Vimeo for anything before they press play.

The request goes through blog.operations.fetching (public addresses only, a time limit,
a size limit). A title found is remembered in the shared cache, so the same video in
another post, or saved again, is not asked for twice; a video without one (private,
removed, its site down) is asked for again after an hour at the soonest."""

import json
import logging
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.tasks import task

from blog.content.text import sanitize_html
from blog.content.videos import Video, clean_title, untitled_videos, with_titles
from blog.models import Post
from blog.operations.fetching import Fetcher, FetchRefused
from blog.public import pagecache
from blog.public.search import index_post

logger = logging.getLogger(__name__)
OEMBED_MAX_BYTES = 64 * 1024  # an answer is a few hundred bytes
OEMBED_SECONDS = 10
FOUND_SECONDS = 30 * 24 * 3600
MISSING_SECONDS = 3600


def _key(video: Video) -> str:
    return f"video-title:{video.provider}:{video.id}"


def oembed_title(video: Video, *, fetcher: Fetcher) -> str:
    """The video's title as its site gives it, or "" when it gives none."""
    query = urlencode({"url": video.address, "format": "json"})
    url = f"{settings.VIDEO_OEMBED_ENDPOINTS[video.provider]}?{query}"
    try:
        answer = json.loads(fetcher.fetch(url))
    except FetchRefused as why:
        logger.info("no title for %s: %s", video.address, why)
        return ""
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
        logger.info("no title for %s: the answer is not JSON", video.address)
        return ""
    title = answer.get("title") if isinstance(answer, dict) else None
    return clean_title(title) if isinstance(title, str) else ""


def video_titles(videos: list[Video], *, fetcher: Fetcher | None = None) -> dict[Video, str]:
    """Each video's title ("" if it has none), from the cache or else from its site."""
    known = cache.get_many([_key(video) for video in videos])
    titles = {}
    for video in videos:
        title = known.get(_key(video))
        if title is None:
            fetcher = fetcher or Fetcher(max_bytes=OEMBED_MAX_BYTES, timeout=OEMBED_SECONDS)
            title = oembed_title(video, fetcher=fetcher)
            cache.set(_key(video), title, FOUND_SECONDS if title else MISSING_SECONDS)
        titles[video] = title
    return titles


def add_video_titles(post_id: int, *, fetcher: Fetcher | None = None) -> int:
    """Write the titles of the post's untitled videos into its body; answers how many
    were written. Only onto the body that was read: a save in between queues its own."""
    post = Post.objects.filter(pk=post_id).only("body").first()
    if post is None:
        return 0
    found = video_titles(untitled_videos(post.body), fetcher=fetcher)
    titles = {video: title for video, title in found.items() if title}
    if not titles:
        return 0
    # An UPDATE, not save(): a title is no edit, so the version an editor's open form
    # carries stays valid, and no revision is recorded. The stored body was sanitized
    # last thing in save(), so sanitizing it again changes only what was written here.
    body = sanitize_html(with_titles(post.body, titles))
    if not Post.objects.filter(pk=post_id, body=post.body).update(body=body):
        return 0
    pagecache.invalidate_on_commit()
    index_post(post_id)
    return len(titles)


@task
def fetch_video_titles(post_id: int) -> int:
    return add_video_titles(post_id)


# A receiver, not a call in each place that saves a post: the admin's form, its autosave,
# imports, revisions and the demo all write bodies, and each new video needs its title.
# It only queues the fetch; no rule lives here.


def _post_saved(sender, instance, raw=False, **kwargs):
    videos = [] if raw else untitled_videos(instance.body)
    if not videos:
        return
    known = cache.get_many([_key(video) for video in videos])
    if all(known.get(_key(video)) == "" for video in videos):
        return  # each was asked for within the hour, and had no title
    transaction.on_commit(partial(fetch_video_titles.enqueue, instance.pk))


def connect_signals() -> None:
    post_save.connect(_post_saved, sender=Post, dispatch_uid="videos_post_saved")
