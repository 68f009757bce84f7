"""sitemap.xml: the home page, published posts (lastmod = their last edit), and the tags
and writers that have published posts. Addresses are on SITE_URL, not on whatever host
the request named, and without django.contrib.sites."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from blog.models import Author, Post, Tag


class SiteUrlSitemap(Sitemap):
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def lastmod(self, item):
        return item.lastmod


class HomeSitemap(SiteUrlSitemap):
    def items(self):
        latest = Post.objects.published().aggregate(lastmod=Max("updated_at"))["lastmod"]
        return [latest]

    def location(self, item):
        return reverse("blog:post_list")

    def lastmod(self, item):
        return item


class PostSitemap(SiteUrlSitemap):
    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, post):
        return post.updated_at


class TagSitemap(SiteUrlSitemap):
    def items(self):
        published = Post.objects.published()
        return (
            Tag.objects.filter(tagged_posts__content_object__in=published)
            .annotate(lastmod=Max("tagged_posts__content_object__updated_at"))
            .order_by("name")
        )


class AuthorSitemap(SiteUrlSitemap):
    def items(self):
        published = Post.objects.published()
        return (
            Author.objects.filter(post_credits__post__in=published)
            .annotate(lastmod=Max("post_credits__post__updated_at"))
            .order_by("name")
        )


SITEMAPS = {
    "home": HomeSitemap,
    "posts": PostSitemap,
    "tags": TagSitemap,
    "writers": AuthorSitemap,
}
