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

__all__ = [
    "Author",
    "BlockKind",
    "BlockedTerm",
    "Comment",
    "CommentPolicy",
    "CommentQuerySet",
    "CommentStatus",
    "ModerationEvent",
    "Post",
    "PostAuthor",
    "PostQuerySet",
    "PostStatus",
    "Tag",
    "TaggedPost",
    "build_thread",
]
