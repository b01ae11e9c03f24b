"""The dashboard as tables: each figure of the page is a table (columns, rows of raw values for CSV/XLSX and
the API, display text for the page) with, where it helps, a chart drawn from the same rows."""

from dataclasses import dataclass, field
from html import escape  # the standard library's: Django's checks for lazy text, a cost over a thousand cells
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from nutag.analytics import charts, selectors
from nutag.analytics.permissions import InsightScope
from nutag.analytics.selectors import Figures, Filters
from nutag.cases.choices import Channel


@dataclass(frozen=True, slots=True)
class Cell:
    value: Any  # raw, for exports; None when withheld or empty
    text: str
    href: str = ""
    is_withheld: bool = False
    mark: str = ""  # tag class: tag-ok, tag-warn, tag-bad


def _cell_html(cell: Cell) -> str:
    text = escape(cell.text)
    if cell.is_withheld:
        return f'<td class="num"><span class="tag">{text}</span></td>'
    if cell.href:
        return f'<td class="num"><a href="{escape(cell.href)}">{text}</a></td>'
    if cell.mark:
        return f'<td class="num"><span class="tag {escape(cell.mark)}">{text}</span></td>'
    return f'<td class="num">{text}</td>'


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    chart: SafeString | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def html_rows(self) -> list[SafeString]:
        """The rows as HTML, the first cell a row header. Built here rather than in the template: the page
        has a thousand cells, and the template engine took a quarter of the page's time over them."""
        return [
            mark_safe(  # noqa: S308 - every text is escaped
                f'<tr><th scope="row">{escape(row[0].text)}</th>{"".join(_cell_html(c) for c in row[1:])}</tr>'
            )
            for row in self.rows
        ]


def _withheld() -> Cell:
    return Cell(None, _("withheld"), is_withheld=True)


def _number(value: int | None) -> Cell:
    return Cell(value, "—" if value is None else f"{value:,}")


def _percent(value: float | None) -> Cell:
    return Cell(value, "—" if value is None else f"{value:.1f}%")


def days_cell(seconds: float | None) -> Cell:
    if seconds is None:
        return Cell(None, "—")
    days = round(seconds / 86_400, 2)
    return Cell(days, _("%(days)s d") % {"days": f"{days:.1f}"})


def _mnt(value: int | None) -> Cell:
    return Cell(value, "—" if value is None else f"{value:,}₮")


def _figure_cells(figures: Figures) -> list[Cell]:
    return [
        _number(figures.submitted),
        _number(figures.closed),
        days_cell(figures.median_seconds),
        days_cell(figures.p90_seconds),
        _percent(figures.within_norm_percent),
        _percent(figures.within_deadline_percent),
        _percent(figures.returned_percent),
    ]


def _figure_columns() -> list[str]:
    return [
        _("Submitted"),
        _("Closed"),
        _("Median resolution (days)"),
        _("90th percentile (days)"),
        _("Within the service norm"),
        _("Within the statutory deadline"),
        _("Returned for correction"),
    ]


def coverage_tables(filters: Filters) -> list[Table]:
    found = selectors.coverage(filters)
    names = {row.unit.code: row.unit.name for row in found.by_aimag}
    where = names.get(filters.aimag, "") if filters.aimag else _("Mongolia")
    return [
        Table(
            key="coverage",
            title=_("Coverage: services offered per aimag"),
            columns=[
                _("Aimag"),
                _("Services offered"),
                _("Share of the reference catalogue"),
                _("Change over the period"),
            ],
            rows=[
                [
                    Cell(row.unit.name, row.unit.name),
                    _number(row.offered),
                    _percent(row.share_percent),
                    Cell(row.change, "—" if row.change is None else f"{row.change:+d}"),
                ]
                for row in found.by_aimag
            ],
            chart=charts.coverage_map(
                title=_("Share of the reference catalogue offered, per aimag"),
                shares={row.unit.code: row.share_percent for row in found.by_aimag},
                names=names,
            ),
            note=_("The reference catalogue has %(count)s services.") % {"count": found.catalogue},
        ),
        Table(
            key="coverage-months",
            title=_("Coverage over time: %(where)s") % {"where": where},
            columns=[
                _("Month"),
                _("Services offered"),
                _("Services in the reference catalogue"),
                _("Share of the reference catalogue"),
            ],
            rows=[
                [
                    Cell(m.month.strftime("%Y-%m"), m.month.strftime("%Y-%m")),
                    _number(m.offered),
                    _number(m.catalogue_size),
                    _percent(m.share_percent),
                ]
                for m in found.history
            ],
            chart=charts.bar_chart(
                title=_("Share of the reference catalogue offered at the end of each month"),
                rows=[
                    (m.month.strftime("%Y-%m"), m.share_percent, f"{m.share_percent:.1f}%")
                    for m in found.history
                ],
            ),
            note=_(
                "At the end of each month (this month: today), from the dated history of the adoptions, since the "
                "first adoption. Services offered in the country: offered in at least one aimag."
            ),
        ),
    ]


def channel_table(performance: selectors.Performance) -> Table:
    figures = performance.by_channel
    labels = dict(Channel.choices)
    rows = [[Cell(str(labels[c]), str(labels[c])), *_figure_cells(f)] for c, f in figures.items()]
    return Table(
        key="channels",
        title=_("Requests by channel"),
        columns=[_("Channel"), *_figure_columns()],
        rows=rows,
        chart=charts.bar_chart(
            title=_("Requests submitted by channel"),
            rows=[(str(labels[c]), f.submitted, f"{f.submitted:,}") for c, f in figures.items()],
        ),
    )


def month_table(performance: selectors.Performance) -> Table:
    figures = performance.by_month
    return Table(
        key="months",
        title=_("Requests by month"),
        columns=[_("Month"), *_figure_columns()],
        rows=[
            [Cell(m.strftime("%Y-%m"), m.strftime("%Y-%m")), *_figure_cells(f)] for m, f in figures.items()
        ],
        chart=charts.bar_chart(
            title=_("Requests submitted per month"),
            rows=[(m.strftime("%Y-%m"), f.submitted, f"{f.submitted:,}") for m, f in figures.items()],
        ),
    )


def aimag_table(performance: selectors.Performance) -> Table:
    figures = performance.by_aimag
    names = {unit.code: unit.name for unit in selectors.aimags()}
    rows = []
    for code, found in figures.items():
        cells = [_withheld() for _c in _figure_columns()] if found is None else _figure_cells(found)
        rows.append([Cell(names[code], names[code]), *cells])
    chart_rows: list[tuple[str, float | None, str]] = []
    for code, found in figures.items():
        if found is None:
            chart_rows.append((names[code], None, _("withheld")))
        else:
            median = found.median_seconds
            chart_rows.append((names[code], median, "—" if median is None else days_cell(median).text))
    return Table(
        key="aimags",
        title=_("Performance per aimag"),
        columns=[_("Aimag"), *_figure_columns()],
        rows=rows,
        chart=charts.bar_chart(title=_("Median resolution time per aimag (days)"), rows=chart_rows),
        note=_(
            "Medians and percentiles come from the rollup's resolution-time buckets: within 6.25 per cent of the "
            "exact value. Choose a service to compare it across aimags."
        ),
    )


def step_table(performance: selectors.Performance, scope: InsightScope) -> Table:
    steps = performance.steps
    units = [u for u in selectors.aimags() if scope.sees(u.code)]
    rows = []
    for step in steps:
        cells = [Cell(step.step, step.step)]
        for unit in units:
            value = step.by_aimag.get(unit.code)
            if value is None:
                cells.append(Cell(None, "—"))
                continue
            hours = round(value[1] / 3600, 1)
            slowest = unit.code == step.slowest_aimag
            text = (
                _("%(hours)s h (slowest)") % {"hours": hours}
                if slowest
                else _("%(hours)s h") % {"hours": hours}
            )
            cells.append(Cell(hours, text, mark="tag-bad" if slowest else ""))
        rows.append(cells)
    return Table(
        key="steps",
        title=_("Mean time in each process step, per aimag (hours)"),
        columns=[_("Step"), *[u.name for u in units]],
        rows=rows,
        note=_(
            "The slowest aimag of each step is marked “slowest”. Other aimags are withheld from your view."
        )
        if not scope.is_national
        else _("The slowest aimag of each step is marked “slowest”."),
    )


def savings_table(filters: Filters, scope: InsightScope) -> Table:
    found = selectors.savings(filters, scope)
    names = {unit.code: unit.name for unit in selectors.aimags()}
    rows = [
        [Cell(names[code], names[code]), _withheld() if amount is None else _mnt(amount)]
        for code, amount in found.by_aimag.items()
    ]
    rows.append([Cell(_("Mongolia"), _("Mongolia")), _mnt(found.national_mnt)])
    return Table(
        key="savings",
        title=_("What online requests saved citizens"),
        columns=[_("Aimag"), _("Saved (₮)")],
        rows=rows,
        chart=charts.bar_chart(
            title=_("Savings of requests delivered online, per aimag (₮)"),
            rows=[
                (names[c], a, _("withheld") if a is None else f"{a:,}₮") for c, a in found.by_aimag.items()
            ],
        ),
        note=_(
            "Travel, time and paper a citizen did not spend because the request was delivered online: see the "
            "savings model below."
        ),
        extra={"national_mnt": found.national_mnt, "by_service": found.by_service},
    )


def variance_tables(filters: Filters) -> list[Table]:
    found = selectors.variance(filters)
    columns = [
        _("Adoptions"),
        _("Differing"),
        _("Own fee"),
        _("Own norm"),
        _("Extra documents"),
        _("Own process"),
        _("Score"),
    ]

    def cells(row: selectors.VarianceRow) -> list[Cell]:
        return [
            _number(row.adoptions),
            _number(row.differing),
            _number(row.fee),
            _number(row.norm),
            _number(row.documents),
            _number(row.variants),
            Cell(row.score, f"{row.score:.3f}"),
        ]

    top = []
    for index, item in enumerate(found.top, start=1):
        href = reverse("processes:adoption-process", args=[item["pk"]])
        place = item["territory__name_en"] if selectors.is_english() else item["territory__name_mn"]
        top.append(
            [
                _number(index),
                Cell(item["service__code"], item["service__code"]),
                Cell(place, place),
                Cell(item["score"], f"{item['score']:.3f}", href=href),
            ]
        )
    return [
        Table(
            key="variance-aimags",
            title=_("Variance from the reference, per aimag"),
            columns=[_("Aimag"), *columns],
            rows=[[Cell(r.label, r.label), *cells(r)] for r in found.by_aimag],
            chart=charts.bar_chart(
                title=_("Variance score per aimag"),
                rows=[(r.label, r.score, f"{r.score:.3f}") for r in found.by_aimag],
            ),
            note=_(
                "Score: mean local differences per adoption (fee, norm, channels, each extra document or field) "
                "plus the mean process variance (0 = the reference process, 1 = entirely different)."
            ),
        ),
        Table(
            key="variance-services",
            title=_("Variance from the reference, per service"),
            columns=[_("Service"), *columns],
            rows=[[Cell(r.label, r.label), *cells(r)] for r in found.by_service],
        ),
        Table(
            key="variance-adoptions",
            title=_("Adoptions that differ most"),
            columns=[_("Rank"), _("Service"), _("Aimag or soum"), _("Score (opens the drawn comparison)")],
            rows=top,
        ),
    ]


def rollout_table(filters: Filters) -> Table:
    rows = selectors.rollout_candidates(filters)
    return Table(
        key="rollout",
        title=_("What to roll out next"),
        columns=[
            _("Service"),
            _("Offered in aimags"),
            _("Requests where offered"),
            _("Requests per 10,000 residents"),
            _("Residents without it"),
            _("Expected requests if offered everywhere"),
        ],
        rows=[
            [
                Cell(
                    r.service.code,
                    f"{r.service.code} {r.service.current_version.name if r.service.current_version else ''}",
                ),
                _number(len(r.offered_in)),
                _number(r.requests),
                Cell(r.demand_per_10000, f"{r.demand_per_10000:.2f}"),
                _number(r.residents_without),
                _number(r.expected_requests),
            ]
            for r in rows
        ],
        chart=charts.bar_chart(
            title=_("Expected requests in the aimags without the service"),
            rows=[(r.service.code, r.expected_requests, f"{r.expected_requests:,}") for r in rows[:12]],
        ),
        note=_(
            "Services offered in some aimags and not in others. Expected requests: the demand where the service "
            "is offered (requests per 10,000 residents in the period) applied to the residents without it."
        ),
    )


def dashboard(filters: Filters, scope: InsightScope) -> tuple[Figures, list[Table]]:
    """The summary figures and every table of the dashboard."""
    performance = selectors.performance(filters, scope)
    return performance.total, [
        *coverage_tables(filters),
        channel_table(performance),
        month_table(performance),
        aimag_table(performance),
        step_table(performance, scope),
        savings_table(filters, scope),
        *variance_tables(filters),
        rollout_table(filters),
    ]


def period_label(filters: Filters) -> str:
    return f"{filters.month_from:%Y-%m} – {filters.month_to:%Y-%m}"
