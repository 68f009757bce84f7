"""SQL the ORM would compose too slowly for a page that runs it on every read."""

from django.db import models


class TagPairs(models.Expression):
    """A post's tags as one JSON list of [slug, name, name_translations] triples, from a
    correlated subquery on the tag tables: SQLite's json_group_array, PostgreSQL's
    jsonb_agg (Django's PostgreSQL backend hands jsonb over as text, as the JSONField
    expects). NULL on
    PostgreSQL when the post has no tag. Order is not guaranteed; sort in Python.

    The same query composed with Subquery, OuterRef and JSONArray cost the ORM 0.9 ms
    of Python on every uncached article, three times what the database spent on it
    (bench/). Here the SQL is written once; the outer post's table is named by the
    alias the query gives it (`compiler.query.get_initial_alias()`)."""

    output_field = models.JSONField()

    def __init__(self, tagged: type[models.Model], tag: type[models.Model]):
        super().__init__()
        self.tagged, self.tag = tagged, tag

    def as_sql(self, compiler, connection):
        qn = compiler.quote_name
        tagged, tag = self.tagged._meta, self.tag._meta
        post = qn(compiler.query.get_initial_alias())
        post_id = compiler.query.model._meta.pk.column
        link = tagged.get_field("content_object").column
        tag_id = tagged.get_field("tag").column
        slug, name = qn(tag.get_field("slug").column), qn(tag.get_field("name").column)
        names = f"t.{qn(tag.get_field('name_translations').column)}"
        if connection.vendor == "postgresql":
            aggregate, array = "JSONB_AGG", "JSONB_BUILD_ARRAY"
        else:  # SQLite keeps JSON as text: json() nests it as an object, not a string
            aggregate, array, names = "JSON_GROUP_ARRAY", "JSON_ARRAY", f"JSON({names})"
        # Names from the models, quoted; no value from anyone.
        sql = (
            f"(SELECT {aggregate}({array}(t.{slug}, t.{name}, {names}))"  # noqa: S608
            f" FROM {qn(tagged.db_table)} tp"
            f" JOIN {qn(tag.db_table)} t ON t.{qn(tag.pk.column)} = tp.{qn(tag_id)}"
            f" WHERE tp.{qn(link)} = {post}.{qn(post_id)})"
        )
        return sql, []


class TranslationPairs(models.Expression):
    """A post's published translations (the other posts of its translation group) as one
    JSON list of [language, slug] pairs, in the post's own query: the article page's
    language switcher and hreflang alternates cost no query of their own. NULL on
    PostgreSQL when there is none. Written in SQL for the reason TagPairs is."""

    output_field = models.JSONField()

    def __init__(self, published_status: str):
        super().__init__()
        self.published_status = published_status

    def as_sql(self, compiler, connection):
        from django.utils import timezone

        qn = compiler.query.model._meta
        quote = compiler.quote_name
        post = quote(compiler.query.get_initial_alias())
        aggregate, array = (
            ("JSONB_AGG", "JSONB_BUILD_ARRAY")
            if connection.vendor == "postgresql"
            else ("JSON_GROUP_ARRAY", "JSON_ARRAY")
        )
        sql = (
            f"(SELECT {aggregate}({array}(o.language, o.slug)) FROM {quote(qn.db_table)} o"  # noqa: S608
            f" WHERE o.translation_group = {post}.translation_group AND o.id <> {post}.id"
            " AND o.status = %s AND o.published_at <= %s)"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        return sql, [self.published_status, now]
