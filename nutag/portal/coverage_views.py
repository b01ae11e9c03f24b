"""Which aimag offers what: per-aimag counts and the service × aimag matrix, on a page and as CSV or XLSX."""

import csv
import io
from collections.abc import Iterator

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from nutag.catalog.choices import Category
from nutag.catalog.selectors import coverage_matrix, coverage_rows, coverage_summary

PAGE_SIZE = 100


def _filters(request: HttpRequest) -> dict[str, str]:
    category = request.GET.get("category", "")
    return {
        "query": request.GET.get("q", "")[:100],
        "category": category if category in Category.values else "",
        "aimag_code": request.GET.get("aimag", "")[:4],
        "offered": request.GET.get("offered", ""),
        "sort": request.GET.get("sort", "code"),
    }


def coverage(request: HttpRequest) -> HttpResponseBase:
    filters = _filters(request)
    summary = coverage_summary()
    services = coverage_matrix(**filters)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(export, summary.aimags, services)
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    size = summary.catalogue_size or 1
    per_aimag = [
        {
            "unit": unit,
            "offered": summary.per_aimag[unit.code],
            "share": round(100 * summary.per_aimag[unit.code] / size),
        }
        for unit in summary.aimags
    ]
    return render(
        request,
        "portal/coverage.html",
        {
            "summary": summary,
            "per_aimag": per_aimag,
            "page": page,
            "rows": coverage_rows(list(page)),
            "filters": filters,
            "categories": Category.choices,
            "aimags": summary.aimags,
        },
    )


def _table(aimags: list, services: object) -> Iterator[list[object]]:
    yield [_("Code"), _("Service"), _("Aimags offering"), *[unit.name for unit in aimags]]
    batch: list = []
    for service in services.iterator(chunk_size=500):  # type: ignore[attr-defined]
        batch.append(service)
        if len(batch) == 500:
            yield from _rows(aimags, batch)
            batch = []
    yield from _rows(aimags, batch)


def _rows(aimags: list, services: list) -> Iterator[list[object]]:
    for row in coverage_rows(services):
        cells = [row.cells.get(unit.code) for unit in aimags]
        yield [
            row.service.code,
            row.service.current_version.name if row.service.current_version else "",
            sum(1 for c in cells if c),
            *[f"v{c.highest_version} ({c.offering_units})" if c else "" for c in cells],
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _export(kind: str, aimags: list, services: object) -> HttpResponseBase:
    if kind == "csv":
        writer = csv.writer(_Echo())
        streaming = StreamingHttpResponse(
            (writer.writerow(row) for row in _table(aimags, services)), content_type="text/csv; charset=utf-8"
        )
        streaming["Content-Disposition"] = 'attachment; filename="nutag-coverage.csv"'
        return streaming
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Coverage"))
    for row in _table(aimags, services):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="nutag-coverage.xlsx"'
    return response
