"""The post screen's safety net, server side: autosave (a new post becomes a draft, a
draft keeps its words, a published post's changes wait aside until Update), the version
check between two editors, and the calm layout (the writing first, numbers elsewhere).
The browser side is tests/e2e/test_post_screen_journey.py."""

import pytest
from django.urls import reverse

from blog.models import PendingEdit, Post, PostAuthor, PostStatus
from tests.factories import AuthorFactory, PostFactory
from tests.test_roles import member, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(media_root):
    client = member("Editor", "elena")
    client.author = AuthorFactory(name="Elena Editor", user=client.user)
    return client


def autosave(client, post=None, **fields):
    url = (
        reverse("admin:blog_post_autosave", args=[post.pk])
        if post else reverse("admin:blog_post_autosave_new")
    )  # fmt: skip
    return client.post(url, fields)


def change_form(post, **fields):
    base = {"title": post.title, "slug": post.slug, "body": post.body, "status": post.status,
            "opened_version": post.version}  # fmt: skip
    data = post_form(post.authors.first(), **(base | fields))
    credit = post.post_authors.first()
    data.update({"post_authors-INITIAL_FORMS": "1", "post_authors-0-id": credit.pk,
                 "post_authors-0-post": post.pk})  # fmt: skip
    if post.published_at:
        local = post.published_at.astimezone()
        data.update({"published_at_0": local.strftime("%Y-%m-%d"),
                     "published_at_1": local.strftime("%H:%M:%S")})  # fmt: skip
    return data


def test_a_new_post_becomes_a_draft_on_its_first_autosave(editor):
    other = AuthorFactory(name="Nino")
    response = autosave(editor, title="First words", body="<p>Typed, never saved.</p>",
                        **{"post_authors-0-author": other.pk})  # fmt: skip
    assert response.status_code == 200
    post = Post.objects.get()
    answer = response.json()
    assert answer["change_url"] == reverse("admin:blog_post_change", args=[post.pk])
    assert answer["version"] == post.version and not answer["pending"]
    assert (post.status, post.title, post.body) == (
        PostStatus.DRAFT, "First words", "<p>Typed, never saved.</p>",
    )  # fmt: skip
    # Credited to the writer chosen on the screen, and sent back for its writer rows.
    credit = post.post_authors.get()
    assert credit.author == other
    assert answer["writers"] == [{"pk": credit.pk, "author_id": other.pk}]
    listing = editor.get(reverse("admin:blog_post_changelist")).content.decode()
    assert "First words" in listing


def test_the_screen_carries_the_version_it_was_opened_at(editor):
    post = PostFactory(authors=[editor.author])
    page = editor.get(reverse("admin:blog_post_change", args=[post.pk])).content.decode()
    assert f'name="opened_version" value="{post.version}"' in page


def test_a_new_post_is_the_writers_own_to_begin_with(editor):
    page = editor.get(reverse("admin:blog_post_add")).content.decode()
    row = page.split('name="post_authors-0-author"')[1].split("</select>")[0]
    assert f'<option value="{editor.author.pk}" selected>Elena Editor</option>' in row


def test_an_untitled_new_post_is_saved_as_an_untitled_draft(editor):
    autosave(editor, title="", body="<p>Only a sentence so far.</p>")
    assert Post.objects.get().title == "Untitled draft"


def test_a_draft_keeps_its_words_and_counts_its_version(editor):
    post = PostFactory(authors=[editor.author], title="Before")
    opened = Post.objects.get(pk=post.pk).version
    answer = autosave(editor, post, title="After", body="<p>New</p>", opened_version=opened).json()
    post.refresh_from_db()
    assert (post.title, post.body) == ("After", "<p>New</p>")
    assert answer["version"] == post.version == opened + 1


def test_an_autosave_from_a_screen_opened_before_someone_else_saved_is_refused(editor):
    post = PostFactory(authors=[editor.author], title="Theirs")
    opened = post.version
    Post.objects.get(pk=post.pk).save()  # another editor saves meanwhile
    response = autosave(editor, post, title="Mine", body="<p>Mine</p>", opened_version=opened)
    assert response.status_code == 409
    assert "after you opened it" in response.json()["error"]
    assert Post.objects.get(pk=post.pk).title == "Theirs"


def test_a_published_posts_autosave_waits_aside_until_update(editor, client):
    post = PostFactory(published=True, authors=[editor.author], title="Live",
                       body="<p>What readers read.</p>")  # fmt: skip
    answer = autosave(editor, post, title="Live, revised", body="<p>Half written</p>",
                      opened_version=post.version).json()  # fmt: skip
    assert answer["pending"] and answer["version"] == post.version
    assert "What readers read." in client.get(post.get_absolute_url()).content.decode()
    edit = PendingEdit.objects.get(post=post)
    assert (edit.title, edit.body) == ("Live, revised", "<p>Half written</p>")
    # Opened again, the screen goes on with the kept changes and says so.
    page = editor.get(reverse("admin:blog_post_change", args=[post.pk])).content.decode()
    assert "Half written" in page and "Readers do not see them until you press Update" in page
    # Update publishes them and the kept copy is gone.
    post.refresh_from_db()
    response = editor.post(
        reverse("admin:blog_post_change", args=[post.pk]),
        change_form(post, title="Live, revised", body="<p>Finished</p>", _continue="1"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not PendingEdit.objects.exists()
    assert "Finished" in client.get(post.get_absolute_url()).content.decode()


def test_kept_changes_begun_before_someone_elses_save_do_not_overwrite_it(editor):
    post = PostFactory(published=True, authors=[editor.author], body="<p>First.</p>")
    autosave(editor, post, title=post.title, body="<p>Mine, kept aside.</p>",
             opened_version=post.version)  # fmt: skip
    theirs = Post.objects.get(pk=post.pk)
    theirs.body = "<p>Theirs, published.</p>"
    theirs.save()
    page = editor.get(reverse("admin:blog_post_change", args=[post.pk])).content.decode()
    assert "Mine, kept aside." in page
    assert f'name="opened_version" value="{post.version}"' in page  # the older version
    post.refresh_from_db()
    form = change_form(post, body="<p>Mine, kept aside.</p>", opened_version=post.version - 1)
    response = editor.post(reverse("admin:blog_post_change", args=[post.pk]), form)
    assert "How your text differs from theirs" in response.content.decode()
    assert Post.objects.get(pk=post.pk).body == "<p>Theirs, published.</p>"


def test_discarding_kept_changes_leaves_the_published_post_as_it_was(editor):
    post = PostFactory(published=True, authors=[editor.author], title="Live")
    autosave(editor, post, title="Second thoughts", body="<p>No</p>", opened_version=post.version)
    editor.post(reverse("admin:blog_post_discard", args=[post.pk]))
    assert not PendingEdit.objects.exists()
    assert Post.objects.get(pk=post.pk).title == "Live"


def test_a_save_from_an_older_screen_is_refused_and_shows_what_differs(editor):
    post = PostFactory(authors=[editor.author], title="Shared", body="<p>Their words.</p>")
    stale = change_form(post, title="Shared", body="<p>My words.</p>", _continue="1")
    newer = Post.objects.get(pk=post.pk)
    newer.body = "<p>Their newer words.</p>"
    newer.save()
    response = editor.post(reverse("admin:blog_post_change", args=[post.pk]), stale)
    assert response.status_code == 200  # the form again, with the typed text kept
    page = response.content.decode()
    assert "after you opened it" in page and "How your text differs from theirs" in page
    assert "Another editor saved this post" in page
    assert "<del>Their newer</del><ins>My</ins> words." in page
    assert Post.objects.get(pk=post.pk).body == "<p>Their newer words.</p>"


def test_writers_autosave_their_own_drafts_only(media_root):
    writer = member("Writer", "wanda")
    AuthorFactory(name="Wanda", user=writer.user)
    assert autosave(writer, title="Mine", body="<p>x</p>").status_code == 200
    mine = Post.objects.get()
    assert PostAuthor.objects.filter(post=mine, author__user=writer.user).exists()
    someone_elses = PostFactory(title="Not mine")
    assert autosave(writer, someone_elses, title="Taken").status_code in {403, 404}
    assert Post.objects.get(pk=someone_elses.pk).title == "Not mine"


def test_autosave_answers_only_posts_and_needs_the_login(editor, client):
    assert editor.get(reverse("admin:blog_post_autosave_new")).status_code == 405
    response = client.post(reverse("admin:blog_post_autosave_new"), {"title": "x"})
    assert response.status_code == 302 and not Post.objects.exists()


def test_the_writing_comes_first_and_the_numbers_live_on_the_history_page(editor):
    post = PostFactory(published=True, authors=[editor.author], imported_views=7)
    page = editor.get(reverse("admin:blog_post_change", args=[post.pk])).content.decode()
    main, side = page.split('class="post-main"')[1].split('class="post-side"')
    assert main.index('name="title"') < main.index('name="body"')
    assert 'name="status"' in side and 'name="slug"' in side and "post_authors-0-author" in side
    assert "Search and sharing" in side and 'name="meta_description"' in side
    for number in ("view_count", "created_at", "updated_at", "reading_time"):
        assert f"field-{number}" not in page
    history = editor.get(reverse("admin:blog_post_history", args=[post.pk])).content.decode()
    assert "Views" in history and "7" in history
