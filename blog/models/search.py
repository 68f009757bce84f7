from django.contrib.postgres.search import SearchVectorField
from django.db import models

SEARCH_CONFIG = "english"


class DocumentVector(models.Expression):
    """The weighted document PostgreSQL searches and ranks: the `vector` column of
    blog_searchdocument, which PostgreSQL computes whenever a row is written (a stored
    generated column, GIN-indexed; migration 0011 says why). Not a model field: SQLite
    has no such column. For querysets of SearchDocument, whose table it names by the
    alias the query gives it."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        qn = compiler.quote_name
        return f"{qn(compiler.query.get_initial_alias())}.{qn('vector')}", []


class SearchDocument(models.Model):
    """A post as search reads it: plain text (HTML stripped, entities decoded) with its
    tag and writer names. Rebuilt by `blog.public.search.index_post` whenever the post, its tags
    or its writers change. On PostgreSQL, migration 0011 adds the `vector` column
    and its GIN index (`DocumentVector`; outside the model state, which SQLite shares):
    a migration that changes or drops title, text, tags or writers must drop and re-add
    it (see that migration). On SQLite, triggers of migration 0007 copy every change into
    the FTS5 table `blog_search_fts`; a later migration that alters this table on SQLite
    remakes it and drops them, so it must create them again (`blog.public.search.FTS_SQL`)."""

    post = models.OneToOneField(
        "blog.Post", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField()
    text = models.TextField(help_text="The excerpt, then the body as plain text.")
    tags = models.TextField(blank=True)
    writers = models.TextField(blank=True)

    def __str__(self):
        return self.title
