import datetime

from nutag.analytics import rollups
from nutag.analytics.demo import requests_demo_load
from nutag.analytics.models import MonthlyAimagRollup, MonthlyDistribution, MonthlyRequestRollup
from nutag.analytics.permissions import InsightScope
from nutag.analytics.selectors import Filters, performance_by_aimag, steps_by_aimag
from nutag.cases.calendar import holidays_load
from nutag.cases.models import Request
from nutag.catalog.demo import catalogue_demo_load
from nutag.processes.demo import processes_demo_load

NOW = datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)


def test_the_demo_year_gives_every_aimag_requests_with_differing_speeds_and_is_loaded_once(
    world: None,
) -> None:
    holidays_load()
    catalogue_demo_load()
    processes_demo_load()
    created = requests_demo_load(2026, now=NOW)
    assert 2_000 <= created <= 10_000
    assert requests_demo_load(2026, now=NOW) == 0
    assert Request.objects.filter(closed_at__gte=NOW).count() == 0
    direct = rollups.direct_fold()
    assert sum(v[0] for v in direct.requests.values()) == created
    assert MonthlyRequestRollup.objects.count() == len(direct.requests)
    assert MonthlyDistribution.objects.count() == len({key[:4] for key in [*direct.histogram, *direct.steps]})
    assert MonthlyAimagRollup.objects.count() == len(rollups._aimag_cells(direct))
    filters = Filters(month_from=datetime.date(2026, 1, 1), month_to=datetime.date(2026, 11, 1))
    national = InsightScope(is_national=True, aimag_codes=frozenset())
    figures = performance_by_aimag(filters, national)
    medians = {code: f.median_seconds for code, f in figures.items() if f is not None and f.closed}
    assert len(medians) == 22 and max(medians.values()) > 1.5 * min(medians.values())  # type: ignore[operator]
    assert any(f is not None and f.returns for f in figures.values())
    assert any(step.slowest_aimag for step in steps_by_aimag(filters, national))
