"""The page in the site's other languages: `{% page_languages as languages %}` gives a
list of blog.public.languages.LanguageLink for the header's switcher, the head's
hreflang alternates and the share card's og:locale."""

from django import template

from blog.public.languages import page_languages as links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """The view names the versions of a page that exists in some languages only (an
    article's translations, a tag's languages) as `language_versions`; other pages are
    the same in every language."""
    request = context.get("request")
    if request is None:  # an error page rendered without its request
        return links_for(None, versions={})
    return links_for(request, context.get("language_versions"))
