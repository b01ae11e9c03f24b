"""Downloads: a dashboard table as CSV or XLSX, and the request event log for process mining as XES (IEEE
1849-2016) and OCEL 2.0 JSON, streamed so that a national log never sits in memory. The logs carry no personal
data: cases are reference numbers, and actors are left out."""

import csv
import datetime
import io
import json
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import quoteattr

from django.db.models import QuerySet
from openpyxl import Workbook

from nutag.analytics.permissions import InsightScope
from nutag.analytics.selectors import Filters
from nutag.analytics.tables import Table
from nutag.cases.calendar import LOCAL
from nutag.cases.models import RequestEvent

CHUNK = 2_000


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["withheld" if c.is_withheld else ("" if c.value is None else c.value) for c in row])
    return out.getvalue()


def _excel(value: Any) -> Any:
    return value if value is None or isinstance(value, int | float) else str(value)


def table_xlsx(table: Table) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=table.key[:31])
    sheet.append([table.title])
    sheet.append(table.columns)
    for row in table.rows:
        sheet.append(["withheld" if c.is_withheld else _excel(c.value) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _events(filters: Filters, scope: InsightScope) -> QuerySet[RequestEvent]:
    start = datetime.datetime.combine(filters.month_from, datetime.time(), tzinfo=LOCAL)
    after = (filters.month_to + datetime.timedelta(days=32)).replace(day=1)
    end = datetime.datetime.combine(after, datetime.time(), tzinfo=LOCAL)
    events = RequestEvent.objects.filter(at__gte=start, at__lt=end, request__number__isnull=False)
    if filters.aimag:
        events = events.filter(request__aimag_code=filters.aimag)
    elif not scope.is_national:
        events = events.filter(request__aimag_code__in=scope.aimag_codes)
    if filters.service is not None:
        events = events.filter(request__service=filters.service)
    if filters.channel:
        events = events.filter(request__channel=filters.channel)
    return events


def activity(kind: str, step: str) -> tuple[str, str]:
    """Activity name and lifecycle transition: work at a step starts when claimed and completes when decided."""
    if kind == "claimed" and step:
        return step, "start"
    if step and kind in ("decided", "result_issued", "returned_for_correction", "fee_requested"):
        return step, "complete"
    return kind, "complete"


def _time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


EVENT_FIELDS = (
    "id",
    "at",
    "kind",
    "step",
    "status_after",
    "request__number",
    "request__service__code",
    "request__aimag_code",
    "request__channel",
)


def xes_stream(filters: Filters, scope: InsightScope) -> Iterator[str]:
    """The log as XES: one trace per request (concept:name = its reference number), events in time order with
    concept:name, time:timestamp and lifecycle:transition."""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">\n'
        '<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>\n'
        '<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>\n'
        '<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>\n'
        '<global scope="trace"><string key="concept:name" value="UNKNOWN"/></global>\n'
        '<global scope="event"><string key="concept:name" value="UNKNOWN"/>'
        '<date key="time:timestamp" value="1970-01-01T00:00:00.000Z"/>'
        '<string key="lifecycle:transition" value="complete"/></global>\n'
        '<classifier name="Activity" keys="concept:name lifecycle:transition"/>\n'
        '<string key="concept:name" value="Nutag requests"/>\n'
    )
    rows = _events(filters, scope).order_by("request_id", "at", "id").values_list(*EVENT_FIELDS)
    current = None
    for _id, at, kind, step, status, number, service, aimag, channel in rows.iterator(chunk_size=CHUNK):
        if number != current:
            if current is not None:
                yield "</trace>\n"
            current = number
            yield (
                f'<trace><string key="concept:name" value={quoteattr(number)}/>'
                f'<string key="service" value={quoteattr(service)}/>'
                f'<string key="aimag" value={quoteattr(aimag)}/>'
                f'<string key="channel" value={quoteattr(channel)}/>\n'
            )
        name, transition = activity(kind, step)
        yield (
            f'<event><string key="concept:name" value={quoteattr(name)}/>'
            f'<date key="time:timestamp" value="{_time(at)}"/>'
            f'<string key="lifecycle:transition" value="{transition}"/>'
            f'<string key="nutag:kind" value={quoteattr(kind)}/>'
            f'<string key="nutag:status" value={quoteattr(status)}/></event>\n'
        )
    if current is not None:
        yield "</trace>\n"
    yield "</log>\n"


def _ocel_type(kind: str, step: str) -> str:
    name, transition = activity(kind, step)
    return name if transition == "complete" else f"{name} (start)"


def ocel_stream(filters: Filters, scope: InsightScope) -> Iterator[str]:
    """The log as OCEL 2.0 JSON: objects are requests, services and aimags; each event relates to its request
    (qualifier "case"), and each request to its service and aimag."""
    events = _events(filters, scope)
    types = sorted({_ocel_type(k, s) for k, s in events.values_list("kind", "step").distinct().order_by()})
    text = [{"name": "status", "type": "string"}, {"name": "kind", "type": "string"}]
    object_types = [
        {"name": "request", "attributes": [{"name": "channel", "type": "string"}]},
        {"name": "service", "attributes": []},
        {"name": "aimag", "attributes": []},
    ]
    yield '{"objectTypes": ' + json.dumps(object_types, ensure_ascii=False)
    yield ', "eventTypes": ' + json.dumps(
        [{"name": t, "attributes": text} for t in types], ensure_ascii=False
    )
    yield ', "objects": ['
    first = True
    seen: set[str] = set()
    requests = (
        events.values_list(
            "request__number", "request__service__code", "request__aimag_code", "request__channel"
        )
        .distinct()
        .order_by("request__number")
    )
    for number, service, aimag, channel in requests.iterator(chunk_size=CHUNK):
        items: list[dict[str, Any]] = [
            {
                "id": f"request:{number}",
                "type": "request",
                "attributes": [{"name": "channel", "time": "1970-01-01T00:00:00Z", "value": channel}],
                "relationships": [
                    {"objectId": f"service:{service}", "qualifier": "for service"},
                    {"objectId": f"aimag:{aimag}", "qualifier": "in aimag"},
                ],
            }
        ]
        for kind, key in (("service", service), ("aimag", aimag)):
            if f"{kind}:{key}" not in seen:
                seen.add(f"{kind}:{key}")
                items.append({"id": f"{kind}:{key}", "type": kind, "attributes": [], "relationships": []})
        for item in items:
            yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False)
            first = False
    yield '], "events": ['
    first = True
    rows = events.order_by("at", "id").values_list(*EVENT_FIELDS)
    for event_id, at, kind, step, status, number, _service, _aimag, _channel in rows.iterator(
        chunk_size=CHUNK
    ):
        item = {
            "id": f"e{event_id}",
            "type": _ocel_type(kind, step),
            "time": _time(at),
            "attributes": [{"name": "status", "value": status}, {"name": "kind", "value": kind}],
            "relationships": [{"objectId": f"request:{number}", "qualifier": "case"}],
        }
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]}\n"
