from django.urls import URLResolver, path, register_converter
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.views.decorators.http import require_safe

from blog import views
from blog.public import feeds
from blog.public.converters import MonthConverter, YearConverter
from blog.public.pagecache import cached_for_readers

register_converter(YearConverter, "year")
register_converter(MonthConverter, "month")

app_name = "blog"


def public_feed(feed):
    return require_safe(cached_for_readers(feed))


# Pages of one language: unprefixed for the default language, under /az/, /ru/ … for
# the others (blog.public.languages activates the language before URLs resolve). Views
# carry their own method and cache decorators; feed classes get theirs here (GET and
# HEAD, cached for anonymous readers: blog/public/pagecache.py).
by_language = [
    path("", views.post_list, name="post_list"),
    path("feed/", public_feed(feeds.SiteFeed()), name="feed"),
    path("feed/atom/", public_feed(feeds.SiteAtomFeed()), name="feed_atom"),
    path("about/views/", views.views_explained, name="views_explained"),
    path("search/", views.post_search, name="search"),
    path("archive/<year:year>/<month:month>/", views.post_archive_month, name="archive_month"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("tags/<slug:slug>/feed/", public_feed(feeds.TagFeed()), name="tag_feed"),
    path("tags/<slug:slug>/feed/atom/", public_feed(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path("series/<slug:slug>/", views.series_detail, name="series_detail"),
    path("series/<slug:slug>/feed/", public_feed(feeds.SeriesFeed()), name="series_feed"),
    path(
        "series/<slug:slug>/feed/atom/",
        public_feed(feeds.SeriesAtomFeed()),
        name="series_feed_atom",
    ),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
    path("authors/<slug:slug>/feed/", public_feed(feeds.AuthorFeed()), name="author_feed"),
    path(
        "authors/<slug:slug>/feed/atom/",
        public_feed(feeds.AuthorAtomFeed()),
        name="author_feed_atom",
    ),
]

# Addresses of their own, one per thing whatever the language: a post's page is in the
# post's language (its view activates it), and old links to /post/<slug>/ keep working.
urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    # /post/<slug>/ is the path Wix used, so links to the old site keep working.
    path("post/<slug:slug>/", views.post_detail, name="post_detail"),
    path("preview/<str:token>/", views.post_preview, name="post_preview"),
    path("post/<slug:slug>/comments/", views.comment_create, name="comment_create"),
    path("post/<slug:slug>/view/", views.view_record, name="view_record"),
    path("post/<slug:slug>/view.gif", views.view_pixel, name="view_pixel"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/stop-mail/<str:token>/", views.comment_unsubscribe, name="comment_unsubscribe"),
    # Django's i18n_patterns() does this at the root of the URLconf only, and LocaleMiddleware
    # then reads the browser's language for the unprefixed pages; here the prefix pattern
    # sits inside the blog's namespace (reverse() adds the active language's prefix) and
    # blog.public.languages reads the address alone. Wrapped in an empty route because
    # include() refuses a prefix pattern at the top of an included URLconf.
    URLResolver(
        RoutePattern(""),
        [URLResolver(LocalePrefixPattern(prefix_default_language=False), by_language)],
    ),
]
