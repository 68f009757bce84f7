"""RSS 2.0 and Atom feeds of the site, of each tag, writer and series: the full body
of each post (content:encoded in RSS, content in Atom), the excerpt as its summary, the
cover as an enclosure, every address absolute on SITE_URL."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from blog.models import Author, Post, Series, Tag
from blog.public.addresses import absolute_links, absolute_url

FEED_LENGTH = 20


class FullContentRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])


class FullContentAtom(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


class PostFeed(Feed):
    """The newest published posts; subclasses choose which, and the format."""

    feed_type = FullContentRss
    url_name = "blog:feed"

    def posts(self, obj):
        return Post.objects.all()

    def items(self, obj):
        # Each language has its feeds (/ru/feed/), with the language set in them
        # (Feed.language defaults to the active one).
        posts = self.posts(obj).in_language(get_language()).published()
        posts = posts.with_authors().with_covers().prefetch_related("tags")
        return posts.order_by("-published_at", "-pk")[:FEED_LENGTH]

    def feed_url(self, obj):
        return absolute_url(reverse(self.url_name, kwargs=self.url_kwargs(obj)))

    def url_kwargs(self, obj):
        return {"slug": obj.slug} if obj is not None else {}

    def subtitle(self, obj):
        return self.description(obj)

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.excerpt or post.title

    def item_extra_kwargs(self, post):
        return {"content": absolute_links(post.body)}

    def item_link(self, post):
        return absolute_url(post.get_absolute_url())

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.credited_authors) or None

    def item_author_link(self, post):
        authors = post.credited_authors
        return absolute_url(authors[0].get_absolute_url()) if authors else None

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]

    def item_enclosures(self, post):
        share = post.cover.rendition("share", "jpeg") if post.cover else None
        if share is None:
            return []
        try:
            length = default_storage.size(share.file)
        except OSError:  # the file is gone from storage: the post is still worth reading
            return []
        mime_type = mimetypes.guess_type(share.file)[0] or "application/octet-stream"
        return [Enclosure(absolute_url(share.url), str(length), mime_type)]


class SiteFeed(PostFeed):
    def title(self, obj):
        return settings.SITE_NAME

    def description(self, obj):
        return str(settings.SITE_TAGLINE)

    def link(self, obj):
        return absolute_url(reverse("blog:post_list"))


class SiteAtomFeed(SiteFeed):
    feed_type = FullContentAtom
    url_name = "blog:feed_atom"


class TagFeed(PostFeed):
    url_name = "blog:tag_feed"

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        # Like the tag page: a tag used only by drafts does not exist for readers.
        if not Post.objects.published().in_language(get_language()).filter(tags=tag).exists():
            raise Http404("No published posts with this tag.")
        return tag

    def posts(self, tag):
        return Post.objects.filter(tags=tag)

    def title(self, tag):
        return f"{tag.local_name} · {settings.SITE_NAME}"

    def description(self, tag):
        return _("Articles about %(tag)s from %(site)s.") % {
            "tag": tag.local_name,
            "site": settings.SITE_NAME,
        }

    def link(self, tag):
        return absolute_url(tag.get_absolute_url())


class TagAtomFeed(TagFeed):
    feed_type = FullContentAtom
    url_name = "blog:tag_feed_atom"


class AuthorFeed(PostFeed):
    url_name = "blog:author_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def posts(self, author):
        return Post.objects.by_author(author)

    def title(self, author):
        return f"{author.name} · {settings.SITE_NAME}"

    def description(self, author):
        return _("Articles by %(writer)s from %(site)s.") % {
            "writer": author.name,
            "site": settings.SITE_NAME,
        }

    def link(self, author):
        return absolute_url(author.get_absolute_url())


class AuthorAtomFeed(AuthorFeed):
    feed_type = FullContentAtom
    url_name = "blog:author_feed_atom"


class SeriesFeed(PostFeed):
    """A series' published parts, the newest first as in every feed: a reader following
    it hears of each new part."""

    url_name = "blog:series_feed"

    def get_object(self, request, slug):
        # Like the series page: at its language's address, once a part is published.
        series = Series.objects.in_language(get_language()).with_published_parts()
        return get_object_or_404(series, slug=slug)

    def posts(self, series):
        return Post.objects.in_series(series)

    def title(self, series):
        return f"{series.title} · {settings.SITE_NAME}"

    def description(self, series):
        return series.description or _("A series from %(site)s.") % {"site": settings.SITE_NAME}

    def link(self, series):
        return absolute_url(series.get_absolute_url())


class SeriesAtomFeed(SeriesFeed):
    feed_type = FullContentAtom
    url_name = "blog:series_feed_atom"
