from django import template

from blog.public.search import highlight as highlight_snippet
from blog.public.seo import json_ld_script

register = template.Library()


@register.filter
def highlight(snippet: str | None) -> str:
    """A search snippet as HTML: escaped text with each match inside <mark>."""
    return highlight_snippet(snippet)


@register.filter
def json_ld(data) -> str:
    """JSON-LD in a <script> element that no string inside it can close."""
    return json_ld_script(data)
