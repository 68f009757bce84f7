"""The editors' admin: posts, comments, the picture library and redirects, one module each."""

from blog.admin import comments, images, posts, redirects

__all__ = ["comments", "images", "posts", "redirects"]
