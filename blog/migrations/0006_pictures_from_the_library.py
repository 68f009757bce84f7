import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Covers and writers' pictures come from the picture library. Nothing was deployed
    with the old file fields, so they are replaced rather than converted."""

    dependencies = [
        ("blog", "0005_image_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="post", name="cover"),
        migrations.RemoveField(model_name="post", name="cover_width"),
        migrations.RemoveField(model_name="post", name="cover_height"),
        migrations.RemoveField(model_name="post", name="cover_alt"),
        migrations.RemoveField(model_name="author", name="picture"),
        migrations.AddField(
            model_name="post",
            name="cover",
            field=models.ForeignKey(
                blank=True,
                help_text="Wide picture shown above the post and in shared links, from the "
                "library (its description is read to readers who cannot see it).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="covered_posts",
                to="blog.image",
            ),
        ),
        migrations.AddField(
            model_name="author",
            name="picture",
            field=models.ForeignKey(
                blank=True,
                help_text="The writer's picture from the library, shown as a square crop.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="blog.image",
            ),
        ),
    ]
