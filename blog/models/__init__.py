from blog.models.comments import Comment, CommentQuerySet, CommentStatus, build_thread
from blog.models.images import Image, Rendition, RenditionKind
from blog.models.moderation import BlockedTerm, BlockKind, ModerationEvent
from blog.models.posts import (
    Author,
    CommentPolicy,
    Post,
    PostAuthor,
    PostQuerySet,
    PostStatus,
    PublicationEvent,
    Tag,
    TaggedPost,
)
from blog.models.search import SearchDocument
from blog.models.views import DailyPostViews, PostView

__all__ = [
    "Author",
    "BlockKind",
    "BlockedTerm",
    "Comment",
    "CommentPolicy",
    "CommentQuerySet",
    "CommentStatus",
    "DailyPostViews",
    "Image",
    "ModerationEvent",
    "Post",
    "PostAuthor",
    "PostQuerySet",
    "PostStatus",
    "PostView",
    "PublicationEvent",
    "Rendition",
    "RenditionKind",
    "SearchDocument",
    "Tag",
    "TaggedPost",
    "build_thread",
]
