from blog.admin import comments, images, posts

__all__ = ["comments", "images", "posts"]
