"""An editor moves a WordPress blog in from the admin's Import page: uploads the export,
reads what it would do, starts it, watches it finish in the tasks worker, opens an
imported post, and an old link of the WordPress site leads to it."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.e2e.test_editor_journey import log_in

pytestmark = E2E

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old blog</title><link>https://old-{name}.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old-{name}.example.org</wp:base_site_url>
<wp:author><wp:author_login>nigar</wp:author_login>
<wp:author_display_name>Nigar Aliyeva</wp:author_display_name></wp:author>
<item><title>Letters across the Kura ({name})</title>
<link>https://old-{name}.example.org/2021/04/02/letters-{name}/</link>
<dc:creator>nigar</dc:creator><wp:post_id>41</wp:post_id>
<wp:post_name>letters-{name}</wp:post_name>
<wp:post_date>2021-04-02 10:00:00</wp:post_date>
<wp:post_date_gmt>2021-04-02 06:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="dialogue"><![CDATA[Dialogue]]></category>
<content:encoded><![CDATA[Two schools wrote to each other for a year.

The letters are kept in both towns.]]></content:encoded>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>Farid</wp:comment_author>
<wp:comment_author_email>farid@example.org</wp:comment_author_email>
<wp:comment_date_gmt>2021-04-03 08:00:00</wp:comment_date_gmt>
<wp:comment_content>We still have ours.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>"""


def test_an_editor_imports_a_wordpress_blog_and_old_links_still_work(page, worker, tmp_path):
    name = page.viewport_name
    export = tmp_path / f"old-{name}.xml"
    export.write_text(WXR.format(name=name))
    log_in(page)
    page.get_by_role("link", name="Imports").first.click()
    page.get_by_role("link", name="Add import").click()
    page.get_by_label("Source").select_option("wordpress")
    page.get_by_label("Export file").set_input_files(export)
    page.get_by_role("button", name="Save", exact=True).click()

    # The worker reads the file first: a dry run, shown without writing anything.
    expect(page.get_by_role("heading", name="What this file would import")).to_be_visible(
        timeout=20_000
    )
    expect(page.locator(".import-tally")).to_contain_text("posts: 1 created")
    expect(page.locator(".import-tally")).to_contain_text("comments: 1 created")
    page.reload()  # the page reads the run's state, not the browser's
    page.get_by_role("button", name="Start the import").click()
    expect(page.get_by_role("heading", name="What was imported")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("status")).to_contain_text("Done")
    expect(page.locator(".import-tally")).to_contain_text("redirects:")

    page.get_by_role("link", name="See the posts").click()
    page.get_by_role("link", name=f"Letters across the Kura ({name})").click()
    page.get_by_role("link", name="View on site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Letters across the Kura ({name})")
    expect(page.locator(".article__header")).to_contain_text("Nigar Aliyeva")
    expect(page.locator("main")).to_contain_text("We still have ours.")

    # The WordPress permalink and ?p=41 lead to the new address.
    page.goto(f"/2021/04/02/letters-{name}/")
    expect(page).to_have_url(re.compile(rf"/post/letters-{name}/$"))
    page.goto("/?p=41")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Letters across the Kura")
