"""The site's words in Azerbaijani and Russian (issue 21): every string is in the
catalogues, translated, the compiled catalogues say what the .po files say, and pages,
forms, mails and the admin read in the page's language."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tests.factories import CommentFactory, PostFactory, post_comment
from tests.test_comment_notifications import run_worker

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def test_every_site_language_but_english_has_both_catalogues():
    found = {(po.parts[-3], po.stem) for po in CATALOGUES}
    assert found == {(code, domain) for code in LANGUAGES for domain in ("django", "djangojs")}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_every_string_is_translated_and_the_compiled_catalogue_is_in_step(path):
    po = polib.pofile(str(path))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()][:10]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()][:10]
    assert not [e for e in po if e.obsolete], "obsolete entries: run makemessages"
    with path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in po.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            assert compiled._catalog[(key, 0)] == entry.msgstr_plural[0], entry.msgid
        else:
            assert compiled._catalog[key] == entry.msgstr, entry.msgid


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_placeholders_survive_translation(path):
    import re

    names = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for entry in polib.pofile(str(path)).translated_entries():
        wanted = sorted(names.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            # A plural's singular may name its number in words ("one comment"), never
            # a placeholder the English does not have.
            assert set(names.findall(text)) <= set(wanted), (entry.msgid, text)
            if not entry.msgid_plural:
                assert sorted(names.findall(text)) == wanted, (entry.msgid, text)


@pytest.mark.django_db
def test_russian_pages_read_in_russian_with_russian_plurals(client):
    post = PostFactory(published=True, language="ru", slug="mir", title="Мир")
    CommentFactory.create_batch(2, post=post)
    page = client.get("/post/mir/").content.decode()
    assert "2 комментария" in page
    assert "Skip to main content" not in page
    home = client.get("/ru/").content.decode()
    assert "Search articles" not in home
    five = PostFactory(published=True, language="az", slug="sulh", title="Sülh")
    CommentFactory.create_batch(5, post=five)
    assert "5 şərh" in client.get("/post/sulh/").content.decode()


@pytest.mark.django_db
def test_a_refused_comment_says_why_in_the_posts_language(client, open_comments):
    post = PostFactory(published=True, language="ru", slug="mir")
    response = post_comment(client, post, author_name="", body="Текст остаётся.")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Текст остаётся." in page  # the words are kept
    english = "Please write your name, or a name you want to be known by."
    with translation.override("ru"):
        russian = _(english)
    assert english not in page and russian != english and russian in page


@pytest.mark.django_db
def test_a_reply_mails_its_commenter_in_the_posts_language(
    client, mailoutbox, open_comments, django_capture_on_commit_callbacks
):
    post = PostFactory(published=True, language="az", slug="sulh")
    parent = CommentFactory(post=post, author_email="leyla@example.org", notify_replies=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, parent=parent.pk, author_name="Rəşad", body="Razıyam.")
    run_worker()
    assert [m.to for m in mailoutbox] == [["leyla@example.org"]]
    english = CommentFactory(post=PostFactory(published=True), notify_replies=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, english.post, parent=english.pk, body="Agreed.")
    run_worker()
    azerbaijani, in_english = mailoutbox
    assert "Rəşad" in azerbaijani.body
    # The same mail, in two languages: no sentence of the English one in the other.
    english_lines = {line for line in in_english.body.splitlines() if len(line) > 20}
    assert not english_lines & set(azerbaijani.body.splitlines())
    assert azerbaijani.subject != in_english.subject


@pytest.mark.django_db
def test_editors_see_the_admin_in_their_browsers_language(admin_client):
    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ru")
    assert page["Content-Language"] == "ru"
    assert "Accept-Language" in page["Vary"]
    assert "Write, publish and moderate" not in page.content.decode()


@pytest.mark.django_db
def test_an_editor_picks_the_admins_language_and_it_stays(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert 'name="language"' in page and '<option value="ru" lang="ru"' in page
    response = admin_client.post(
        reverse("set_language"), {"language": "az", "next": reverse("admin:index")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    home = admin_client.get(reverse("admin:index"))
    assert home["Content-Language"] == "az"
    # The public pages keep the language of their addresses.
    assert admin_client.get("/")["Content-Language"] == "en"


def _field_at(model, path: str):
    """The model field a ModelAdmin name stands for ("post_authors__author" follows the
    relations), or None for a method, a form's own field or a reverse relation."""
    from django.core.exceptions import FieldDoesNotExist

    *relations, last = path.split("__")
    try:
        for name in relations:
            model = model._meta.get_field(name).related_model
        field = model._meta.get_field(last)
    except FieldDoesNotExist:
        return None
    return None if field.auto_created and not field.concrete else field


@pytest.mark.django_db
def test_every_model_and_field_the_blog_admin_shows_has_a_translatable_name(rf, admin_user):
    """Editors working in Russian or Azerbaijani read every label in their language: no
    name left for Django to make from the English of the code ("published_at")."""
    from django.contrib import admin
    from django.utils.functional import Promise

    request = rf.get("/")
    request.user = admin_user
    untranslated = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "blog":
            continue
        shown = [(model, model_admin.get_fields(request))]
        shown.append((model, [*model_admin.list_display, *model_admin.list_filter]))
        shown += [(inline.model, inline.get_fields(request))
                  for inline in model_admin.get_inline_instances(request)]  # fmt: skip
        for shown_model, names in shown:
            opts = shown_model._meta
            if not isinstance(opts.verbose_name, Promise):
                untranslated.append(f"{opts.label} (verbose_name)")
            if not isinstance(opts.verbose_name_plural, Promise):
                untranslated.append(f"{opts.label} (verbose_name_plural)")
            for name in names:
                field = _field_at(shown_model, name) if isinstance(name, str) else None
                if field is not None and not isinstance(field.verbose_name, Promise):
                    untranslated.append(f"{opts.label}.{name}")
    assert not untranslated, sorted(set(untranslated))


@pytest.mark.django_db
def test_the_post_form_reads_in_russian(admin_client):
    page = admin_client.get(reverse("admin:blog_post_add"), HTTP_ACCEPT_LANGUAGE="ru")
    content = page.content.decode()
    for label in ("Заголовок", "Анонс", "Обложка", "Адрес", "Статус", "Темы"):
        assert f"{label}:</label>" in content, label
    assert "Excerpt:</label>" not in content and "Title:</label>" not in content
