"""Insights pages and downloads: HTTP in, selector and service calls, pages and files out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nutag.accounts.models import acting_user
from nutag.analytics import exports, selectors, tables
from nutag.analytics.forms import InsightFilterForm
from nutag.analytics.permissions import InsightScope, insight_scope
from nutag.analytics.savings import savings_model
from nutag.analytics.selectors import Filters
from nutag.analytics.services import rollups_refresh_request
from nutag.core.errors import DomainError


def _scope(request: HttpRequest) -> InsightScope:
    scope = insight_scope(request.user)
    if scope is None:
        raise PermissionDenied
    return scope


def _filters(request: HttpRequest, scope: InsightScope) -> tuple[InsightFilterForm, Filters | None, int]:
    """The filter form; the filters when valid and within the user's scope, and the status to answer with."""
    form = InsightFilterForm(request.GET or None)
    if not form.is_bound:
        form = InsightFilterForm({})
    if not form.is_valid():
        return form, None, 400
    filters = form.filters()
    try:
        selectors.filters_check(scope=scope, filters=filters)
    except DomainError as error:
        form.add_error("aimag", error.message)
        return form, None, 403
    return form, filters, 200


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    form, filters, status = _filters(request, scope)
    context = {
        "form": form,
        "scope": scope,
        "freshness": selectors.freshness(),
        "query": request.GET.urlencode(),
        "savings_model": savings_model(),
    }
    if filters is not None:
        summary, found = tables.dashboard(filters, scope)
        context |= {
            "filters": filters,
            "period": tables.period_label(filters),
            "summary": summary,
            "median": tables.days_cell(summary.median_seconds),
            "p90": tables.days_cell(summary.p90_seconds),
            "tables": found,
        }
    return render(request, "analytics/dashboard.html", context, status=status)


@login_required
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    _scope(request)
    rollups_refresh_request(actor=acting_user(request))
    messages.success(request, _("The figures are being brought up to date; reload the page in a minute."))
    return redirect("analytics:dashboard")


def _valid_filters(request: HttpRequest) -> tuple[InsightScope, Filters] | HttpResponse:
    scope = _scope(request)
    form, filters, status = _filters(request, scope)
    if filters is None:
        errors = "; ".join(
            f"{name}: {' '.join(str(p) for p in problems)}" for name, problems in form.errors.items()
        )
        return HttpResponse(errors, status=status, content_type="text/plain; charset=utf-8")
    return scope, filters


@login_required
@require_GET
def table_download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    found = _valid_filters(request)
    if isinstance(found, HttpResponse):
        return found
    scope, filters = found
    table = next((t for t in tables.dashboard(filters, scope)[1] if t.key == key), None)
    if table is None:
        return HttpResponse(_("No such table."), status=404, content_type="text/plain; charset=utf-8")
    name = f"nutag-{key}-{tables.period_label(filters).replace(' – ', '_')}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(exports.table_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.table_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_GET
def export_xes(request: HttpRequest) -> HttpResponseBase:
    found = _valid_filters(request)
    if isinstance(found, HttpResponse):
        return found
    response = StreamingHttpResponse(exports.xes_stream(found[1], found[0]), content_type="application/xml")
    response["Content-Disposition"] = content_disposition_header(True, "nutag-requests.xes")
    return response


@login_required
@require_GET
def export_ocel(request: HttpRequest) -> HttpResponseBase:
    found = _valid_filters(request)
    if isinstance(found, HttpResponse):
        return found
    response = StreamingHttpResponse(exports.ocel_stream(found[1], found[0]), content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(True, "nutag-requests.ocel.json")
    return response
