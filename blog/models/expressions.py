"""A database function Django does not ship for every backend."""

from django.db import models


class JSONList(models.Aggregate):
    """The aggregated values as one JSON list: SQLite's json_group_array, PostgreSQL's
    jsonb_agg (jsonb: Django's PostgreSQL backend hands it over as text, as the
    JSONField expects). Order is not guaranteed; sort in Python."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)
