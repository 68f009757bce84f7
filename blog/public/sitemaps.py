"""sitemap.xml: the home page, published posts (lastmod = their last edit), and the tags,
writers and series that have published posts, each in the languages it exists in, with its
versions in the others as hreflang alternates (and x-default: the default language's).
Addresses are on SITE_URL, not on whatever host the request named, and without
django.contrib.sites."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import translation

from blog.models import Author, Post, Series, Tag
from blog.public.addresses import absolute_url


class SiteUrlSitemap(Sitemap):
    # Language-wide pages (a tag) are one item with an address per language: each gets
    # its own <url>. A post is an item per language already (one row per version).
    one_url_per_version = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def lastmod(self, item):
        return item.lastmod

    def versions(self, item) -> dict[str, str]:
        """The item's address in each language it exists in."""
        return {
            code: _in_language(code, self.location, item) for code in sorted(item.languages)
        }

    def get_urls(self, page=1, site=None, protocol=None):
        urls = []
        for url in super().get_urls(page=page, site=site, protocol=protocol):
            versions = self.versions(url["item"])
            alternates = [
                {"location": absolute_url(path), "lang_code": code}
                for code, path in versions.items()
            ]
            if settings.LANGUAGE_CODE in versions:
                default = absolute_url(versions[settings.LANGUAGE_CODE])
                alternates.append({"location": default, "lang_code": "x-default"})
            if len(settings.LANGUAGES) == 1:
                alternates = []
            locations = (
                [absolute_url(path) for path in versions.values()]
                if self.one_url_per_version
                else [url["location"]]
            )
            urls += [url | {"location": loc, "alternates": alternates} for loc in locations]
        return urls


def _in_language(code: str, location, item) -> str:
    with translation.override(code):
        return location(item)


@dataclass
class Home:
    lastmod: datetime | None
    languages: set[str]


class HomeSitemap(SiteUrlSitemap):
    def items(self):
        rows = Post.objects.published().order_by().values("language")
        rows = rows.annotate(lastmod=Max("updated_at"))
        latest = {row["language"]: row["lastmod"] for row in rows}
        return [Home(max(latest.values(), default=None), set(latest))]

    def location(self, item):
        return reverse("blog:post_list")

    def versions(self, item):
        # Every language has a home page, posts or not.
        return {code: _in_language(code, self.location, item) for code, _ in settings.LANGUAGES}


class PostSitemap(SiteUrlSitemap):
    one_url_per_version = False

    def items(self):
        # Each post's published translations come in the same query (TranslationPairs).
        posts = Post.objects.published().with_translation_pairs()
        return posts.only("slug", "language", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, post):
        return post.updated_at

    def versions(self, post):
        versions = {post.language: post.get_absolute_url()}
        for language, slug in post.published_translations():
            versions.setdefault(language, reverse("blog:post_detail", kwargs={"slug": slug}))
        return dict(sorted(versions.items()))


def _with_languages(rows, model) -> list:
    """Objects from (pk, fields..., language, lastmod) rows, one per object, each with
    the languages it has published posts in and its latest edit among them."""
    found = {}
    for row in rows:
        language, lastmod = row.pop("language"), row.pop("lastmod")
        item = found.get(row["pk"])
        if item is None:
            item = found[row["pk"]] = model(**row)
            item.languages, item.lastmod = set(), lastmod
        item.languages.add(language)
        item.lastmod = max(item.lastmod, lastmod)
    return list(found.values())


class TagSitemap(SiteUrlSitemap):
    def items(self):
        published = Post.objects.published()
        rows = (
            Tag.objects.filter(tagged_posts__content_object__in=published)
            .values("pk", "name", "slug", language=F("tagged_posts__content_object__language"))
            .annotate(lastmod=Max("tagged_posts__content_object__updated_at"))
            .order_by("name", "pk")
        )
        return _with_languages(rows, Tag)


class AuthorSitemap(SiteUrlSitemap):
    def items(self):
        published = Post.objects.published()
        rows = (
            Author.objects.filter(post_credits__post__in=published)
            .values("pk", "name", "slug", language=F("post_credits__post__language"))
            .annotate(lastmod=Max("post_credits__post__updated_at"))
            .order_by("name", "pk")
        )
        return _with_languages(rows, Author)


class SeriesSitemap(SiteUrlSitemap):
    def items(self):
        # A series lives in its own language: one address, its language's.
        published = Post.objects.published()
        rows = (
            Series.objects.filter(parts__post__in=published, parts__post__language=F("language"))
            .values("pk", "title", "slug", "language")
            .annotate(lastmod=Greatest(Max("parts__post__updated_at"), F("updated_at")))
            .order_by("title", "pk")
        )
        return _with_languages(rows, Series)

    def location(self, series):
        # In the language `versions()` asks for: the series' own, its one address.
        return reverse("blog:series_detail", kwargs={"slug": series.slug})


SITEMAPS = {
    "home": HomeSitemap,
    "posts": PostSitemap,
    "tags": TagSitemap,
    "writers": AuthorSitemap,
    "series": SeriesSitemap,
}
