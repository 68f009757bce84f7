"""The language of each request, and the addresses of a page in the other languages.

A reader's page takes its language from its address alone: the prefix (/az/…, /ru/…),
the default language without one, and on a post's page the post's own language (its
view activates it). Never from the browser's Accept-Language or a cookie, as Django's
LocaleMiddleware would: every address shows one language, so shared caches need no
`Vary: Accept-Language`, and an Azerbaijani page is never served at a Russian address.
The admin is the exception: editors get the language their browser asks for (or the
one they picked, Django's `django_language` cookie); its pages are never shared."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_from_path(path: str) -> str | None:
    """The language whose prefix starts `path` ("/ru/tags/x/" -> "ru"); None for the
    default language's unprefixed addresses (and for a prefix of the default language,
    which has no prefixed addresses)."""
    first = path.lstrip("/").split("/", 1)[0]
    if first != settings.LANGUAGE_CODE and first in site_languages():
        return first
    return None


def reader_language(get_response):
    """Middleware: activates the request's language before its URL resolves (the
    language-wide URL patterns match the active language's prefix)."""
    admin = "/" + settings.ADMIN_PATH

    def middleware(request):
        is_admin = request.path_info.startswith(admin)
        if is_admin:
            language = translation.get_language_from_request(request)
        else:
            language = language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = get_response(request)
        finally:
            # The view may have switched (a post's page in the post's language).
            language = translation.get_language()
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        if is_admin:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return middleware


def home_url(language: str) -> str:
    """The home page of `language`: / for the default language, /ru/ for Russian."""
    with translation.override(language):
        return reverse("blog:post_list")


def language_versions(view_name: str, kwargs: dict, languages) -> dict[str, str]:
    """A language-wide page's addresses in `languages` only (those that have it)."""
    return {code: same_page_url(view_name, kwargs, code) for code in languages}


def same_page_url(view_name: str, kwargs: dict, language: str) -> str:
    """A language-wide page (a tag, a writer, an archive month, the search page) at the
    address of `language`."""
    with translation.override(language):
        return reverse(view_name, kwargs=kwargs)


# Open Graph names a locale with its country ("ru_RU"); Django's codes have none. The
# languages of the region and the common ones; another language's pages carry no
# og:locale rather than a made-up one.
OPEN_GRAPH_LOCALES = {
    "en": "en_US", "az": "az_AZ", "ru": "ru_RU", "tr": "tr_TR", "ka": "ka_GE",
    "hy": "hy_AM", "uk": "uk_UA", "kk": "kk_KZ", "fa": "fa_IR", "de": "de_DE",
    "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR",
}  # fmt: skip


@dataclass(frozen=True)
class LanguageLink:
    """One language of the switcher and of the page's hreflang alternates."""

    code: str
    name: str  # in its own language: "Русский"
    url: str  # this page in that language, or that language's home page
    is_current: bool
    has_page: bool  # False: this page has no version in that language

    @property
    def open_graph_locale(self) -> str | None:
        return OPEN_GRAPH_LOCALES.get(self.code)


def page_languages(request, versions: dict[str, str] | None = None) -> list[LanguageLink]:
    """The page the reader is on, in each of the site's languages.

    `versions` maps language -> address for pages that exist in some languages only
    (an article and its translations, a tag used in some languages); without it, the
    page is a language-wide one (home, a writer, the search page) found at each
    language's prefix. A language without a version links to its home page."""
    current = translation.get_language()
    if versions is None:
        versions = _language_wide_versions(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = versions.get(code)
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url or home_url(code),
                is_current=code == current,
                has_page=url is not None,
            )
        )
    return links


def _language_wide_versions(request) -> dict[str, str]:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in LANGUAGE_WIDE_VIEWS:
        return {}
    query = ""
    if match.view_name == "blog:search" and request.GET.get("q"):
        # The same search in the other language (its own posts come first there).
        query = "?" + urlencode({"q": request.GET["q"]})
    return {
        code: same_page_url(match.view_name, match.kwargs, code) + query
        for code, _name in settings.LANGUAGES
    }


# The pages that exist in every language (a tag or a month may not: their views say
# which languages have them).
LANGUAGE_WIDE_VIEWS = {
    "blog:post_list",
    "blog:author_detail",
    "blog:search",
    "blog:views_explained",
}
