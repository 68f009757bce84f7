"""The data: one module per model family, all re-exported here."""

from blog.models.comments import Comment, CommentQuerySet, CommentStatus, build_thread
from blog.models.images import Image, Rendition, RenditionKind
from blog.models.imports import ImportedItem, ImportRun
from blog.models.moderation import BlockedTerm, BlockKind, ModerationEvent
from blog.models.posts import (
    CommentPolicy,
    Post,
    PostAuthor,
    PostQuerySet,
    PostStatus,
    TaggedPost,
)
from blog.models.publishing import PendingEdit, PublicationEvent
from blog.models.redirects import Redirect, normalize_path
from blog.models.search import SearchDocument
from blog.models.series import (
    Series,
    SeriesPart,
    SeriesPlace,
    SeriesQuerySet,
    series_place,
)
from blog.models.tags import Tag
from blog.models.views import DailyPostViews, PostView
from blog.models.writers import Author

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
    "ImportRun",
    "ImportedItem",
    "ModerationEvent",
    "PendingEdit",
    "Post",
    "PostAuthor",
    "PostQuerySet",
    "PostStatus",
    "PostView",
    "PublicationEvent",
    "Redirect",
    "Rendition",
    "RenditionKind",
    "SearchDocument",
    "Series",
    "SeriesPart",
    "SeriesPlace",
    "SeriesQuerySet",
    "Tag",
    "TaggedPost",
    "build_thread",
    "normalize_path",
    "series_place",
]
