"""The editors' admin: posts, series, writers, tags, comments, pictures, redirects, imports."""

from blog.admin import comments, images, imports, posts, redirects, series, writers

__all__ = ["comments", "images", "imports", "posts", "redirects", "series", "writers"]
