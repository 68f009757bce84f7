"""Each post gets a language (the site's default for every post written so far) and a
translation group of its own; translations made later join their source's group."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

import blog.models.posts


def a_group_each(apps, schema_editor):
    # A field's default is computed once for all rows: each post needs its own group.
    Post = apps.get_model("blog", "Post")
    for pk in Post.objects.values_list("pk", flat=True).iterator():
        Post.objects.filter(pk=pk).update(translation_group=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0017_body_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="language",
            field=models.CharField(
                db_index=True,
                default=blog.models.posts.default_language,
                help_text="The language the post is written in.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="post",
            name="translated_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The version this one was translated from.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="translations_made",
                to="blog.post",
            ),
        ),
        migrations.AddField(
            model_name="post",
            name="translated_from_version",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="post",
            name="translation_group",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(a_group_each, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="post",
            name="translation_group",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
        migrations.AddConstraint(
            model_name="post",
            constraint=models.UniqueConstraint(
                fields=("translation_group", "language"), name="post_one_per_language"
            ),
        ),
    ]
