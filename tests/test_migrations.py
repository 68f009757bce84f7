import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_comments_written_before_0009_get_their_html():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("blog", "0008_share_renditions")])
    old = executor.loader.project_state([("blog", "0008_share_renditions")]).apps
    post = old.get_model("blog", "Post").objects.create(title="Old", slug="old")
    old.get_model("blog", "Comment").objects.create(
        post=post, author_name="Aysel", author_email="a@example.org",
        body="See https://example.org <b>now</b>",
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from blog.models import Comment

    html = Comment.objects.get().rendered_body
    assert 'href="https://example.org"' in html and 'rel="nofollow ugc"' in html
    assert "&lt;b&gt;now&lt;/b&gt;" in html
