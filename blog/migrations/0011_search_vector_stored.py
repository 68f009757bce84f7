# Search on PostgreSQL reads a stored vector: a generated column of blog_searchdocument,
# with the GIN index on it, instead of an index on an expression that every ranked match
# had to compute again from the text (0.18 ms a post: 15 ms for a word in 84 posts of
# the bench site, growing with the matches). SQLite searches its FTS5 table: no change.
#
# The column is outside Django's model state, as the index was (SQLite has no tsvector):
# blog.models.search.DocumentVector names it in queries. The column reads title, text,
# tags and writers: PostgreSQL refuses to change their type while it exists, and
# dropping one of them (Django drops with CASCADE) silently drops `vector` too, after
# which every search fails. A later migration touching them must drop `vector` first
# and add it back (this file's SQL) after; tests/test_search.py fails without it.
from django.db import migrations

INDEX_NAME = "search_document_vector"
# The weighted document of 0007's index, word for word: title A, tags and writers B,
# the text C, English stemming.
VECTOR_SQL = """
    setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig,
                             COALESCE(tags, '') || ' ' || COALESCE(writers, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, COALESCE(text, '')), 'C')
"""


def store_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
    schema_editor.execute(
        f"ALTER TABLE blog_searchdocument ADD COLUMN vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR_SQL}) STORED"
    )
    schema_editor.execute(f"CREATE INDEX {INDEX_NAME} ON blog_searchdocument USING gin (vector)")


def compute_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE blog_searchdocument DROP COLUMN vector")  # and its index
    schema_editor.execute(
        f"CREATE INDEX {INDEX_NAME} ON blog_searchdocument USING gin (({VECTOR_SQL}))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0010_comment_email_upper"),
    ]

    operations = [
        migrations.RunPython(store_vector, compute_vector),
    ]
