"""Share links as plain URLs: no third-party script runs on the page, nothing is
loaded from another site until the reader clicks."""

from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _


def share_links(*, url: str, title: str) -> list[dict]:
    text = f"{title} {url}"
    links = [
        {"name": "Facebook", "key": "facebook",
         "href": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})},
        {"name": "X", "key": "x",
         "href": "https://x.com/intent/post?" + urlencode({"url": url, "text": title})},
        {"name": "LinkedIn", "key": "linkedin",
         "href": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})},
        {"name": "Telegram", "key": "telegram",
         "href": "https://t.me/share/url?" + urlencode({"url": url, "text": title})},
        {"name": "WhatsApp", "key": "whatsapp",
         "href": "https://wa.me/?" + urlencode({"text": text})},
        # Translators: the share link that opens the reader's mail program.
        {"name": _("Email"), "key": "email",
         "href": f"mailto:?subject={quote(title)}&body={quote(url)}"},
    ]  # fmt: skip
    for link in links:
        # The mail client opens by itself; a blank tab for it would be left empty.
        link["new_tab"] = link["key"] != "email"
    return links
