import datetime

import time_machine

from nutag.analytics import catalogue
from nutag.analytics.models import CoverageSnapshot
from nutag.analytics.selectors import Filters, coverage, variance
from nutag.catalog import services
from nutag.catalog.models import Adoption, ServiceVersion
from nutag.catalog.tests.factories import adopt, published_version
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit

UB = datetime.timezone(datetime.timedelta(hours=8))
NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=UB)


def _on(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+08:00"), tick=False)


def _bulk_adoption(version: ServiceVersion, code: str) -> None:
    """An adoption written by a bulk load (as the demo does): no audit event, offered since it was created."""
    unit = TerritoryUnit.objects.get(code=code)
    Adoption.objects.bulk_create(
        [
            Adoption(
                service_id=version.service_id,
                version=version,
                derived_from=version,
                territory=unit,
                organisation=Organisation.objects.get(code=f"gov-{code}"),
                status="offered",
                channels=list(version.channels),
                territory_path=unit.path,
                aimag_code=unit.aimag_code,
            )
        ]
    )
    services.coverage_refresh(service_ids=[version.service_id])


def _history() -> None:
    """Bayankhongor (64) and Dornogovi (44), January to June 2026:
    A and B published 10 January, C on 5 March;
    A offered in 6401 from 15 January, suspended 2 April, offered again 10 May;
    B bulk-loaded as offered in 4401 on 5 February; B planned in 6404 on 10 February, offered from 20 March;
    A offered in 4401 from 20 February; C offered in 6401 from 15 May."""
    with _on("2026-01-10"):
        a, b = published_version(code="CIVIL-901"), published_version(code="CIVIL-902")
    with _on("2026-01-15"):
        a_6401 = adopt(a, "6401")
    with _on("2026-02-05"):
        _bulk_adoption(b, "4401")
    with _on("2026-02-10"):
        b_6404 = adopt(b, "6404", status="planned")
    with _on("2026-02-20"):
        adopt(a, "4401")
    with _on("2026-03-05"):
        c = published_version(code="CIVIL-903")
    with _on("2026-03-20"):
        services.adoption_set_status(adoption=b_6404, status="offered", actor=None)
    with _on("2026-04-02"):
        services.adoption_set_status(adoption=a_6401, status="suspended", actor=None)
    with _on("2026-05-10"):
        services.adoption_set_status(adoption=a_6401, status="offered", actor=None)
    with _on("2026-05-15"):
        adopt(c, "6401")


def test_coverage_over_time_starts_at_the_first_adoption_and_follows_every_dated_change(world: None) -> None:
    _history()
    assert catalogue.refresh(now=NOW) is True
    rows = {
        (row.aimag_code, f"{row.month:%m}"): (row.services_offered, row.catalogue_size)
        for row in CoverageSnapshot.objects.all()
    }
    months = ["01", "02", "03", "04", "05", "06"]
    assert [rows["64", m][0] for m in months] == [1, 1, 2, 1, 3, 3]
    assert [rows["44", m][0] for m in months] == [0, 2, 2, 2, 2, 2]
    assert [rows[catalogue.NATIONAL, m] for m in months] == [(1, 2), (2, 2), (2, 3), (2, 3), (3, 3), (3, 3)]
    assert {code for code, _month in rows} == {"64", "44", catalogue.NATIONAL}
    assert catalogue.refresh(now=NOW) is False  # nothing changed since


def test_coverage_change_over_a_period_counts_from_before_it_began(world: None) -> None:
    _history()
    catalogue.refresh(now=NOW)
    spring = coverage(Filters(month_from=datetime.date(2026, 3, 1), month_to=datetime.date(2026, 6, 1)))
    found = {row.unit.code: row for row in spring.by_aimag}
    assert (found["64"].offered, found["64"].change) == (3, 3 - 1)
    assert (found["44"].offered, found["44"].change) == (2, 0)
    assert found["21"].change == 0 and spring.catalogue == 3
    assert found["64"].share_percent == 100.0
    year = coverage(Filters(month_from=datetime.date(2025, 7, 1), month_to=datetime.date(2026, 12, 1)))
    assert {row.unit.code: row.change for row in year.by_aimag if row.change} == {"64": 3, "44": 2}
    assert [(f"{m.month:%m}", m.offered, m.catalogue_size, m.share_percent) for m in year.history] == [
        ("01", 1, 2, 50.0),
        ("02", 2, 2, 100.0),
        ("03", 2, 3, 66.7),
        ("04", 2, 3, 66.7),
        ("05", 3, 3, 100.0),
        ("06", 3, 3, 100.0),
    ]
    bayankhongor = coverage(Filters(datetime.date(2026, 4, 1), datetime.date(2026, 5, 1), aimag="64"))
    assert [(f"{m.month:%m}", m.offered) for m in bayankhongor.history] == [("04", 1), ("05", 3)]


def test_a_new_status_change_is_taken_in_by_the_next_refresh(world: None) -> None:
    _history()
    catalogue.refresh(now=NOW)
    with _on("2026-06-10"):
        services.adoption_set_status(
            adoption=Adoption.objects.get(territory__code="6404"), status="withdrawn", actor=None
        )
    assert catalogue.refresh(now=NOW) is True
    june = CoverageSnapshot.objects.get(aimag_code="64", month=datetime.date(2026, 6, 1))
    may = CoverageSnapshot.objects.get(aimag_code="64", month=datetime.date(2026, 5, 1))
    assert (may.services_offered, june.services_offered) == (3, 2)


def test_variance_is_read_from_its_read_model_per_aimag_and_service(world: None) -> None:
    version = published_version(code="CIVIL-904")
    adopt(version, "6401")
    own = adopt(version, "6404", fee_mnt=1500, service_norm_days=3)
    other = adopt(version, "4401", fee_mnt=900)
    period = Filters(month_from=datetime.date(2026, 1, 1), month_to=datetime.date(2026, 6, 1))
    assert variance(period).by_aimag == []  # not derived yet
    catalogue.refresh()
    found = variance(period)
    by_aimag = {
        row.key: (row.adoptions, row.differing, row.fee, row.norm, row.score) for row in found.by_aimag
    }
    assert by_aimag == {"64": (2, 1, 1, 1, 1.0), "44": (1, 1, 1, 0, 1.0)}
    assert [(row.key, row.adoptions, row.differences_sum) for row in found.by_service] == [
        ("CIVIL-904", 3, 3)
    ]
    top = [(item["pk"], item["score"], item["fee"], item["norm"]) for item in found.top]
    assert top == [(own.pk, 2.0, True, True), (other.pk, 1.0, True, False)]
    only_44 = variance(Filters(period.month_from, period.month_to, aimag="44"))
    assert [row.key for row in only_44.by_aimag] == ["44"] and len(only_44.top) == 1
