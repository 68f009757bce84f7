"""The public pages and endpoints: thin views over the packages by concern."""

from blog.views.comments import comment_create, comment_delete, comment_edit, comment_unsubscribe
from blog.views.crawlers import favicon, robots_txt, sitemap
from blog.views.health import healthz
from blog.views.posts import (
    author_detail,
    bad_request,
    csrf_failure,
    post_archive_month,
    post_detail,
    post_list,
    post_preview,
    series_detail,
    server_error,
    tag_detail,
)
from blog.views.readership import view_pixel, view_record, views_explained
from blog.views.search import post_search

__all__ = [
    "author_detail",
    "bad_request",
    "comment_create",
    "comment_delete",
    "comment_edit",
    "comment_unsubscribe",
    "csrf_failure",
    "favicon",
    "healthz",
    "post_archive_month",
    "post_detail",
    "post_list",
    "post_preview",
    "post_search",
    "robots_txt",
    "series_detail",
    "server_error",
    "sitemap",
    "tag_detail",
    "view_pixel",
    "view_record",
    "views_explained",
]
