from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import PostAuthor, SearchDocument, Tag
from blog.models.search import SEARCH_CONFIG, DocumentVector
from blog.public.search import MAX_QUERY_LENGTH, search_posts, search_terms
from tests.factories import AuthorFactory, PostFactory
from tests.test_indexes import explain_prepared

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    '"',
    '""',
    "'",
    'peace"',
    "NEAR(peace dialogue)",
    "peace*",
    "*",
    "AND OR NOT",
    "peace AND",
    "title:peace",
    "^peace",
    "-peace",
    "(peace",
    "peace'); DROP TABLE blog_post; --",
    "1 OR 1=1",
    "peace\x00dialogue",
    "\x00",
    "🕊️ peace 🕊️",
    "🕊️",
    "Şəki",
    "ŞƏKİ",
    "Тбилиси",
    "&lt;script&gt;",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
    "peace " * 300,
    "a" * 5000,
]


def search(client, query, **params):
    return client.get(reverse("blog:search"), {"q": query, **params})


def results(response):
    return [post.title for post in response.context["page"].object_list]


def test_finds_published_posts_by_title_excerpt_body_tag_and_writer(client):
    leyla = AuthorFactory(name="Leyla Məmmədova")
    by_title = PostFactory(title="Rivers across borders", published=True)
    by_excerpt = PostFactory(excerpt="Notes from a river valley.", published=True)
    by_body = PostFactory(body="<p>The <strong>river</strong> floods.</p>", published=True)
    by_tag = PostFactory(tags=["river"], published=True)
    PostFactory(title="Mountains", published=True)
    PostFactory(title="A draft about the river")

    titles = results(search(client, "river"))

    assert set(titles) == {by_title.title, by_excerpt.title, by_body.title, by_tag.title}
    writer_post = PostFactory(authors=[leyla], published=True)
    assert results(search(client, "Məmmədova")) == [writer_post.title]


def test_scheduled_posts_are_not_found(client):
    PostFactory(title="Tomorrow's river", status="published",
                published_at=timezone.now() + timedelta(days=1))  # fmt: skip
    assert results(search(client, "river")) == []


def test_words_are_stemmed(client):
    post = PostFactory(body="<p>Neighbours were reconciling after years.</p>", published=True)
    assert results(search(client, "reconciled")) == [post.title]
    assert results(search(client, "neighbour")) == [post.title]


def test_every_word_must_match(client):
    both = PostFactory(body="<p>Water and peace.</p>", published=True)
    PostFactory(body="<p>Water only.</p>", published=True)
    assert results(search(client, "water peace")) == [both.title]


def test_a_title_match_ranks_above_a_body_match(client):
    in_body = PostFactory(title="Notes", body="<p>Some words about dialogue.</p>", published=True)
    in_title = PostFactory(title="Dialogue", body="<p>Other words.</p>", published=True)
    assert results(search(client, "dialogue")) == [in_title.title, in_body.title]


def test_html_is_not_searched_as_words(client):
    PostFactory(body='<p><a href="https://strong.example/">Link</a> <strong>text</strong></p>',
                published=True)  # fmt: skip
    assert results(search(client, "href")) == []
    assert results(search(client, "strong")) == []


def test_snippet_highlights_matches_and_escapes_the_text(client):
    PostFactory(
        body="<p>Bring &lt;script&gt;alert(1)&lt;/script&gt; to the river meeting.</p>",
        published=True,
    )
    response = search(client, "river")
    assertContains(response, "<mark>river</mark>", html=False)
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;", html=False)
    assertNotContains(response, "<script>alert", html=False)


def test_query_is_escaped_on_the_page(client):
    response = search(client, "<img src=x onerror=alert(1)>")
    assert response.status_code == 200
    assertNotContains(response, "<img src=x", html=False)
    assertContains(response, "&lt;img src=x onerror=alert(1)&gt;", html=False)


def test_empty_query_shows_the_form_and_no_results(client):
    PostFactory(published=True)
    for response in (client.get(reverse("blog:search")), search(client, "   ")):
        assertContains(response, 'name="q"')
        assertContains(response, "Search the articles")
        assertNotContains(response, "search-summary")
        assertNotContains(response, 'class="cards"')


def test_no_match_says_so(client):
    PostFactory(published=True)
    assertContains(search(client, "zeppelin"), "No articles match “zeppelin”")


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_get_a_calm_answer(client, query):
    PostFactory(title="Peace and dialogue in Şəki and Тбилиси", published=True)
    response = search(client, query)
    assert response.status_code == 200
    assertContains(response, 'name="q"')


@pytest.mark.parametrize("query", ['peace"', "(peace)", "peace*", "peace AND", "🕊️ peace"])
def test_operators_and_symbols_leave_the_plain_words(client, query):
    post = PostFactory(title="Peace and dialogue", published=True)
    assert results(search(client, query)) == [post.title]


@pytest.mark.parametrize("query", ["Şəki", "şəki", "Тбилиси"])
def test_azerbaijani_and_cyrillic_words_are_found(client, query):
    post = PostFactory(title="From Şəki to Тбилиси", published=True)
    assert results(search(client, query)) == [post.title]


def test_long_queries_are_cut():
    assert len("".join(search_terms("word " * 1000))) < MAX_QUERY_LENGTH
    assert search_terms("a" * 5000) == ["a" * MAX_QUERY_LENGTH]


def test_results_are_paginated_and_keep_the_query(client):
    PostFactory.create_batch(12, title="River notes", published=True)
    first = search(client, "river")
    second = search(client, "river", page=2)
    assert len(first.context["page"].object_list) == 10
    assert len(second.context["page"].object_list) == 2
    assertContains(first, "12 articles match")
    assertContains(first, 'href="?q=river&amp;page=2"', html=False)
    assert search(client, "river", page=3).status_code == 404


def test_index_follows_edits_tags_writers_and_deletes(client):
    post = PostFactory(title="Old title", published=True)
    post.title = "Fresh title"
    post.save()
    assert results(search(client, "fresh")) == ["Fresh title"]
    assert results(search(client, "old")) == []

    post.tags.add("harvest")
    assert results(search(client, "harvest")) == ["Fresh title"]
    tag = Tag.objects.get(name="harvest")
    tag.name = "orchard"
    tag.save()
    assert results(search(client, "orchard")) == ["Fresh title"]
    post.tags.remove(tag)
    assert results(search(client, "orchard")) == []

    writer = AuthorFactory(name="Nino Kapanadze")
    PostAuthor.objects.create(post=post, author=writer, position=1)
    assert results(search(client, "Kapanadze")) == ["Fresh title"]
    writer.name = "Nino Beridze"
    writer.save()
    assert results(search(client, "Beridze")) == ["Fresh title"]
    PostAuthor.objects.filter(author=writer).delete()
    assert results(search(client, "Beridze")) == []

    post.delete()
    assert not SearchDocument.objects.exists()
    assert results(search(client, "fresh")) == []


def test_deleting_a_tag_removes_it_from_the_index(client):
    PostFactory(tags=["harvest"], published=True)
    Tag.objects.get(name="harvest").delete()
    assert results(search(client, "harvest")) == []


def test_search_posts_returns_cards_ready_to_show():
    post = PostFactory(title="River", published=True)
    [found] = search_posts("river")
    assert found == post
    assert found.credited_authors
    assert found.approved_comment_count == 0


def test_header_has_a_labelled_search_form(client):
    response = client.get(reverse("blog:post_list"))
    assertContains(response, 'role="search"')
    assertContains(response, f'action="{reverse("blog:search")}"')
    assertContains(response, 'aria-label="Search articles"')


def test_search_pages_are_not_indexed_by_robots(client):
    assertContains(search(client, "river"), '<meta name="robots" content="noindex">', html=False)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
@pytest.mark.parametrize("plan", ["custom", "generic"])
def test_postgres_matches_through_the_gin_index_of_the_stored_vector(plan):
    """Also in the generic plan PostgreSQL reuses for a prepared statement, where values
    sent apart from the SQL are unknown."""
    PostFactory.create_batch(3, published=True)
    query = SearchQuery("peace", config=SEARCH_CONFIG)
    matching = SearchDocument.objects.alias(vector=DocumentVector()).filter(vector=query)
    sql, params = matching.values("pk").query.sql_with_params()
    explained = "\n".join(explain_prepared(sql, params, plan=plan))
    assert "search_document_vector" in explained


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's")
def test_postgres_ranks_matches_by_the_stored_vector_without_computing_it_again(client):
    """Ranking reads the column PostgreSQL keeps: no to_tsvector over each match's text
    (0.18 ms a post, which a common word multiplied). The column follows every edit."""
    post = PostFactory(title="Peace in the valley", body="<p>A river.</p>", published=True)
    PostFactory(title="Peace talks", body="<p>peace and more peace</p>", published=True)
    sql, params = search_posts("peace").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (VERBOSE, COSTS OFF) " + connection.ops.compose_sql(sql, params))
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "ts_rank" in plan and "to_tsvector" not in plan
    assert results(search(client, "peace")) == ["Peace talks", "Peace in the valley"]
    post.title = "Harvest in the valley"
    post.save()
    assert results(search(client, "harvest")) == ["Harvest in the valley"]
    assert results(search(client, "peace")) == ["Peace talks"]


def test_rebuild_command_restores_documents_changed_outside_django(client):
    post = PostFactory(title="River", published=True)
    SearchDocument.objects.all().delete()
    assert results(search(client, "river")) == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "rebuilt for 1 post." in out.getvalue()
    assert results(search(client, "river")) == [post.title]
