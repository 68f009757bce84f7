"""The editors' admin: posts, comments and the picture library, one module each."""

from blog.admin import comments, images, posts

__all__ = ["comments", "images", "posts"]
