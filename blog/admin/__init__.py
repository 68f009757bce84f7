"""The editors' admin: posts, writers and tags, comments, pictures, redirects, imports."""

from blog.admin import comments, images, imports, posts, redirects, writers

__all__ = ["comments", "images", "imports", "posts", "redirects", "writers"]
