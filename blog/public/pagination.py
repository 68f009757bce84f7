from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, queryset, *, per_page: int | None = None, allow_empty: bool = True):
    """The requested page, or 404 for ?page=abc, ?page=0 and pages past the last."""
    paginator = Paginator(
        queryset, per_page or settings.POSTS_PER_PAGE, allow_empty_first_page=allow_empty
    )
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
