"""What an editor is warned about when a post goes to review or is published. Warnings,
not errors: the editor decides."""

import re
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

VAGUE_LINK_TEXT = {"click here", "here", "read more", "more", "this link", "link"}


class _BodyReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.images_without_alt = 0
        self.vague_links: list[str] = []
        self._link_text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.images_without_alt += 1
        elif tag == "a":
            self._link_text = []

    def handle_endtag(self, tag):
        if tag == "a" and self._link_text is not None:
            text = " ".join("".join(self._link_text).split()).strip(" .!:").lower()
            if text in VAGUE_LINK_TEXT:
                self.vague_links.append(text)
            self._link_text = None

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)


def publishing_warnings(post) -> list[str]:
    warnings = []
    if not post.excerpt.strip():
        warnings.append(
            _("The post has no excerpt: the home page and link previews will show none.")
        )
    if not post.cover:
        warnings.append(_("The post has no cover picture: shared links will show no image."))
    reader = _BodyReader()
    reader.feed(post.body or "")
    if count := reader.images_without_alt:
        # The English keeps its "(s)"; other languages give each plural form.
        said = ngettext(
            "%(count)s picture(s) in the text have no description (alt text).",
            "%(count)s picture(s) in the text have no description (alt text).",
            count,
        )
        warnings.append(said % {"count": count})
    previous = 1  # the page's title is the h1
    for level in reader.headings:
        if level > previous + 1:
            warnings.append(
                _(
                    "A level-%(level)s heading follows a level-%(previous)s heading: a level is "
                    "skipped, which confuses screen-reader users. Use the next level down."
                )
                % {"level": level, "previous": previous}
            )
            break
        previous = level
    for text in dict.fromkeys(reader.vague_links):
        warnings.append(
            _("A link says “%(text)s”: say where it leads instead, so it makes sense on its own.")
            % {"text": text}
        )
    return warnings
