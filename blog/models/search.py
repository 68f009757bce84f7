from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

# The weighted document PostgreSQL searches. Migration 0003 builds a GIN index on exactly
# this expression, and blog.search queries exactly it, so the planner can use the index.
SEARCH_CONFIG = "english"
SEARCH_VECTOR = (
    SearchVector("title", weight="A", config=SEARCH_CONFIG)
    + SearchVector("tags", "writers", weight="B", config=SEARCH_CONFIG)
    + SearchVector("text", weight="C", config=SEARCH_CONFIG)
)


class Inlined(models.Expression):
    """An expression with its values written into the SQL, as in the index definition.

    Sent as parameters ($1::regconfig, setweight(..., $5)), the vector stops being the
    index's expression as soon as PostgreSQL reuses a prepared statement's generic plan
    (settings: DATABASE_PREPARED_STATEMENTS): the plan cannot know the values, so every
    search read all posts. Only constants of this module go in, quoted by psycopg."""

    def __init__(self, expression, output_field):
        super().__init__(output_field=output_field)
        self.expression = expression

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.expression)
        # The result goes back into a query that has parameters of its own: a % in it
        # must not be read as a placeholder.
        return connection.ops.compose_sql(sql, params).replace("%", "%%"), []


# What a search filters on: the GIN index's expression, word for word.
INDEXED_VECTOR = Inlined(SEARCH_VECTOR, output_field=SearchVectorField())


class SearchDocument(models.Model):
    """A post as search reads it: plain text (HTML stripped, entities decoded) with its
    tag and writer names. Rebuilt by `blog.search.index_post` whenever the post, its tags
    or its writers change. On PostgreSQL, migration 0003 adds a GIN index on
    `SEARCH_VECTOR` (outside the model state: Meta cannot hold an index SQLite refuses).
    On SQLite, triggers of migration 0003 copy every change into
    the FTS5 table `blog_search_fts`; a later migration that alters this table on SQLite
    remakes it and drops them, so it must create them again (`blog.search.FTS_SQL`)."""

    post = models.OneToOneField(
        "blog.Post", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField()
    text = models.TextField(help_text="The excerpt, then the body as plain text.")
    tags = models.TextField(blank=True)
    writers = models.TextField(blank=True)

    def __str__(self):
        return self.title
