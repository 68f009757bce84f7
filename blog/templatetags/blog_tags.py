from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from blog.search import highlight as highlight_snippet
from blog.seo import json_ld_script

register = template.Library()


@register.filter
def comment_html(body: str) -> str:
    """A reader's plain-text comment as HTML: escaped, links clickable, paragraphs kept.
    urlize escapes every quote in the reader's text, so the only `rel="nofollow"` left
    is the one urlize itself wrote; widening it to "nofollow ugc" cannot touch input."""
    linked = urlize(body, nofollow=True, autoescape=True)
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 - escaped above


@register.filter
def highlight(snippet: str | None) -> str:
    """A search snippet as HTML: escaped text with each match inside <mark>."""
    return highlight_snippet(snippet)


@register.filter
def json_ld(data) -> str:
    """JSON-LD in a <script> element that no string inside it can close."""
    return json_ld_script(data)
