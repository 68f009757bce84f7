# Search: the SearchDocument table on every database, then what each database searches
# it with: an FTS5 table and its triggers on SQLite, a GIN index on PostgreSQL.

import html

import django.db.models.deletion
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.utils.html import strip_tags

INDEX_NAME = "search_document_vector"
# The FTS5 table of SearchDocument's fields as written and its triggers, frozen here
# (blog.public.search.FTS_SQL is today's): migration 0020 replaced them with a table of
# the folded fields, and restores these when reversed.
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


def search_vector():
    # Frozen here. Migration 0011 replaced this index with a stored column of the same
    # expression (blog.models.search.DocumentVector), and restores it when reversed.
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("tags", "writers", weight="B", config="english")
        + SearchVector("text", weight="C", config="english")
    )


def create_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in FTS_SQL:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        model = apps.get_model("blog", "SearchDocument")
        schema_editor.add_index(model, GinIndex(search_vector(), name=INDEX_NAME))


def drop_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in FTS_DROP_SQL:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        model = apps.get_model("blog", "SearchDocument")
        schema_editor.remove_index(model, GinIndex(search_vector(), name=INDEX_NAME))


def index_existing_posts(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    SearchDocument = apps.get_model("blog", "SearchDocument")
    for post in Post.objects.prefetch_related("post_authors__author", "tagged__tag"):
        body = " ".join(html.unescape(strip_tags(post.body.replace("<", " <"))).split())
        writers = sorted(post.post_authors.all(), key=lambda link: (link.position, link.pk))
        SearchDocument.objects.create(
            post=post,
            title=post.title,
            text=f"{post.excerpt}\n{body}".strip(),
            tags=" ".join(sorted(link.tag.name for link in post.tagged.all())),
            writers=" ".join(link.author.name for link in writers),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0006_pictures_from_the_library"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "post",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="blog.post",
                    ),
                ),
                ("title", models.TextField()),
                ("text", models.TextField(help_text="The excerpt, then the body as plain text.")),
                ("tags", models.TextField(blank=True)),
                ("writers", models.TextField(blank=True)),
            ],
        ),
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(index_existing_posts, migrations.RunPython.noop),
    ]
