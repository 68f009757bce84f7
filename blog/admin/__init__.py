from blog.admin import comments, posts

__all__ = ["comments", "posts"]
