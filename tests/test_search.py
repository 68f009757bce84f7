from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains

from blog.models import PostAuthor, SearchDocument, Tag
from blog.models.search import DocumentVector, fold, postgres_config
from blog.public.search import (
    FTS_SQL,
    MAX_QUERY_LENGTH,
    VECTOR_SQL,
    postgres_query,
    search_posts,
    search_terms,
)
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
    query = postgres_query(["peace"], "ru")
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


# Search per language (issue 21): folding on both databases, each language's stemming
# on PostgreSQL, the reader's language first.

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming beyond English is PostgreSQL's"
)
AZ_SENTENCE = "Şəki şəhərində gənclər sülh haqqında danışdılar"
RU_SENTENCE = "Мы говорили о мире с миром соседей"


def search_in(client, language, query, **params):
    with translation.override(language):
        address = reverse("blog:search")
    return client.get(address, {"q": query, **params})


def test_folding_keeps_the_length_and_folds_what_people_type_differently():
    for text in [AZ_SENTENCE.upper(), RU_SENTENCE, "Ёлка İĞDIR Ölçü ΟΔΟΣ Straße 🕊️"]:
        assert len(fold(text)) == len(text)
        assert fold(text) == "".join(fold(char) for char in text)
    assert fold("Şəki ŞƏKİ şəki SEKI") == "seki seki seki seki"
    assert fold("İıIi Ğğ Çç Öö Üü Şş Əə") == "iiii gg cc oo uu ss ee"
    assert fold("Ёлка ёлка") == "елка елка"


@pytest.mark.parametrize("query", ["seki", "Şəki", "ŞƏKİ", "sulh", "SÜLH", "gencler", "şəhərində"])
def test_azerbaijani_words_are_found_however_they_are_typed(client, query):
    post = PostFactory(title="Gənclər", body=f"<p>{AZ_SENTENCE}.</p>", language="az",
                       published=True)  # fmt: skip
    PostFactory(title="Other", body="<p>Gence and Sumqayit.</p>", published=True)
    PostFactory(title="Başqa", body="<p>Bakıda yağış yağdı.</p>", language="az", published=True)
    assert results(search_in(client, "az", query)) == [post.title]


@pytest.mark.parametrize(("written", "typed"), [("ёлка", "елка"), ("елка", "ёлка"),
                                                ("Ёлка", "ЕЛКА")])  # fmt: skip
def test_yo_and_ye_find_each_other(client, written, typed):
    post = PostFactory(body=f"<p>В парке поставили {written} для детей.</p>", language="ru",
                       published=True)  # fmt: skip
    assert results(search_in(client, "ru", typed)) == [post.title]


def test_snippets_show_the_text_as_written_with_the_matches_marked(client):
    PostFactory(body=f"<p>{AZ_SENTENCE} &lt;b&gt; ёлка.</p>", language="az", published=True)
    response = search_in(client, "az", "SEKI sulh")
    assertContains(response, "<mark>Şəki</mark> şəhərində gənclər <mark>sülh</mark>", html=False)
    assertContains(response, "&lt;b&gt; ёлка", html=False)
    assertNotContains(response, "seki", html=False)
    assertContains(search_in(client, "ru", "елка"), "<mark>ёлка</mark>", html=False)


def test_a_snippet_that_does_not_line_up_shows_the_folded_text():
    from blog.public.search import AS_WRITTEN, ELLIPSIS, MARK_END, MARK_START, highlight

    marked = f"{ELLIPSIS}{MARK_START}seki{MARK_END} seherinde"
    assert highlight(f"{marked}{AS_WRITTEN}Şəki şəhərində") == "…<mark>Şəki</mark> şəhərində"
    assert highlight(f"{marked}{AS_WRITTEN}Tbilisi xyz") == "…<mark>seki</mark> seherinde"
    assert highlight(marked) == "…<mark>seki</mark> seherinde"
    assert highlight(None) == ""


def test_the_readers_language_comes_first(client):
    # The English post matches better (the word in its title), yet a Russian reader
    # sees the Russian post first; every language's posts are listed.
    english = PostFactory(title="Peace", body="<p>peace and peace</p>", published=True)
    russian = PostFactory(title="Переговоры", body="<p>Peace по-русски: мир.</p>",
                          language="ru", published=True)  # fmt: skip
    azerbaijani = PostFactory(title="Danışıqlar", body="<p>Peace: sülh.</p>", language="az",
                              published=True)  # fmt: skip
    assert results(search_in(client, "en", "peace"))[0] == english.title
    assert results(search_in(client, "ru", "peace"))[0] == russian.title
    assert results(search_in(client, "az", "peace"))[0] == azerbaijani.title
    everything = {english.title, russian.title, azerbaijani.title}
    assert set(results(search_in(client, "ru", "peace"))) == everything
    assert list(search_posts("peace", language="ru"))[0] == russian
    assert list(search_posts("peace"))[0] == english  # no language: by rank alone


def test_a_search_page_costs_the_same_queries_whatever_the_languages(
    client, django_assert_num_queries
):
    from tests.factories import ImageFactory
    from tests.test_query_budgets import SEARCH_BUDGET, pictured_writer

    for language in ("en", "az", "ru", "en", "az", "ru"):
        PostFactory(body="<p>peace мир sülh</p>", language=language, published=True,
                    cover=ImageFactory(renditions=False), authors=[pictured_writer()],
                    tags=["peace"])  # fmt: skip
    for language in ("en", "az", "ru"):
        with django_assert_num_queries(SEARCH_BUDGET):
            response = search_in(client, language, "peace")
        assert len(response.context["page"].object_list) == 6


def test_tags_are_found_by_their_name_in_the_posts_language(client):
    post = PostFactory(title="Соседи", body="<p>Текст.</p>", language="ru", published=True,
                       tags=["peace"])  # fmt: skip
    tag = Tag.objects.get(name="peace")
    tag.name_translations = {"ru": "мир"}
    tag.save()
    assert results(search_in(client, "ru", "мир")) == [post.title]
    assert results(search_in(client, "ru", "peace")) == [post.title]


def test_documents_follow_the_posts_language():
    post = PostFactory(title="Ёлка", language="ru", published=True)
    document = SearchDocument.objects.get(post=post)
    assert (document.title, document.folded_title) == ("Ёлка", "елка")
    assert document.config == "russian"
    post.language = "az"
    post.save()
    assert SearchDocument.objects.get(post=post).config == "simple"


def test_postgres_configurations_of_languages():
    codes = ["en", "ru", "az", "de", "tr", "nb", "pt-br", "en-gb"]
    assert [postgres_config(code) for code in codes] == [
        "english", "russian", "simple", "german", "turkish", "norwegian", "portuguese", "english"
    ]  # fmt: skip
    assert postgres_config("xx") == "simple"


@on_postgres
def test_postgres_finds_russian_words_by_their_stem(client):
    post = PostFactory(title="Соседи", body=f"<p>{RU_SENTENCE}.</p>", language="ru",
                       published=True)  # fmt: skip
    PostFactory(title="Другое", body="<p>Мирон пришёл.</p>", language="ru", published=True)
    for query in ("мир", "мира", "миром", "соседи", "говорить"):
        assert results(search_in(client, "ru", query)) == [post.title], query
    # From the English page too: a query is read in every site language.
    assert results(search_in(client, "en", "миру")) == [post.title]
    response = search_in(client, "ru", "мир")
    assertContains(response, "<mark>мире</mark> с <mark>миром</mark>", html=False)


@on_postgres
def test_postgres_stems_english_words(client):
    post = PostFactory(body="<p>Neighbours were talking about the river.</p>", published=True)
    assert results(search_in(client, "en", "talks")) == [post.title]
    assert results(search_in(client, "ru", "talks")) == [post.title]
    assertContains(search_in(client, "en", "talks"), "<mark>talking</mark>", html=False)


@on_postgres
def test_postgres_snippets_map_back_text_with_symbols_and_addresses(client):
    PostFactory(body="<p>See https://example.org/a?b=1 — a well-known Şəki e-mail a@b.org, "
                     "3.14 &lt;script&gt; and the river.</p>", published=True)  # fmt: skip
    response = search_in(client, "en", "seki river")
    assertContains(response, "<mark>Şəki</mark>", html=False)
    assertContains(response, "&lt;script&gt; and the <mark>river</mark>", html=False)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's")
def test_sqlite_fts_table_is_the_one_blog_public_search_describes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'blog_search_fts'")
        [(sql,)] = cursor.fetchall()
    assert " ".join(sql.split()) == " ".join(FTS_SQL[0].split())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's")
def test_postgres_vector_is_the_one_blog_public_search_describes():
    def stored_expression(table, column):
        cursor.execute(
            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a"
            " ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
            " WHERE d.adrelid = %s::regclass AND a.attname = %s",
            [table, column],
        )
        return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE described (LIKE blog_searchdocument)")
        cursor.execute(
            f"ALTER TABLE described ADD COLUMN described tsvector "
            f"GENERATED ALWAYS AS ({VECTOR_SQL}) STORED"
        )
        described = stored_expression("described", "described")
        assert stored_expression("blog_searchdocument", "vector") == described
        cursor.execute("DROP TABLE described")


@pytest.mark.django_db(transaction=True)
def test_migration_0020_indexes_existing_posts_folded_and_in_their_language():
    from django.db.migrations.executor import MigrationExecutor

    before = [("blog", "0019_writer_and_tag_translations")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    post = old.get_model("blog", "Post").objects.create(
        title="Şəki", slug="seki", body=f"<p>{AZ_SENTENCE}</p>", language="az",
        status="published", published_at=timezone.now(),
    )  # fmt: skip
    old.get_model("blog", "SearchDocument").objects.create(post=post, title="stale", text="")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    document = SearchDocument.objects.get(post_id=post.pk)
    assert (document.title, document.folded_title) == ("Şəki", "seki")
    assert document.folded_text == fold(AZ_SENTENCE)
    assert [found.pk for found in search_posts("ŞƏKİ sulh", language="az")] == [post.pk]


@pytest.mark.parametrize(
    ("language", "sentence", "query"),
    [
        ("az", "Bakıda gənclər sülh haqqında danışdılar.", "Bakı"),
        ("az", "Bakının küçələrində axşam sakitlik olur.", "baki"),
        ("ru", "Мы говорили о мире с миром соседей.", "мир"),
    ],
)
def test_inflected_words_are_found_by_their_beginning_on_every_database(
    language, sentence, query
):
    """Azerbaijani has no stemmer anywhere, and Russian none on SQLite: a word typed
    whole finds its inflected forms by their start."""
    post = PostFactory(published=True, language=language, title="—", body=f"<p>{sentence}</p>")
    assert list(search_posts(query, language=language)) == [post]


def test_a_two_letter_word_matches_only_whole():
    PostFactory(published=True, title="Near the sea", body="<p>Seaside talks.</p>")
    assert list(search_posts("se")) == []
