"""The editors' admin: posts, comments, pictures, redirects and imports, one module each."""

from blog.admin import comments, images, imports, posts, redirects

__all__ = ["comments", "images", "imports", "posts", "redirects"]
