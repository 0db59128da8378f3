"""Wage-table pages: the list of wage rates, the import form and each import's report. For
programme managers and administrators; everyone else signed in gets 403."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from volex.core.pagination import paginate, querystring_without_page
from volex.reference.models import Country

from .forms import WageFilterForm, WageImportForm
from .models import ImportStatus, WageRate
from .permissions import can_manage_wage_tables
from .selectors import exchange_rate_list, wage_import_list, wage_rate_list
from .services import COLUMNS, wage_table_import


def wage_manager_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_manage_wage_tables(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@wage_manager_required
@require_http_methods(["GET"])
def wage_list(request):
    countries = Country.objects.filter(
        pk__in=WageRate.objects.values("country_id").distinct()
    ).order_by("name")
    form = WageFilterForm(request.GET or None, countries=countries)
    page = paginate(request, wage_rate_list(**form.filters()), per_page=50)
    return render(
        request,
        "impact/wage_list.html",
        {
            "form": form,
            "page": page,
            "querystring": querystring_without_page(request),
            "exchange_rates": exchange_rate_list()[:50],
        },
    )


@wage_manager_required
@require_http_methods(["GET", "POST"])
def wage_import(request):
    form = WageImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = wage_table_import(file=upload, uploaded_by=request.user, file_name=upload.name)
        return redirect("impact:wage-import-detail", pk=report.record.pk)
    return render(
        request,
        "impact/wage_import.html",
        {"form": form, "columns": COLUMNS, "imports": wage_import_list()[:10]},
        status=400 if form.errors else 200,
    )


@wage_manager_required
@require_http_methods(["GET"])
def wage_import_detail(request, pk: int):
    record = get_object_or_404(wage_import_list(), pk=pk)
    return render(
        request,
        "impact/wage_import_detail.html",
        {"record": record, "succeeded": record.status == ImportStatus.SUCCEEDED},
    )
