from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 20):
    """A page of `queryset` from ?page=, clamped to the valid range."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
