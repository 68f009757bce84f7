"""Search over published posts: PostgreSQL full-text search on PostgreSQL, SQLite's FTS5
on the embedded default. Both read the same `SearchDocument` rows, which `index_post()`
keeps up to date; the view calls `search_posts()` and never asks which database runs.

Posts of every language are found, the reader's language's first (then the rest, best
match first): a reader on /ru/search/ who types a name or an English word still finds
the English post about it, and one list says plainly where to look. Both databases match
folded text (`fold()`: "seki" finds "Şəki", "елка" finds "ёлка"), and the snippets show
the text as written, mapped back from the folded one character for character."""

import html
import re
import unicodedata
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Expression,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from blog.models import Author, Post, PostAuthor, SearchDocument, Tag, TaggedPost
from blog.models.search import DocumentVector, fold, postgres_config

# Longer queries are cut: nobody types more, and each word costs the database work.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Snippets mark matches with two control characters no stored text contains (they are
# removed when indexing), so the text can be escaped before the marks become <mark>.
MARK_START, MARK_END = "\x02", "\x03"
# Where FTS5 cut the text, and where a snippet (folded, marked) ends and the same stretch
# of the text as written begins (see `highlight()`).
ELLIPSIS, AS_WRITTEN = "\x05", "\x01"
_NO_MARKS = str.maketrans("", "", AS_WRITTEN + MARK_START + MARK_END + ELLIPSIS)
_UNMARKED = str.maketrans("", "", MARK_START + MARK_END + ELLIPSIS)
# Letters and digits of any script: quotes, operators, NUL bytes and emoji fall away.
_TERM = re.compile(r"[^\W_]+")
_BLOCK_TAG = re.compile(r"</?(?:p|br|h\d|li|ul|ol|blockquote|figure|figcaption|pre|hr)\b")

# The FTS5 index of SearchDocument's folded fields ("external content": the text is
# stored once, in blog_searchdocument), kept in step by triggers. Porter stems English
# words only (SQLite has no stemmer for Russian or Azerbaijani: "мир" does not find
# "миром" there, PostgreSQL's is the stemming search); unicode61 folds case and other
# diacritics ("é"), after `fold()` did the letters it leaves ("ə", "ı", "ё").
FTS_SQL = [
    """CREATE VIRTUAL TABLE blog_search_fts USING fts5(
        folded_title, folded_text, folded_tags, folded_writers,
        content='blog_searchdocument', content_rowid='post_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER blog_search_fts_insert AFTER INSERT ON blog_searchdocument BEGIN
        INSERT INTO blog_search_fts(rowid, folded_title, folded_text, folded_tags,
                                    folded_writers)
        VALUES (new.post_id, new.folded_title, new.folded_text, new.folded_tags,
                new.folded_writers);
    END""",
    """CREATE TRIGGER blog_search_fts_delete AFTER DELETE ON blog_searchdocument BEGIN
        INSERT INTO blog_search_fts(blog_search_fts, rowid, folded_title, folded_text,
                                    folded_tags, folded_writers)
        VALUES ('delete', old.post_id, old.folded_title, old.folded_text, old.folded_tags,
                old.folded_writers);
    END""",
    """CREATE TRIGGER blog_search_fts_update AFTER UPDATE ON blog_searchdocument BEGIN
        INSERT INTO blog_search_fts(blog_search_fts, rowid, folded_title, folded_text,
                                    folded_tags, folded_writers)
        VALUES ('delete', old.post_id, old.folded_title, old.folded_text, old.folded_tags,
                old.folded_writers);
        INSERT INTO blog_search_fts(rowid, folded_title, folded_text, folded_tags,
                                    folded_writers)
        VALUES (new.post_id, new.folded_title, new.folded_text, new.folded_tags,
                new.folded_writers);
    END""",
    # The rows already there (a migration creates the table over existing documents).
    "INSERT INTO blog_search_fts(blog_search_fts) VALUES ('rebuild')",
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
# The weighted document PostgreSQL stores for each row (migration 0020): title A, tags
# and writers B, the text C, all folded, each read with the row's own configuration
# (`SearchDocument.config`: "russian" stems Russian, "simple" keeps Azerbaijani words).
VECTOR_SQL = """
    setweight(to_tsvector(config, folded_title), 'A')
    || setweight(to_tsvector(config, folded_tags || ' ' || folded_writers), 'B')
    || setweight(to_tsvector(config, folded_text), 'C')
"""


# A word of three letters or more matches as the start of a word too where nothing stems
# it: Azerbaijani (PostgreSQL has no stemmer for it; on its pages) and, on SQLite, every
# language but English (Porter stems English only). Both are inflected by endings, so
# "Bakı" must find "Bakıda" and "мир" "миром". A shorter word matches whole, or "a"
# would match half the language.
PREFIX_FROM = 3


def search_terms(query: str) -> list[str]:
    """The words of a reader's query, and nothing else: whatever they type, the
    database receives plain words, never its own query syntax."""
    query = unicodedata.normalize("NFKC", query[:MAX_QUERY_LENGTH])
    return _TERM.findall(query)[:MAX_TERMS]


def search_posts(query: str, language: str | None = None) -> QuerySet[Post]:
    """Published posts containing every word of `query` (or a word of the same stem),
    those written in `language` first (the reader's: `get_language()`), then best match
    first, as cards with `search_snippet`: the matching stretch of the text, folded and
    marked, then as written (see `highlight()`). No posts for a query without words."""
    terms = [fold(term) for term in search_terms(query)]
    if not terms:
        return Post.objects.none()
    if connection.vendor == "postgresql":
        posts, rank = _postgres_search(terms, language)
    else:
        posts, rank = _sqlite_search(terms)
    order = [rank, "-published_at", "-pk"]
    if language:
        order.insert(0, Case(When(language=language, then=Value(0)), default=Value(1)))
    return posts.order_by(*order)


def query_configs(language: str | None = None) -> list[str]:
    """The PostgreSQL configurations a query is read with: the reader's language's, the
    other site languages' (their posts are listed too, and "миром" typed on an English
    page should find the Russian post as it would on a Russian one) and "simple" (names
    and words as written)."""
    languages = [language, *(code for code, _name in settings.LANGUAGES)]
    return list(dict.fromkeys([*(postgres_config(code) for code in languages if code), "simple"]))


def postgres_query(terms: list[str], language: str | None = None) -> SearchQuery:
    """Every word of `terms` (folded), in any of `query_configs(language)`: one tsquery,
    which the GIN index of the stored vector serves."""
    # Raw tsquery syntax is safe here: a term is letters and digits only (search_terms).
    # Words are matched by their start only where the reader's language has no stemmer
    # (Azerbaijani), and then in "simple" alone: a Russian page's "мир" finds "миром" by
    # its stem, not "Мирон" by its start.
    whole = " & ".join(terms)
    starts = " & ".join(f"{term}:*" if len(term) >= PREFIX_FROM else term for term in terms)
    by_start = postgres_config(language) == "simple"
    return reduce(
        or_,
        (
            SearchQuery(starts if by_start and c == "simple" else whole, search_type="raw",
                        config=c)
            for c in query_configs(language)
        ),
    )  # fmt: skip


class _PostgresSnippet(Expression):
    """The best stretch of a post's folded text for `query` with its matches marked
    (ts_headline, read with the post's configuration), then AS_WRITTEN and the same
    stretch of the text as written: found by where the unmarked stretch sits in the
    folded text, whose characters are the original's one for one. OFFSET 0 keeps
    PostgreSQL from computing the headline once for each use of it."""

    output_field = TextField()
    options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=15"

    def __init__(self, query):
        super().__init__()
        self.query = query

    def get_source_expressions(self):
        return [self.query]

    def set_source_expressions(self, exprs):
        [self.query] = exprs

    def as_sql(self, compiler, connection):
        query_sql, query_params = compiler.compile(self.query)
        qn = compiler.quote_name
        post = f"{qn(compiler.query.get_initial_alias())}.{qn('id')}"
        # Constant SQL but for the compiled query, whose values travel as parameters.
        sql = f"""(
            SELECT h.marked || chr(1) || substr(h.text, strpos(h.folded, h.plain),
                                                length(h.plain))
            FROM (
                SELECT m.marked, m.text, m.folded,
                       translate(m.marked, chr(2) || chr(3), '') AS plain
                FROM (
                    SELECT d.text, d.folded_text AS folded,
                           ts_headline(d.config, d.folded_text, {query_sql}, %s) AS marked
                    FROM blog_searchdocument AS d WHERE d.post_id = {post}
                    OFFSET 0
                ) AS m
            ) AS h
        )"""  # noqa: S608
        return sql, (*query_params, self.options)


def _postgres_search(terms: list[str], language: str | None):
    query = postgres_query(terms, language)
    documents = SearchDocument.objects.filter(post=OuterRef("pk"))
    matching = SearchDocument.objects.alias(vector=DocumentVector()).filter(vector=query)
    rank = documents.annotate(rank=SearchRank(DocumentVector(), query)).values("rank")
    posts = (
        Post.objects.for_cards()
        .filter(pk__in=matching.values("post_id"))
        .annotate(search_rank=Subquery(rank), search_snippet=_PostgresSnippet(query))
    )
    return posts, F("search_rank").desc()


def _sqlite_search(terms: list[str]):
    # Each word quoted: FTS5 then reads it as a word, never as AND, NEAR( or a column.
    match = " ".join(
        '"{}"{}'.format(term.replace('"', '""'), "*" if len(term) >= PREFIX_FROM else "")
        for term in terms
    )
    matching = "FROM blog_search_fts WHERE blog_search_fts MATCH %s"
    one_post = f"{matching} AND rowid = blog_post.id"
    # The snippet of the folded text, then the same stretch of the text as written (see
    # _PostgresSnippet); LIMIT 1 keeps SQLite from computing the snippet for each use.
    unmarked = "replace(replace(replace(s.marked, char(2), ''), char(3), ''), char(5), '')"
    snippet = f"""
        SELECT s.marked || char(1) || substr(d.text, instr(d.folded_text, {unmarked}),
                                             length({unmarked}))
        FROM (SELECT snippet(blog_search_fts, 1, char(2), char(3), char(5), 24) AS marked
              {one_post} LIMIT 1) AS s
        JOIN blog_searchdocument AS d ON d.post_id = blog_post.id
    """  # noqa: S608 - constant SQL; the words travel as the parameter
    posts = (
        Post.objects.for_cards()
        # Constant SQL; the reader's words only ever travel as the parameter.
        .filter(pk__in=RawSQL(f"SELECT rowid {matching}", [match]))  # noqa: S611
        .annotate(
            search_rank=RawSQL(f"SELECT {FTS_RANK} {one_post}", [match]),  # noqa: S611
            search_snippet=RawSQL(snippet, [match]),  # noqa: S611
        )
    )
    return posts, F("search_rank").asc()  # bm25: lower is better


def highlight(snippet: str | None) -> SafeString:
    """A snippet as HTML: the text as written, escaped, then each match inside <mark>."""
    escaped = escape(as_written(snippet or ""))
    return mark_safe(  # noqa: S308 - escaped above; only the marks become tags
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def as_written(snippet: str) -> str:
    """A snippet of the search (the folded stretch with its marks, AS_WRITTEN, the same
    stretch as written) as the text as written with the marks of the folded one: the
    two line up character for character. Should they not (a text indexed by another
    rule), the folded stretch is shown."""
    marked, _sep, written = snippet.partition(AS_WRITTEN)
    if fold(written) != marked.translate(_UNMARKED):
        return marked.replace(ELLIPSIS, "…")
    letters = iter(written)
    return "".join(
        char if char in (MARK_START, MARK_END) else "…" if char == ELLIPSIS else next(letters)
        for char in marked
    )


def plain_text(body_html: str) -> str:
    """What a reader reads of stored HTML: no tags, entities decoded, spaces collapsed."""
    # A space before each block tag, so "</p><p>" does not glue two words into one.
    spaced = _BLOCK_TAG.sub(r" \g<0>", body_html or "")
    return " ".join(html.unescape(strip_tags(spaced)).split())


def document_fields(
    *, title: str, excerpt: str, body: str, tags: list[str], writers: list[str], language: str
) -> dict[str, str]:
    """The fields of a post's SearchDocument: its text as written (composed, NFC, and
    without the control characters snippets use), the same folded, and the PostgreSQL
    configuration of its language."""
    written = {
        "title": title,
        "text": f"{excerpt}\n{plain_text(body)}".strip(),
        "tags": " ".join(tags),
        "writers": " ".join(writers),
    }
    written = {
        name: unicodedata.normalize("NFC", value.translate(_NO_MARKS))
        for name, value in written.items()
    }
    folded = {f"folded_{name}": fold(value) for name, value in written.items()}
    return {**written, **folded, "config": postgres_config(language)}


def tag_names(names_and_translations, language: str) -> list[str]:
    """Tag names, each with its name in `language` when it has one: a Russian post
    tagged "peace" (in Russian "мир") is found by either."""
    names = []
    for name, translations in names_and_translations:
        names.append(name)
        local = (translations or {}).get(language, "")
        if local and local != name:
            names.append(local)
    return names


def index_post(post: Post | int) -> None:
    """Rebuild the search document of one post: its text, tag and writer names."""
    if not isinstance(post, Post):
        post = Post.objects.filter(pk=post).only("title", "excerpt", "body", "language").first()
        if post is None:
            return
    tags = TaggedPost.objects.filter(content_object=post).order_by("tag__name")
    writers = PostAuthor.objects.filter(post=post).order_by("position", "pk")
    fields = document_fields(
        title=post.title,
        excerpt=post.excerpt,
        body=post.body,
        tags=tag_names(tags.values_list("tag__name", "tag__name_translations"), post.language),
        writers=list(writers.values_list("author__name", flat=True)),
        language=post.language,
    )
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
