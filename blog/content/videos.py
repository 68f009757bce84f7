"""Videos in posts: a YouTube or Vimeo address pasted on a line of its own is stored as a
link in a figure (with the video's title once it is known, blog.publishing.videos), and
shown to readers as a box that loads nothing from YouTube or Vimeo until they ask for the
player (static/js/videos.js); without JavaScript the box is a link to the video.

Stored: `<figure class="video"><a href="https://www.youtube.com/watch?v=ID">Title</a>
</figure>`, the link's text being its address while the title is not known. Nothing in a
stored body is a frame, so the allowlist (blog.content.text) keeps none; feeds and
exports carry the plain link."""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

YOUTUBE = re.compile(
    r"https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:[^\s<\"]*&(?:amp;)?)?v=|shorts/|embed/)"
    r"|youtube-nocookie\.com/embed/|youtu\.be/)([A-Za-z0-9_-]{11})[^\s<\"]*"
)
VIMEO = re.compile(r"https?://(?:(?:www\.)?vimeo\.com/|player\.vimeo\.com/video/)(\d+)[^\s<\"]*")
# The players a reader's click may load, and nothing else: YouTube's privacy-enhanced
# domain and Vimeo with do-not-track, playing at once (the click was the reader's ask).
EMBED_SOURCE = re.compile(
    r"^https://(www\.youtube-nocookie\.com/embed/[A-Za-z0-9_-]{11}\?autoplay=1"
    r"|player\.vimeo\.com/video/\d+\?dnt=1&autoplay=1)$"
)
# A paragraph holding only a video address, as text or as a link to itself.
VIDEO_PARAGRAPH = re.compile(
    r"<p>\s*(?:<a(?P<link>\s[^>]*)?>)?\s*(?P<url>https?://[^\s<\"]+)\s*(?:</a>)?\s*</p>",
    re.IGNORECASE,
)
# A stored video; or, in a post saved before the click-to-play box, its player.
VIDEO_FIGURE = re.compile(
    r'<figure class="video">\s*(?:<a href="(?P<href>[^"]+)"[^>]*>(?P<text>[^<]*)</a>'
    r'|<iframe src="(?P<src>[^"]+)"[^>]*>\s*</iframe>)\s*</figure>'
)
LINK_TITLE = re.compile(r'\stitle="([^"]*)"')
LINK_HREF = re.compile(r'\shref="([^"]*)"')
TITLE_LENGTH = 200


@dataclass(frozen=True)
class Video:
    provider: str  # "youtube" or "vimeo"
    id: str

    @classmethod
    def at(cls, url: str) -> "Video | None":
        url = unescape(url)
        if found := YOUTUBE.fullmatch(url):
            return cls("youtube", found.group(1))
        if found := VIMEO.fullmatch(url):
            return cls("vimeo", found.group(1))
        return None

    @property
    def site(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.provider]

    @property
    def address(self) -> str:
        """Where the video is watched on its site: the link readers follow without
        JavaScript, and the address the editor sees."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}"
        return f"https://vimeo.com/{self.id}"

    @property
    def player(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.id}?autoplay=1"
        return f"https://player.vimeo.com/video/{self.id}?dnt=1&autoplay=1"


def clean_title(title: str) -> str:
    return " ".join(title.split())[:TITLE_LENGTH]


def stored_video(video: Video, title: str = "") -> str:
    text = escape(clean_title(title) or video.address)
    return f'<figure class="video"><a href="{video.address}">{text}</a></figure>'


def _stored(match: re.Match) -> tuple[Video | None, str]:
    """The video of a stored figure and its title ("" while it is not known)."""
    video = Video.at(match.group("href") or match.group("src"))
    text = unescape(match.group("text") or "").strip()
    return video, "" if video is None or text == video.address else text


def embed_videos(html: str) -> str:
    """Turn a YouTube or Vimeo address pasted on its own line into a stored video, as Wix
    did: editors paste the address, readers see the video. A title the link carries (the
    editor's round trip, unembed_videos) is kept; a player stored before is converted."""

    def figure(match: re.Match) -> str:
        video = Video.at(match.group("url"))
        if video is None:
            return match.group(0)
        link = match.group("link") or ""
        href, title = LINK_HREF.search(link), LINK_TITLE.search(link)
        same = href is not None and Video.at(href.group(1)) == video
        return stored_video(video, unescape(title.group(1)) if same and title else "")

    def legacy(match: re.Match) -> str:
        video, title = _stored(match)
        return stored_video(video, title) if video else match.group(0)

    return VIDEO_FIGURE.sub(legacy, VIDEO_PARAGRAPH.sub(figure, html))


def unembed_videos(html: str) -> str:
    """The reverse of embed_videos, for the visual editor, which has no video block: it
    would turn the figure into an empty one and lose the video on the next save. The
    editor shows the address on its line, as it was pasted (with the title kept on the
    link, so saving needs no second fetch); saving makes it a video again."""

    def address(match: re.Match) -> str:
        video, title = _stored(match)
        if video is None:
            return match.group(0)
        if title:
            return format_html('<p><a href="{}" title="{}">{}</a></p>', video.address, title,
                               video.address)  # fmt: skip
        return f"<p>{video.address}</p>"

    return VIDEO_FIGURE.sub(address, html or "")


def untitled_videos(html: str) -> list[Video]:
    """The videos of a stored body whose titles are not known yet, each once."""
    found = (_stored(match) for match in VIDEO_FIGURE.finditer(html or ""))
    return list(dict.fromkeys(video for video, title in found if video and not title))


def with_titles(html: str, titles: dict[Video, str]) -> str:
    """A stored body with the titles given written into its untitled videos."""

    def titled(match: re.Match) -> str:
        video, title = _stored(match)
        if video is None or title or not titles.get(video):
            return match.group(0)
        return stored_video(video, titles[video])

    return VIDEO_FIGURE.sub(titled, html or "")


def video_players(html: str) -> str:
    """A stored body as readers get it: each video a box with a play button (shown by
    static/js/videos.js, which puts the player in its place on a click) and a link to the
    video on its site, which is the box when there is no JavaScript."""

    def box(match: re.Match) -> str:
        video, title = _stored(match)
        if video is None:
            return match.group(0)
        names = {"title": title, "site": video.site}
        if title:
            play = _("Play video: %(title)s") % names
            watch = _("Watch “%(title)s” on %(site)s") % names
        else:
            play = _("Play video (%(site)s)") % names
            watch = _("Watch on %(site)s") % names
        return format_html(
            '<figure class="video" data-player="{}" data-player-title="{}">'
            '<button type="button" class="video__play" hidden>'
            '<span class="video__icon" aria-hidden="true"></span>'
            '<span class="video__label">{}</span></button>'
            '<a class="video__link" href="{}" rel="noopener noreferrer">'
            '<span class="video__icon" aria-hidden="true"></span>'
            '<span class="video__label">{}</span></a></figure>',
            video.player, title or _("%(site)s video") % names, play, video.address, watch,
        )  # fmt: skip

    return VIDEO_FIGURE.sub(box, html or "")


def has_videos(html: str) -> bool:
    return VIDEO_FIGURE.search(html or "") is not None
