from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from blog.public.pagination import paginate
from blog.public.search import MAX_QUERY_LENGTH, search_posts


@require_safe
def post_search(request):
    query = " ".join(request.GET.get("q", "")[:MAX_QUERY_LENGTH].replace("\x00", "").split())
    context = {"query": query, "page": None}
    if query:
        # Posts of every language, those of the page's language (/ru/search/: Russian) first.
        context["page"] = paginate(request, search_posts(query, language=get_language()))
        # Page links keep the query: ?q=...&page=2
        context["page_query"] = urlencode({"q": query})
    return render(request, "blog/post_search.html", context)
