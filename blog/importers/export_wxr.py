"""The site as a WordPress eXtended RSS 1.2 file, as WordPress's own exporter writes it
(wp-admin/includes/export.php), so WordPress's importer, and ours, read it: writers as
wp:author (several per post as Co-Authors Plus's author categories), tags as wp:tag, each
picture as an attachment item (a post's cover is its _thumbnail_id), posts with their
comments, and view totals in the "views" field WP-PostViews reads.

Free text goes in CDATA sections, as WordPress writes it; characters XML cannot hold
(control characters) are dropped."""

import io
import re
from datetime import UTC
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from django.db.models import Max
from django.utils import timezone

from blog.importers import site_data
from blog.models import Post

NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
STATUSES = {"published": "publish", "draft": "draft", "scheduled": "future"}
APPROVED = {"approved": "1", "pending": "0", "spam": "spam", "removed": "trash"}
NO_DATE = "0000-00-00 00:00:00"


def cdata(text) -> str:
    text = NOT_XML.sub("", str(text or ""))
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def plain(text) -> str:
    return escape(NOT_XML.sub("", str(text if text is not None else "")))


def wp_dates(value: str | None) -> tuple[str, str]:
    """An ISO time as WordPress's pair: the site's local time and UTC."""
    if not value:
        return NO_DATE, NO_DATE
    moment = timezone.datetime.fromisoformat(value)
    local = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
    return local, moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def pub_date(value: str | None) -> str:
    return format_datetime(timezone.datetime.fromisoformat(value)) if value else ""


class Writer:
    def __init__(self, out):
        self.out = out

    def element(self, name: str, value, *, text=False, attributes="") -> None:
        body = cdata(value) if text else plain(value)
        self.out.write(f"\t\t<{name}{attributes}>{body}</{name}>\n")

    def meta(self, key: str, value) -> None:
        self.out.write(
            f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
            f"\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n"
        )


def write(raw) -> dict[str, int]:
    """The site as WXR into the binary stream `raw`; how many of each were written."""
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    w = Writer(out)
    site = site_data.site()
    # WordPress keeps posts and attachments in one table, with one series of ids.
    offset = (Post.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
    out.write(f"<!-- This is a WordPress eXtended RSS file written by {plain(site['name'])}. -->\n")
    spaces = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
    out.write(f'<rss version="2.0" {spaces}>\n<channel>\n')
    for name, value in (
        ("title", site["name"]), ("link", site["url"]), ("description", ""),
        ("pubDate", pub_date(site["exported_at"])), ("language", site["language"]),
        ("wp:wxr_version", "1.2"), ("wp:base_site_url", site["url"]),
        ("wp:base_blog_url", site["url"]),
    ):  # fmt: skip
        w.element(name, value)
    counts = {"writers": 0, "tags": 0, "pictures": 0, "posts": 0, "comments": 0}
    logins = {}
    for writer in site_data.writers():
        logins[writer["id"]] = (writer["slug"], writer["name"])
        out.write("\t<wp:author>\n")
        w.element("wp:author_id", writer["id"])
        w.element("wp:author_login", writer["slug"], text=True)
        w.element("wp:author_email", "", text=True)
        w.element("wp:author_display_name", writer["name"], text=True)
        w.element("wp:author_first_name", "", text=True)
        w.element("wp:author_last_name", "", text=True)
        out.write("\t</wp:author>\n")
        counts["writers"] += 1
    tags = {}
    for tag in site_data.tags():
        tags[tag["id"]] = (tag["slug"], tag["name"])
        out.write("\t<wp:tag>\n")
        w.element("wp:term_id", tag["id"])
        w.element("wp:tag_slug", tag["slug"], text=True)
        w.element("wp:tag_name", tag["name"], text=True)
        out.write("\t</wp:tag>\n")
        counts["tags"] += 1
    for picture in site_data.pictures():
        _attachment(w, picture, offset + picture["id"])
        counts["pictures"] += 1
    for post in site_data.posts():
        _post(w, post, offset, logins, tags)
        counts["posts"] += 1
        counts["comments"] += len(post["comments"])
    out.write("</channel>\n</rss>\n")
    out.flush()
    out.detach()  # the stream is the caller's to close
    return counts


def _attachment(w: Writer, picture: dict, post_id: int) -> None:
    local, gmt = wp_dates(picture["uploaded_at"])
    w.out.write("\t<item>\n")
    w.element("title", picture["title"], text=True)
    w.element("link", picture["url"])
    w.element("pubDate", pub_date(picture["uploaded_at"]))
    w.element("guid", picture["url"], attributes=' isPermaLink="false"')
    w.element("description", "")
    w.element("content:encoded", "", text=True)
    w.element("excerpt:encoded", picture["caption"], text=True)
    w.element("wp:post_id", post_id)
    w.element("wp:post_date", local, text=True)
    w.element("wp:post_date_gmt", gmt, text=True)
    w.element("wp:comment_status", "closed", text=True)
    w.element("wp:ping_status", "closed", text=True)
    w.element("wp:post_name", f"picture-{picture['id']}", text=True)
    w.element("wp:status", "inherit", text=True)
    w.element("wp:post_parent", 0)
    w.element("wp:menu_order", 0)
    w.element("wp:post_type", "attachment", text=True)
    w.element("wp:post_password", "", text=True)
    w.element("wp:is_sticky", 0)
    w.element("wp:attachment_url", picture["url"], text=True)
    if picture["alt"]:
        w.meta("_wp_attachment_image_alt", picture["alt"])
    w.out.write("\t</item>\n")


def _post(w: Writer, post: dict, offset: int, logins: dict, tags: dict) -> None:
    local, gmt = wp_dates(post["published_at"] or post["created_at"])
    if post["status"] == "draft":
        gmt = NO_DATE  # as WordPress writes a draft: its date is not set yet
    writers = [logins[i] for i in post["writers"] if i in logins]
    w.out.write("\t<item>\n")
    w.element("title", post["title"], text=True)
    w.element("link", post["url"])
    w.element("pubDate", pub_date(post["published_at"]))
    w.element("dc:creator", writers[0][0] if writers else "", text=True)
    w.element("guid", post["url"], attributes=' isPermaLink="false"')
    w.element("description", "")
    w.element("content:encoded", post["body"], text=True)
    w.element("excerpt:encoded", escape(post["excerpt"]), text=True)
    w.element("wp:post_id", post["id"])
    w.element("wp:post_date", local, text=True)
    w.element("wp:post_date_gmt", gmt, text=True)
    w.element("wp:comment_status", "open" if post["comments_enabled"] else "closed", text=True)
    w.element("wp:ping_status", "closed", text=True)
    w.element("wp:post_name", post["slug"], text=True)
    w.element("wp:status", STATUSES[post["status"]], text=True)
    w.element("wp:post_parent", 0)
    w.element("wp:menu_order", 0)
    w.element("wp:post_type", "post", text=True)
    w.element("wp:post_password", "", text=True)
    w.element("wp:is_sticky", 0)
    for tag_id in post["tags"]:
        slug, name = tags[tag_id]
        w.element("category", name, text=True, attributes=_term("post_tag", slug))
    for login, name in writers:  # Co-Authors Plus: every writer, in order
        w.element("category", name, text=True, attributes=_term("author", f"cap-{login}"))
    if post["cover"]:
        w.meta("_thumbnail_id", offset + post["cover"])
    if post["views"]["total"]:
        w.meta("views", post["views"]["total"])
    for comment in post["comments"]:
        _comment(w, comment)
    w.out.write("\t</item>\n")


def _term(domain: str, nicename: str) -> str:
    return f" domain={quoteattr(domain)} nicename={quoteattr(NOT_XML.sub('', nicename))}"


def _comment(w: Writer, comment: dict) -> None:
    local, gmt = wp_dates(comment["created_at"])
    w.out.write("\t\t<wp:comment>\n")
    w.element("wp:comment_id", comment["id"])
    w.element("wp:comment_author", comment["name"], text=True)
    w.element("wp:comment_author_email", comment["email"], text=True)
    w.element("wp:comment_author_url", "")
    w.element("wp:comment_author_IP", "")
    w.element("wp:comment_date", local, text=True)
    w.element("wp:comment_date_gmt", gmt, text=True)
    # WordPress's comments are HTML; ours are text, so their words are escaped.
    w.element("wp:comment_content", escape(comment["body"]), text=True)
    w.element("wp:comment_approved", APPROVED.get(comment["status"], "0"), text=True)
    w.element("wp:comment_type", "comment", text=True)
    w.element("wp:comment_parent", comment["parent"] or 0)
    w.element("wp:comment_user_id", 0)
    w.out.write("\t\t</wp:comment>\n")
