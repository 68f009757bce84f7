"""Posts in the site's languages (issue 21's ground): each post has a language, the site's
languages come from LANGUAGES, and "Translate into …" starts a linked draft with the
source's fields copied; the post list marks each language exists, missing or out of
date, in its one query."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blog.models import Post, PostStatus
from blog.publishing.translations import start_translation
from tests.factories import AuthorFactory, ImageFactory, PostFactory
from tests.test_roles import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(media_root):
    return member("Editor", "elena")


def test_the_sites_languages_are_english_azerbaijani_and_russian_named_in_their_own(settings):
    assert settings.LANGUAGES == [("en", "English"), ("az", "Azərbaycanca"), ("ru", "Русский")]
    assert settings.LANGUAGE_CODE == "en"
    assert PostFactory().language == "en"


def test_a_post_in_a_language_the_site_does_not_have_is_refused():
    post = PostFactory.build(language="fr", slug="bonjour")
    with pytest.raises(ValidationError) as refused:
        post.full_clean()
    assert "language" in refused.value.message_dict


def test_translate_into_starts_a_linked_draft_with_the_fields_copied(editor):
    writer = AuthorFactory(name="Leyla")
    source = PostFactory(published=True, slug="peace", title="Peace", body="<p>Words</p>",
                         cover=ImageFactory(), authors=[writer], tags=["dialogue"])  # fmt: skip
    response = editor.post(reverse("admin:blog_post_translate", args=[source.pk, "az"]))
    draft = Post.objects.get(language="az")
    assert response["Location"] == reverse("admin:blog_post_change", args=[draft.pk])
    assert (draft.status, draft.slug, draft.title, draft.body) == (
        PostStatus.DRAFT, "peace-az", "Peace", "<p>Words</p>",
    )  # fmt: skip
    assert draft.translation_group == source.translation_group
    assert (draft.translated_from, draft.cover) == (source, source.cover)
    assert list(draft.authors.all()) == [writer] and list(draft.tags.names()) == ["dialogue"]
    # Asked again, the same version opens: one post per language.
    again = editor.post(reverse("admin:blog_post_translate", args=[source.pk, "az"]))
    assert again["Location"] == response["Location"] and Post.objects.count() == 2
    page = editor.get(reverse("admin:blog_post_change", args=[source.pk])).content.decode()
    assert "Translate into Русский" in page and 'lang="az"' in page


def test_translating_needs_post_and_a_site_language(editor):
    source = PostFactory()
    url = reverse("admin:blog_post_translate", args=[source.pk, "az"])
    assert editor.get(url).status_code == 405
    refused = editor.post(reverse("admin:blog_post_translate", args=[source.pk, "fr"]))
    assert refused.status_code == 403 and Post.objects.count() == 1


def test_the_list_marks_each_language_in_one_query(editor, django_assert_max_num_queries):
    source = PostFactory(title="Source")
    draft, _made = start_translation(post=source, language="az")
    draft.title = "Mənbə"
    draft.save()
    source.refresh_from_db()
    source.save()  # the source changes after it was translated
    for n in range(5):
        PostFactory(title=f"Alone {n}")
    url = reverse("admin:blog_post_changelist")
    editor.get(url)
    with django_assert_max_num_queries(20):
        page = editor.get(url).content.decode()
    row = page.split(">Source<")[1].split("</tr>")[0]
    assert '<abbr class="language-mark language-mark--this" title="English: this post">en' in row
    assert "az !" in row and "translated from an older version" in row and "ru –" in row
    translated = page.split(">Mənbə<")[1].split("</tr>")[0]
    assert "en ✓" in translated and "language-mark--this" in translated
    alone = page.split(">Alone 0<")[1].split("</tr>")[0]
    assert "az –" in alone and "ru –" in alone
    filtered = editor.get(url + "?language=az").content.decode()
    assert "Mənbə" in filtered and "Alone 0" not in filtered


def test_a_translation_of_a_changed_source_is_out_of_date_until_marked_current(editor):
    source = PostFactory(title="Source")
    draft, _made = start_translation(post=source, language="ru")
    draft.title = "Источник"
    draft.save()
    source.refresh_from_db()
    source.save()
    url = reverse("admin:blog_post_changelist")
    row = editor.get(url).content.decode().split(">Источник<")[1].split("</tr>")[0]
    assert "language-mark--this-out-of-date" in row and "ru !" in row
    response = editor.post(
        url, {"action": "mark_translations_current", "_selected_action": [draft.pk, source.pk]},
        follow=True,
    )  # fmt: skip
    assert "1 translation marked as up to date." in response.content.decode()
    draft.refresh_from_db()
    assert draft.translated_from_version == source.version
    row = editor.get(url).content.decode().split(">Источник<")[1].split("</tr>")[0]
    assert "out-of-date" not in row and "ru !" not in row
    source_row = editor.get(url).content.decode().split(">Source<")[1].split("</tr>")[0]
    assert "ru ✓" in source_row


def test_writers_and_tags_read_in_each_language_with_the_original_as_fallback(editor, client):
    writer = AuthorFactory(name="Leyla", slug="leyla", role="Writer", bio="Writes about rivers.")
    change = reverse("admin:blog_author_change", args=[writer.pk])
    form = editor.get(change).content.decode()
    assert 'name="bio_ru"' in form and 'name="role_az"' in form and 'lang="ru"' in form
    data = {"name": "Leyla", "slug": "leyla", "role": "Writer", "bio": "Writes about rivers.",
            "role_ru": "Автор", "bio_ru": "Пишет о реках."}  # fmt: skip
    assert editor.post(change, data).status_code == 302
    writer.refresh_from_db()
    assert writer.bio_translations == {"ru": "Пишет о реках."}
    assert writer.role_translations == {"ru": "Автор"}
    PostFactory(published=True, language="ru", slug="reki", authors=[writer], tags=["rivers"])
    PostFactory(published=True, language="az", slug="caylar", authors=[writer], tags=["rivers"])
    russian = client.get("/ru/authors/leyla/").content.decode()
    assert "Пишет о реках." in russian and "Автор" in russian
    assert "Writes about rivers." in client.get("/az/authors/leyla/").content.decode()
    tag = Post.objects.get(slug="reki").tags.get()
    tag_change = reverse("admin:blog_tag_change", args=[tag.pk])
    editor.post(tag_change, {"name": "rivers", "slug": "rivers", "name_ru": "реки", "name_az": ""})
    tag.refresh_from_db()
    assert tag.name_translations == {"ru": "реки"}
    assert "реки" in client.get("/ru/tags/rivers/").content.decode()
    assert ">реки<" in client.get("/post/reki/").content.decode()
    assert ">rivers<" in client.get("/post/caylar/").content.decode()
