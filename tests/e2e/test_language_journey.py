"""A reader moves between the site's languages: the header's switcher leads from an
article to its translation, and from a page the other language lacks to that language's
home page, saying so; the pages' alternates, the sitemap and the feeds name each version."""

from urllib.parse import urlsplit

from defusedxml import ElementTree
from playwright.sync_api import expect

from tests.e2e.conftest import E2E

pytestmark = E2E

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def switcher(page):
    # By its class: its name is in the page's language ("Языки" on a Russian page).
    return page.locator("nav.language-switcher")


def test_a_reader_switches_an_article_into_russian_then_azerbaijani(page, site_env):
    page.goto(f"/post/{site_env['E2E_TRANSLATED_POST']}/")
    assert page.locator("html").get_attribute("lang") == "en"
    english_title = page.locator("h1").inner_text()
    switcher(page).get_by_role("link", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert "/post/" in page.url and page.locator("h1").inner_text() != english_title
    # The switcher names the current language without a link; the others in their own.
    current = switcher(page).locator("[aria-current=page]")
    expect(current).to_have_text("Русский")
    switcher(page).get_by_role("link", name="Azərbaycanca").click()
    expect(page.locator("html")).to_have_attribute("lang", "az")
    # Back in English: the article the reader started from.
    switcher(page).get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text(english_title)


def test_a_page_missing_in_a_language_leads_to_its_home_page_and_says_so(page, site_env):
    page.goto(f"/post/{site_env['E2E_AZ_ONLY_POST']}/")
    expect(page.locator("html")).to_have_attribute("lang", "az")
    assert page.locator("link[rel=alternate][hreflang=en]").count() == 0
    english = switcher(page).locator("li[lang=en]")
    # The note is in the language of the link, as its name is.
    expect(english).to_contain_text("(home page)")
    english.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert urlsplit(page.url).path == "/"


def test_alternates_sitemap_and_feeds_name_every_version(page, site_env, live_url):
    page.goto(f"/post/{site_env['E2E_TRANSLATED_POST']}/")
    alternates = {
        link.get_attribute("hreflang"): link.get_attribute("href")
        for link in page.locator("link[rel=alternate][hreflang]").all()
    }
    assert set(alternates) == {"en", "az", "ru", "x-default"}
    assert alternates["x-default"] == alternates["en"] == page.url
    sitemap = ElementTree.fromstring(page.request.get(f"{live_url}/sitemap.xml").body())
    entry = next(
        url for url in sitemap.findall("s:url", SITEMAP)
        if url.findtext("s:loc", namespaces=SITEMAP) == page.url
    )  # fmt: skip
    listed = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", SITEMAP)}
    assert listed == alternates
    for code, prefix in (("en", ""), ("az", "/az"), ("ru", "/ru")):
        feed = ElementTree.fromstring(page.request.get(f"{live_url}{prefix}/feed/").body())
        assert feed.findtext("channel/language") == code
        assert feed.find("channel/item") is not None
