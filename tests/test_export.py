"""Moving out: `manage.py export` writes every post, writer, tag, picture, comment and
redirect, with the view totals; `manage.py import site` reads it into an empty site and
the site is the same (JSON exactly; WXR as WordPress keeps it). The admin's download is a
superuser's only."""

import json
import re
import zipfile
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image as PillowImage

from blog.importers.site_data import Originals, picture_url
from blog.models import (
    Author,
    Comment,
    CommentStatus,
    Image,
    ImportedItem,
    Post,
    PostStatus,
    Redirect,
    Series,
    Tag,
)
from blog.publishing.translations import start_translation
from tests.factories import (
    AuthorFactory,
    CommentFactory,
    ImageFactory,
    PostFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, "-v0" if args[0] == "import" else "--no-color", stdout=out)
    return out.getvalue()


@pytest.fixture
def site(media_root):
    """A small site with one of everything an export must carry."""
    river = ImageFactory(title="River", alt="The Kura at dawn", caption="Morning", credit="L. H.")
    face = ImageFactory(title="Face", alt="Leyla smiling")
    unused = ImageFactory(title="Kept for later", alt="A hillside")
    leyla = AuthorFactory(name="Leyla Hüseynova", slug="leyla", bio="Teacher.", picture=face)
    nino = AuthorFactory(name="Nino Beridze", slug="nino", role="Guest writer")
    AuthorFactory(name="Not yet writing", slug="not-yet")  # a writer with no posts
    body = (
        f'<p>Before the picture.</p><figure><a href="{river.file.url}">'
        f'<img src="{river.file.url}" alt="The Kura at dawn"></a>'
        f"<figcaption>Morning</figcaption></figure><p>After <strong>it</strong>.</p>"
    )
    published = PostFactory(
        published=True, title="What the river remembers", slug="river", body=body,
        cover=river, authors=[leyla, nino], tags=["water", "Dialogue"],
        excerpt="Water & trust <along> the Kura.", comment_policy="all",
    )  # fmt: skip
    Post.objects.filter(pk=published.pk).update(view_count=120, imported_views=30)
    start_translation(post=published, language="az")  # "river-az", in its group
    PostFactory(title="Half written", slug="draft", authors=[nino], comments_enabled=False)
    soon = PostFactory(
        title="Next week", slug="soon", status=PostStatus.PUBLISHED, authors=[leyla],
        published_at=timezone.now() + timedelta(days=7), tags=["water"],
    )  # fmt: skip
    # Parts in an order of their own, not the posts': the scheduled one first.
    SeriesFactory(title="Rivers, in order", slug="rivers", description="Two parts.\n\nIn order.",
                  parts=[soon, published])  # fmt: skip
    first = CommentFactory(post=published, body="First <3 & more\nsecond line")
    reply = CommentFactory(post=published, parent=first, body="A reply", by_editor=True)
    CommentFactory(post=published, parent=reply, body="A reply to the reply")
    CommentFactory(post=published, status=CommentStatus.PENDING, body="Waiting")
    CommentFactory(post=published, status=CommentStatus.SPAM, body="Buy now")
    CommentFactory(post=published, status=CommentStatus.REMOVED, body="Removed one")
    for old, new in [("/old/river/", "/post/river/"), ("/donate-now/", "https://example.org/give")]:
        redirect = Redirect(old_path=old, new_path=new)
        redirect.full_clean()  # as the admin saves it
        redirect.save()
    return {"unused": unused}


def body_shape(body: str) -> str:
    """A body with each library picture named by its title, so bodies compare across
    sites whose files and renditions have other names."""
    titles = {picture_url(i.file.name): i.title for i in Image.objects.all()}
    body = Originals().body(body)
    return re.sub(
        r'(src|href)="([^"]+)"', lambda m: f'{m.group(1)}="{titles.get(m.group(2), m.group(2))}"',
        body,
    )  # fmt: skip


def pixels(image: Image) -> tuple:
    with image.file.open("rb") as file, PillowImage.open(file) as picture:
        return picture.size, picture.convert("RGB").getpixel((5, 5))


def snapshot(*, as_wordpress_keeps_it=False) -> dict:
    """Everything a reader or an editor sees of the site, by natural keys; or what a
    WXR file carries of it: times to the second, no spam or trash, no editors' marks."""
    wp = as_wordpress_keeps_it

    def when(moment):
        return moment.replace(microsecond=0) if moment and wp else moment

    def thread(post):
        comments = post.comments.all()
        if wp:
            comments = comments.exclude(status__in=[CommentStatus.SPAM, CommentStatus.REMOVED])
        return sorted(
            (c.author_name, c.author_email, c.body, c.status, when(c.created_at),
             None if wp else c.by_editor, c.parent.body if c.parent else "")
            for c in comments
        )  # fmt: skip

    return {
        "posts": {
            p.slug: (
                p.title, p.status, when(p.published_at), p.excerpt, body_shape(p.body),
                p.cover.title if p.cover else None,
                [a.name for a in p.authors.order_by("post_credits__position")],
                sorted(t.name for t in p.tags.all()), p.total_views, p.comments_enabled,
                p.comment_policy, thread(p), p.language,
                sorted(Post.objects.filter(translation_group=p.translation_group)
                       .values_list("slug", flat=True)),
            )
            for p in Post.objects.all()
        },
        "writers": {
            a.slug: (a.name, a.role, a.bio, a.picture.title if a.picture else None)
            for a in Author.objects.all()
        },
        "tags": sorted(Tag.objects.values_list("name", "slug")),
        "pictures": {
            i.title: (i.alt, i.caption, i.credit, i.width, i.height, pixels(i))
            for i in Image.objects.all()
        },
        "redirects": sorted(Redirect.objects.values_list("old_path", "new_path")),
        "series": {
            s.slug: (s.title, s.description, s.language,
                     [part.post.slug for part in s.parts.select_related("post")])
            for s in Series.objects.all()
        },
    }  # fmt: skip


def empty_the_site():
    Comment.objects.all().delete()
    Post.objects.all().delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()
    Image.objects.all().delete()
    Redirect.objects.all().delete()
    Series.objects.all().delete()
    ImportedItem.objects.all().delete()


def test_a_json_zip_round_trip_gives_the_same_site(site, tmp_path):
    before = snapshot()
    report = run("export", str(tmp_path / "site.zip"))
    assert "posts: 4" in report and "pictures: 3" in report and "writers: 3" in report
    empty_the_site()
    report = run("import", "site", str(tmp_path / "site.zip"))
    assert "posts: 4 created" in report and "pictures: 3 created" in report
    assert "series: 1 created" in report
    assert snapshot() == before
    assert before["series"] == {"rivers": ("Rivers, in order", "Two parts.\n\nIn order.", "en",
                                           ["soon", "river"])}  # fmt: skip
    again = run("import", "site", str(tmp_path / "site.zip"))
    assert "posts: 0 created, 0 updated, 4 unchanged" in again
    assert "series: 0 created, 0 updated, 1 unchanged" in again
    assert snapshot() == before  # a second run duplicates nothing


def test_a_json_file_with_its_media_folder_round_trips(site, tmp_path):
    before = snapshot()
    run("export", str(tmp_path / "site.json"))
    assert (tmp_path / "site-media").is_dir()
    empty_the_site()
    run("import", "site", str(tmp_path / "site.json"))
    assert snapshot() == before


def test_a_wxr_round_trip_keeps_what_wordpress_keeps(site, tmp_path):
    before = snapshot(as_wordpress_keeps_it=True)
    run("export", "--format", "wxr", str(tmp_path / "site.zip"))
    empty_the_site()
    site["unused"] = None
    run("import", "site", str(tmp_path / "site.zip"))
    after = snapshot(as_wordpress_keeps_it=True)
    # WordPress's importer, and ours, bring the pictures posts use, leave spam and trash
    # out, and keep no bios, roles, writers' pictures or writers without posts; a post's
    # WordPress addresses (/?p=ID, /author/…, /tag/…) become redirects besides the site's.
    assert after["posts"].keys() == before["posts"].keys()
    for slug, post in before["posts"].items():
        assert after["posts"][slug][:10] == post[:10], slug
        assert after["posts"][slug][11] == post[11], slug
    assert sorted(after["tags"]) == sorted(before["tags"])
    assert set(before["redirects"]) <= set(after["redirects"])
    assert set(after["pictures"]) == {"River"}
    assert sorted(w[0] for w in after["writers"].values()) == ["Leyla Hüseynova", "Nino Beridze"]


def test_the_wxr_is_wordpress_s_format(site, tmp_path):
    run("export", "--format", "wxr", str(tmp_path / "site.xml"))
    text = (tmp_path / "site.xml").read_text()
    assert "<wp:wxr_version>1.2</wp:wxr_version>" in text
    assert '<category domain="author" nicename="cap-nino"><![CDATA[Nino Beridze]]>' in text
    assert "<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>" in text
    assert (
        "<wp:meta_key><![CDATA[views]]></wp:meta_key>\n\t\t\t<wp:meta_value><![CDATA[150]]>" in text
    )
    assert "<wp:status><![CDATA[future]]></wp:status>" in text
    assert "<wp:comment_approved><![CDATA[spam]]></wp:comment_approved>" in text
    assert "/media/library/" in text and "/renditions/" not in text
    # The redirects, as WordPress's Redirection plugin imports them.
    redirects = (tmp_path / "site-redirects.csv").read_text().splitlines()
    assert redirects[0] == "source,target,regex,code,type,hits,title,status"
    assert "/old/river,/post/river/,0,301,url,0,,active" in redirects


def test_the_json_names_originals_not_renditions_and_keeps_emails(site, tmp_path):
    run("export", str(tmp_path / "site.zip"))
    with zipfile.ZipFile(tmp_path / "site.zip") as archive:
        data = json.loads(archive.read("site.json"))
        names = set(archive.namelist())
    assert data["format"] == "foundation-blog" and data["version"] == 1
    river = next(p for p in data["posts"] if p["slug"] == "river")
    assert "/renditions/" not in river["body"] and "srcset" not in river["body"]
    assert river["views"] == {"here": 120, "before": 30, "total": 150}
    assert {c["status"] for c in river["comments"]} == {"approved", "pending", "spam", "removed"}
    assert all("@example.org" in c["email"] for c in river["comments"])
    assert {p["file"] for p in data["pictures"]} <= names


def test_a_picture_whose_file_is_lost_is_named_and_the_rest_exports(site, tmp_path):
    lost = site["unused"]
    lost.file.storage.delete(lost.file.name)
    report = run("export", str(tmp_path / "site.zip"))
    assert f"the file of picture {lost.file.name} is missing" in report
    assert "posts: 4" in report


def test_a_broken_or_foreign_file_is_refused_with_its_reason(site, tmp_path):
    run("export", str(tmp_path / "site.json"))
    whole = (tmp_path / "site.json").read_text()
    (tmp_path / "cut.json").write_text(whole[: len(whole) // 2])
    with pytest.raises(CommandError, match=r"cut.json: line \d+"):
        run("import", "site", str(tmp_path / "cut.json"))
    (tmp_path / "other.json").write_text('{"posts": []}')
    with pytest.raises(CommandError, match="is not this site's export"):
        run("import", "site", str(tmp_path / "other.json"))
    (tmp_path / "newer.json").write_text('{"format": "foundation-blog", "version": 9}')
    with pytest.raises(CommandError, match="version 9; this site reads versions up to 1"):
        run("import", "site", str(tmp_path / "newer.json"))
    (tmp_path / "nameless.json").write_text(
        '{"format": "foundation-blog", "version": 1, "writers": [{"id": 1}], "posts": []}'
    )
    with pytest.raises(CommandError, match="nameless.json: writer 1 has no “name”"):
        run("import", "site", str(tmp_path / "nameless.json"))
    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    with pytest.raises(CommandError, match="holds no site.json or site.xml"):
        run("import", "site", str(tmp_path / "empty.zip"))


def test_the_export_streams_in_chunks_with_a_flat_number_of_queries(
    site, tmp_path, django_assert_max_num_queries
):
    for n in range(30):
        CommentFactory(post=PostFactory(published=True, slug=f"more-{n}", tags=["water"]))
    # Per chunk of 200 posts: the posts, their writers, tags and comments; per post with
    # library pictures in its body, two lookups of the originals.
    with django_assert_max_num_queries(20):
        run("export", str(tmp_path / "site.json"))
