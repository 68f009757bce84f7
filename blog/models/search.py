from django.conf.locale import LANG_INFO
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

# Letters people type either way: "seki" for "Şəki", "елка" for "ёлка"; and "<", which
# PostgreSQL's parser reads as the start of a tag ("<script>" written in a post would
# hide the words after it). Each becomes one character (İ included, whose lower case is
# two in Python), so folded text lines up with the text it was folded from character
# for character: what snippets rely on.
_FOLDED_LETTERS = str.maketrans(
    "ƏəIıİiÖöÜüŞşÇçĞğЁё<",
    "eeiiiioouussccgg\u0435\u0435 ",  # the Cyrillic е
)


class _FoldTable(dict):
    """Every other character in its lower case, when that is one character."""

    def __missing__(self, code: int) -> str:
        lower = chr(code).lower()
        self[code] = folded = lower if len(lower) == 1 else chr(code)
        return folded


_FOLD = _FoldTable(_FOLDED_LETTERS)


def fold(text: str) -> str:
    """`text` in lower case with the letters of `_FOLDED_LETTERS` folded, as the search
    index holds it and queries are matched against it; as long as `text`, character for
    character (per character, so a part of `text` folds to that part of `fold(text)`)."""
    return text.translate(_FOLD)


# The text search configurations PostgreSQL 15 ships (Django 6.1 needs 15 or later;
# later versions ship the same): a language is searched with the one of its English
# name, "simple" (words as written, no stemming) for the others, Azerbaijani among them.
POSTGRES_CONFIGS = frozenset({
    "arabic", "armenian", "basque", "catalan", "danish", "dutch", "english", "finnish",
    "french", "german", "greek", "hindi", "hungarian", "indonesian", "irish", "italian",
    "lithuanian", "nepali", "norwegian", "portuguese", "romanian", "russian", "serbian",
    "simple", "spanish", "swedish", "tamil", "turkish", "yiddish",
})  # fmt: skip


def postgres_config(language: str | None) -> str:
    """The PostgreSQL text search configuration of a language code: "russian" for "ru",
    "english" for "en" and "en-gb", "norwegian" for "nb", "simple" for "az"."""
    code = (language or "").lower()
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}
    if "fallback" in info:
        info = LANG_INFO.get(info["fallback"][0], {})
    for word in info.get("name", "").lower().split():
        if word in POSTGRES_CONFIGS:
            return word
    return "simple"


class SearchConfigField(models.CharField):
    """The name of a text search configuration: a `regconfig` column on PostgreSQL, which
    a generated column may pass to to_tsvector() (a text column would need a cast that
    PostgreSQL does not accept there), plain text elsewhere."""

    def db_type(self, connection):
        if connection.vendor == "postgresql":
            return "regconfig"
        return super().db_type(connection)

    def get_placeholder_sql(self, value, compiler, connection):
        # Sent apart from the SQL, a value is text, which PostgreSQL does not turn into a
        # regconfig by itself.
        if connection.vendor == "postgresql":
            if hasattr(value, "as_sql"):
                sql, params = compiler.compile(value)
                return f"({sql})::regconfig", params
            return "%s::regconfig", (value,)
        if hasattr(value, "as_sql"):
            return compiler.compile(value)
        return "%s", (value,)


class DocumentVector(models.Expression):
    """The weighted document PostgreSQL searches and ranks: the `vector` column of
    blog_searchdocument, which PostgreSQL computes whenever a row is written (a stored
    generated column, GIN-indexed; migrations 0011 and 0020 say why). Not a model field:
    SQLite has no such column. For querysets of SearchDocument, whose table it names by
    the alias the query gives it."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        qn = compiler.quote_name
        return f"{qn(compiler.query.get_initial_alias())}.{qn('vector')}", []


class SearchDocument(models.Model):
    """A post as search reads it: plain text (HTML stripped, entities decoded) with its
    tag and writer names, as written (what snippets show) and folded (`fold()`: what the
    databases index and match). Rebuilt by `blog.public.search.index_post` whenever the
    post, its tags or its writers change.

    On PostgreSQL, migration 0020 adds the `vector` column (the folded fields read with
    the document's `config`) and its GIN index (`DocumentVector`; outside the model
    state, which SQLite shares): a migration that changes or drops a column it reads must
    drop and re-add it (see that migration). On SQLite, triggers copy every change of the
    folded fields into the FTS5 table `blog_search_fts`; a later migration that alters
    this table on SQLite remakes it and drops them, so it must create them again
    (`blog.public.search.FTS_SQL`)."""

    post = models.OneToOneField(
        "blog.Post", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField()
    text = models.TextField(help_text="The excerpt, then the body as plain text.")
    tags = models.TextField(blank=True)
    writers = models.TextField(blank=True)
    folded_title = models.TextField(blank=True, default="")
    folded_text = models.TextField(blank=True, default="")
    folded_tags = models.TextField(blank=True, default="")
    folded_writers = models.TextField(blank=True, default="")
    config = SearchConfigField(
        max_length=63,
        default="simple",
        help_text="PostgreSQL's text search configuration for the post's language.",
    )

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title
