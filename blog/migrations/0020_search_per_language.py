# Search per language: each SearchDocument also holds its text folded ("Şəki" as "seki",
# "ёлка" as "елка"; blog.models.search.fold) and the PostgreSQL text search configuration
# of its post's language, and both databases index the folded text:
#
# - PostgreSQL: the stored generated `vector` of 0011 now reads the folded fields with
#   the row's own configuration (`config`, a regconfig column: "russian" stems Russian,
#   "simple" keeps Azerbaijani words whole); same GIN index.
# - SQLite: the FTS5 table of 0007 is made again over the folded fields.
#
# The snippets still show the text as written (blog.public.search.highlight). The
# documents of existing posts are rebuilt here; nothing to run by hand.
from importlib import import_module

from django.db import migrations, models

import blog.models.search

search_0007 = import_module("blog.migrations.0007_search")
search_0011 = import_module("blog.migrations.0011_search_vector_stored")

INDEX_NAME = "search_document_vector"
# Frozen here, as blog.public.search has them today (FTS_SQL, VECTOR_SQL).
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
    "INSERT INTO blog_search_fts(blog_search_fts) VALUES ('rebuild')",
]
VECTOR_SQL = """
    setweight(to_tsvector(config, folded_title), 'A')
    || setweight(to_tsvector(config, folded_tags || ' ' || folded_writers), 'B')
    || setweight(to_tsvector(config, folded_text), 'C')
"""


def drop_search_of_0011(apps, schema_editor):
    """Before the columns change: PostgreSQL refuses to alter a table under a generated
    column that reads it, and SQLite's table remake would drop the triggers."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in search_0007.FTS_DROP_SQL:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE blog_searchdocument DROP COLUMN vector")  # + index


def restore_search_of_0011(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in search_0007.FTS_SQL:
            schema_editor.execute(statement)
        schema_editor.execute("INSERT INTO blog_search_fts(blog_search_fts) VALUES ('rebuild')")
    elif vendor == "postgresql":
        search_0011.store_vector(apps, schema_editor)


def create_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in FTS_SQL:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        # The documents just written have their foreign keys checked at commit, and
        # PostgreSQL alters no table with checks pending: now, then deferred again.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(
            f"ALTER TABLE blog_searchdocument ADD COLUMN vector tsvector "
            f"GENERATED ALWAYS AS ({VECTOR_SQL}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {INDEX_NAME} ON blog_searchdocument USING gin (vector)"
        )
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def drop_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in search_0007.FTS_DROP_SQL:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE blog_searchdocument DROP COLUMN vector")


def index_posts(apps, schema_editor):
    """Every post's document again, as blog.public.search.index_post() writes it (tag
    names in the post's language included), while no trigger or generated column is
    there to recompute the index row by row."""
    from blog.public.search import document_fields, tag_names

    Post = apps.get_model("blog", "Post")
    SearchDocument = apps.get_model("blog", "SearchDocument")
    SearchDocument.objects.all().delete()
    posts = Post.objects.prefetch_related("post_authors__author", "tagged__tag")
    batch = []
    for post in posts.iterator(chunk_size=500):
        tags = sorted((link.tag.name, link.tag.name_translations) for link in post.tagged.all())
        writers = sorted(post.post_authors.all(), key=lambda link: (link.position, link.pk))
        fields = document_fields(
            title=post.title,
            excerpt=post.excerpt,
            body=post.body,
            tags=tag_names(tags, post.language),
            writers=[link.author.name for link in writers],
            language=post.language,
        )
        batch.append(SearchDocument(post_id=post.pk, **fields))
        if len(batch) == 500:
            SearchDocument.objects.bulk_create(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0019_writer_and_tag_translations"),
    ]

    operations = [
        migrations.RunPython(drop_search_of_0011, restore_search_of_0011),
        migrations.AddField(
            model_name="searchdocument",
            name="folded_title",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="folded_text",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="folded_tags",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="folded_writers",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="config",
            field=blog.models.search.SearchConfigField(
                default="simple",
                help_text="PostgreSQL's text search configuration for the post's language.",
                max_length=63,
            ),
        ),
        migrations.RunPython(index_posts, migrations.RunPython.noop),
        migrations.RunPython(create_search, drop_search),
    ]
