"""Search over published posts: PostgreSQL full-text search on PostgreSQL, SQLite's FTS5
on the embedded default. Both read the same `SearchDocument` rows, which `index_post()`
keeps up to date; the view calls `search_posts()` and never asks which database runs."""

import html
import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Replace
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from blog.models import Author, Post, PostAuthor, SearchDocument, Tag, TaggedPost
from blog.models.search import SEARCH_CONFIG, DocumentVector

# Longer queries are cut: nobody types more, and each word costs the database work.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Snippets mark matches with two control characters no stored text contains (they are
# removed when indexing), so the text can be escaped before the marks become <mark>.
MARK_START, MARK_END = "\x02", "\x03"
# PostgreSQL's headline parser drops anything shaped like a tag ("<script>" written as
# text in a post), so "<" reaches it as this stand-in and comes back in `highlight()`.
LESS_THAN = "\x04"
_NO_MARKS = str.maketrans("", "", MARK_START + MARK_END + LESS_THAN)
# Letters and digits of any script: quotes, operators, NUL bytes and emoji fall away.
_TERM = re.compile(r"[^\W_]+")
_BLOCK_TAG = re.compile(r"</?(?:p|br|h\d|li|ul|ol|blockquote|figure|figcaption|pre|hr)\b")

# The FTS5 index of SearchDocument ("external content": the text is stored once, in
# blog_searchdocument), kept in step by triggers. Porter stems English words;
# unicode61 folds case and diacritics in every script ("ŞƏKİ" finds "Şəki").
FTS_SQL = [
    """CREATE VIRTUAL TABLE blog_search_fts USING fts5(
        title, text, tags, writers,
        content='blog_searchdocument', content_rowid='post_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER blog_search_fts_insert AFTER INSERT ON blog_searchdocument BEGIN
        INSERT INTO blog_search_fts(rowid, title, text, tags, writers)
        VALUES (new.post_id, new.title, new.text, new.tags, new.writers);
    END""",
    """CREATE TRIGGER blog_search_fts_delete AFTER DELETE ON blog_searchdocument BEGIN
        INSERT INTO blog_search_fts(blog_search_fts, rowid, title, text, tags, writers)
        VALUES ('delete', old.post_id, old.title, old.text, old.tags, old.writers);
    END""",
    """CREATE TRIGGER blog_search_fts_update AFTER UPDATE ON blog_searchdocument BEGIN
        INSERT INTO blog_search_fts(blog_search_fts, rowid, title, text, tags, writers)
        VALUES ('delete', old.post_id, old.title, old.text, old.tags, old.writers);
        INSERT INTO blog_search_fts(rowid, title, text, tags, writers)
        VALUES (new.post_id, new.title, new.text, new.tags, new.writers);
    END""",
]
FTS_DROP_SQL = [
    "DROP TRIGGER IF EXISTS blog_search_fts_insert",
    "DROP TRIGGER IF EXISTS blog_search_fts_delete",
    "DROP TRIGGER IF EXISTS blog_search_fts_update",
    "DROP TABLE IF EXISTS blog_search_fts",
]
# bm25 weights of the FTS5 columns (title, text, tags, writers): a word in the title
# counts most, like weight A on PostgreSQL.
FTS_RANK = "bm25(blog_search_fts, 10.0, 1.0, 4.0, 4.0)"


def search_terms(query: str) -> list[str]:
    """The words of a reader's query, and nothing else: whatever they type, the
    database receives plain words, never its own query syntax."""
    query = unicodedata.normalize("NFKC", query[:MAX_QUERY_LENGTH])
    return _TERM.findall(query)[:MAX_TERMS]


def search_posts(query: str) -> QuerySet[Post]:
    """Published posts containing every word of `query` (or a word of the same stem),
    best match first, as cards with `search_snippet`: plain text where the matches are
    framed by MARK_START and MARK_END (see `highlight()`). No posts for a query
    without words."""
    terms = search_terms(query)
    if not terms:
        return Post.objects.none()
    if connection.vendor == "postgresql":
        return _postgres_search(terms)
    return _sqlite_search(terms)


def _postgres_search(terms: list[str]) -> QuerySet[Post]:
    query = SearchQuery(" ".join(terms), search_type="plain", config=SEARCH_CONFIG)
    documents = SearchDocument.objects.filter(post=OuterRef("pk"))
    matching = SearchDocument.objects.alias(vector=DocumentVector()).filter(vector=query)
    rank = documents.annotate(rank=SearchRank(DocumentVector(), query)).values("rank")
    headline = SearchHeadline(
        Replace("text", Value("<"), Value(LESS_THAN)),
        query,
        config=SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=30,
        min_words=15,
    )
    snippet = documents.annotate(snippet=headline).values("snippet")
    return (
        Post.objects.for_cards()
        .filter(pk__in=matching.values("post_id"))
        .annotate(search_rank=Subquery(rank), search_snippet=Subquery(snippet))
        .order_by(F("search_rank").desc(), "-published_at", "-pk")
    )


def _sqlite_search(terms: list[str]) -> QuerySet[Post]:
    # Each word quoted: FTS5 then reads it as a word, never as AND, NEAR( or a column.
    match = " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)
    matching = "FROM blog_search_fts WHERE blog_search_fts MATCH %s"
    one_post = f"{matching} AND rowid = blog_post.id"
    snippet = "snippet(blog_search_fts, 1, char(2), char(3), '…', 24)"
    return (
        Post.objects.for_cards()
        # Constant SQL; the reader's words only ever travel as the parameter.
        .filter(pk__in=RawSQL(f"SELECT rowid {matching}", [match]))  # noqa: S611
        .annotate(
            search_rank=RawSQL(f"SELECT {FTS_RANK} {one_post}", [match]),  # noqa: S611
            search_snippet=RawSQL(f"SELECT {snippet} {one_post}", [match]),  # noqa: S611
        )
        .order_by("search_rank", "-published_at", "-pk")  # bm25: lower is better
    )


def highlight(snippet: str | None) -> SafeString:
    """A snippet as HTML: the text escaped, then each match inside <mark>."""
    escaped = escape((snippet or "").replace(LESS_THAN, "<"))
    return mark_safe(  # noqa: S308 - escaped above; only the marks become tags
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def plain_text(body_html: str) -> str:
    """What a reader reads of stored HTML: no tags, entities decoded, spaces collapsed."""
    # A space before each block tag, so "</p><p>" does not glue two words into one.
    spaced = _BLOCK_TAG.sub(r" \g<0>", body_html or "")
    return " ".join(html.unescape(strip_tags(spaced)).split())


def index_post(post: Post | int) -> None:
    """Rebuild the search document of one post: its text, tag and writer names."""
    if not isinstance(post, Post):
        post = Post.objects.filter(pk=post).only("title", "excerpt", "body").first()
        if post is None:
            return
    tags = TaggedPost.objects.filter(content_object=post).order_by("tag__name")
    writers = PostAuthor.objects.filter(post=post).order_by("position", "pk")
    fields = {
        "title": post.title,
        "text": f"{post.excerpt}\n{plain_text(post.body)}".strip(),
        "tags": " ".join(tags.values_list("tag__name", flat=True)),
        "writers": " ".join(writers.values_list("author__name", flat=True)),
    }
    fields = {name: value.translate(_NO_MARKS) for name, value in fields.items()}
    SearchDocument.objects.update_or_create(post_id=post.pk, defaults=fields)


def rebuild_index() -> int:
    """Every post's search document, rebuilt; returns how many."""
    ids = list(Post.objects.values_list("pk", flat=True))
    for pk in ids:
        index_post(pk)
    return len(ids)


# Receivers, not calls in each view: the admin's form and inlines, taggit's manager,
# loaddemo, the shell and the tests all write posts, tags and writers, and the index
# must follow every one of them. They only maintain derived text; no rule lives here.


def _post_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_post(instance)


def _link_changed(sender, instance, raw=False, origin=None, **kwargs):
    # When the post itself is being deleted, its document goes with it (CASCADE).
    if raw or isinstance(origin, Post) or getattr(origin, "model", None) is Post:
        return
    post_id = instance.post_id if isinstance(instance, PostAuthor) else instance.content_object_id
    index_post(post_id)


def _name_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if isinstance(instance, Tag):
        ids = TaggedPost.objects.filter(tag=instance).values_list("content_object_id", flat=True)
    else:
        ids = PostAuthor.objects.filter(author=instance).values_list("post_id", flat=True)
    for pk in list(ids):
        index_post(pk)


def connect_signals() -> None:
    post_save.connect(_post_saved, sender=Post, dispatch_uid="search_post_saved")
    for model in (TaggedPost, PostAuthor):
        for signal in (post_save, post_delete):
            signal.connect(_link_changed, sender=model, dispatch_uid=f"search_{model.__name__}")
    for model in (Tag, Author):
        post_save.connect(_name_changed, sender=model, dispatch_uid=f"search_{model.__name__}")
