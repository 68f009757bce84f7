from blog.models.comments import Comment, CommentQuerySet, CommentStatus, build_thread
from blog.models.moderation import BlockedTerm, BlockKind, ModerationEvent
from blog.models.posts import (
    Author,
    CommentPolicy,
    Post,
    PostAuthor,
    PostQuerySet,
    PostStatus,
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
    "ModerationEvent",
    "Post",
    "PostAuthor",
    "PostQuerySet",
    "PostStatus",
    "PostView",
    "SearchDocument",
    "Tag",
    "TaggedPost",
    "build_thread",
]
