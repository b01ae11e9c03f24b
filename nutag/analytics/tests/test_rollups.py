import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from nutag.accounts.models import User
from nutag.analytics import rollups
from nutag.analytics.models import (
    EventGap,
    MonthlyAimagRollup,
    MonthlyDistribution,
    MonthlyRequestRollup,
    RollupCursor,
)
from nutag.analytics.permissions import InsightScope
from nutag.analytics.savings import SavingsModel
from nutag.analytics.selectors import (
    Filters,
    performance,
    performance_by_aimag,
    performance_total,
    savings,
    steps_by_aimag,
)
from nutag.analytics.services import rollups_refresh
from nutag.cases import services
from nutag.cases.models import Request, RequestEvent, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption
from nutag.core.errors import PermissionDenied

UTC = datetime.UTC
NATIONAL = InsightScope(is_national=True, aimag_codes=frozenset())
YEAR = Filters(month_from=datetime.date(2026, 1, 1), month_to=datetime.date(2026, 12, 1))


@given(st.integers(min_value=1, max_value=10**9))
def test_a_bucket_holds_its_value_and_its_midpoint_is_within_6_25_percent(seconds: int) -> None:
    low, high = rollups.bucket_bounds(rollups.bucket_of(seconds))
    assert low <= seconds < high
    assert abs(rollups.bucket_midpoint(rollups.bucket_of(seconds)) - seconds) <= seconds / 16


def _rollup_rows() -> rollups.Fold:
    requests = {
        (r.month, r.aimag_code, r.service_id, r.channel): [getattr(r, n) for n in rollups.REQUEST_COUNTERS]
        for r in MonthlyRequestRollup.objects.all()
    }
    histogram, steps = {}, {}
    for d in MonthlyDistribution.objects.all():
        key = (d.month, d.aimag_code, d.service_id, d.channel)
        for bucket, count in rollups.buckets_decode(d.resolution_buckets).items():
            histogram[(*key, bucket)] = [count]
        for step, figures in rollups.steps_decode(d.steps).items():
            steps[(*key, step)] = figures
    return rollups.Fold(requests=requests, histogram=histogram, steps=steps)


def _aimag_rows() -> dict[tuple[object, ...], tuple[list[int], dict[int, int], dict[str, list[int]]]]:
    return {
        (r.month, r.aimag_code, r.channel): (
            [getattr(r, n) for n in rollups.REQUEST_COUNTERS],
            rollups.buckets_decode(r.resolution_buckets),
            rollups.steps_decode(r.steps),
        )
        for r in MonthlyAimagRollup.objects.all()
    }


def _assert_exact() -> None:
    direct = rollups.direct_fold()
    folded = _rollup_rows()
    assert folded.requests == dict(direct.requests)
    assert folded.histogram == dict(direct.histogram)
    assert folded.steps == dict(direct.steps)
    all_services = {
        key: (cell.counters, cell.buckets, cell.steps) for key, cell in rollups._aimag_cells(direct).items()
    }
    assert _aimag_rows() == all_services


def _submit(adoption: Adoption, citizen: User, at: datetime.datetime) -> Request:
    request = services.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    return services.request_submit(request=request, actor=citizen, now=at)


def _decide(request: Request, officer: User, action: str, at: datetime.datetime, **kwargs: str) -> Request:
    item = services.workitem_claim(item=WorkItem.objects.get(request=request, status="open"), actor=officer)
    return services.request_act(item=item, actor=officer, action=action, now=at, **kwargs)


def test_rollups_folded_incrementally_equal_a_direct_computation_over_the_event_log(
    letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    start = datetime.datetime(2026, 3, 2, 2, tzinfo=UTC)
    first = _submit(letter_service, citizen, start)
    _decide(first, officer_soum_a, "approve", start + datetime.timedelta(hours=30))
    assert rollups_refresh(batch_size=3) > 0
    _assert_exact()
    second = _submit(letter_service, citizen, start + datetime.timedelta(days=40))
    _decide(second, officer_soum_a, "reject", start + datetime.timedelta(days=52), reason="Not registered")
    _submit(letter_service, citizen, start + datetime.timedelta(days=60))
    before = RollupCursor.objects.get(name=rollups.CURSOR).folded_events
    assert rollups_refresh(batch_size=4) == RequestEvent.objects.count() - before
    assert (
        RollupCursor.objects.get(name=rollups.CURSOR).last_event_id
        == RequestEvent.objects.order_by("-id").first().id
    )  # type: ignore[union-attr]
    _assert_exact()
    assert rollups_refresh() == 0
    _assert_exact()
    total = performance_total(YEAR)
    assert (total.submitted, total.closed, total.completed, total.rejected) == (3, 2, 1, 1)
    # The refusal came after 12 days: past the norm, within the statutory deadline.
    assert total.within_norm == 1 and total.within_deadline == 2


def test_a_late_event_below_the_cursor_is_folded_when_it_appears(
    letter_service: Adoption, citizen: User, make_closed: Callable[..., Request]
) -> None:
    request = make_closed(letter_service, submitted=datetime.datetime(2026, 4, 1, tzinfo=UTC), hours=5)
    rollups_refresh()
    top = RequestEvent.objects.order_by("-id").first()
    assert top is not None
    # A transaction that took id top+1 commits after one that took top+3: the first refresh sees a gap.
    late = RequestEvent(id=top.id + 1, request=request, at=request.closed_at, kind="submitted", step="")
    after = RequestEvent(id=top.id + 3, request=request, at=request.closed_at, kind="submitted", step="")
    RequestEvent.objects.bulk_create([after])
    rollups_refresh()
    assert set(EventGap.objects.values_list("event_id", flat=True)) == {top.id + 1, top.id + 2}
    RequestEvent.objects.bulk_create([late])
    rollups_refresh()
    assert set(EventGap.objects.values_list("event_id", flat=True)) == {top.id + 2}
    _assert_exact()
    rollups_refresh(now=datetime.datetime.now(UTC) + rollups.GAP_PATIENCE * 2)
    assert not EventGap.objects.exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval('cases_requestevent_id_seq', (SELECT max(id) FROM cases_requestevent))"
            )


def test_figures_of_a_small_hand_made_set_are_pinned(
    letter_service: Adoption, make_closed: Callable[..., Request]
) -> None:
    day = datetime.datetime(2026, 5, 4, 3, tzinfo=UTC)
    for hours, returned, channel in [
        (24, False, "online"),
        (48, True, "online"),
        (72, False, "operator"),
        (96, False, "online"),
        (240, True, "khurdan"),
    ]:
        make_closed(letter_service, submitted=day, hours=hours, returned=returned, channel=channel)
    make_closed(letter_service, submitted=day, hours=30, status="rejected", step_hours=6)
    rollups_refresh()
    total = performance_total(YEAR)
    assert (total.submitted, total.closed, total.completed, total.rejected, total.returns) == (6, 6, 5, 1, 2)
    hours = sorted([24, 48, 72, 96, 240, 30])
    exact_median, exact_p90 = hours[2] * 3600, hours[5] * 3600  # nearest rank: 3rd and 6th of six
    assert total.median_seconds == rollups.bucket_midpoint(rollups.bucket_of(exact_median))
    assert total.p90_seconds == rollups.bucket_midpoint(rollups.bucket_of(exact_p90))
    assert abs(total.median_seconds - exact_median) <= exact_median / 16
    assert total.within_norm_percent == 66.7  # 24, 30, 48, 72 hours of a 72-hour norm: 4 of 6
    assert total.within_deadline_percent == 100.0
    assert total.returned_percent == 33.3
    assert total.resolution_seconds_sum == sum(hours) * 3600
    by_aimag = performance_by_aimag(YEAR, InsightScope(is_national=False, aimag_codes=frozenset({"64"})))
    assert by_aimag["64"] is not None and by_aimag["64"].closed == 6
    assert by_aimag["44"] is None
    (step,) = steps_by_aimag(YEAR, NATIONAL)
    assert step.by_aimag["64"] == (6, (5 * 2 + 6) * 3600 / 6)
    # Three online requests delivered in a soum of Bayankhongor: 2 visits × (2 × 15 km × 100₮
    # + (30 km ÷ 50 km/h + 1 h) × 4,000₮) + 1,000₮ of paper = 19,800₮ each.
    assert SavingsModel().per_request_mnt(aimag_code="64", level="soum") == 19_800
    found = savings(YEAR, NATIONAL)
    assert found.national_mnt == 3 * 19_800 and found.by_aimag["64"] == 3 * 19_800
    assert savings(Filters(**{**YEAR.__dict__, "channel": "operator"}), NATIONAL).national_mnt == 0


def test_filters_choose_the_rollup_level_and_one_service_adds_up_to_the_same_figures(
    letter_service: Adoption, welfare_service: Adoption, make_closed: Callable[..., Request]
) -> None:
    day = datetime.datetime(2026, 5, 4, 3, tzinfo=UTC)
    for adoption, hours, channel in [
        (letter_service, 24, "online"),
        (letter_service, 48, "operator"),
        (letter_service, 72, "online"),
        (welfare_service, 240, "khurdan"),
    ]:
        make_closed(adoption, submitted=day, hours=hours, channel=channel)
    rollups_refresh()

    def figures(**chosen: object) -> tuple[int, dict[str, int], list[int], int | None, float | None]:
        found = performance(Filters(**{**YEAR.__dict__, **chosen}), NATIONAL)  # type: ignore[arg-type]
        return (
            found.total.closed,
            {channel: f.closed for channel, f in found.by_channel.items()},
            [f.closed for f in found.by_month.values() if f.closed],
            found.by_aimag["64"].closed if found.by_aimag["64"] else None,
            found.total.median_seconds,
        )

    def midpoint(hours: int) -> float:
        return rollups.bucket_midpoint(rollups.bucket_of(hours * 3600))

    everything = figures()
    assert everything == (4, {"online": 2, "operator": 1, "khurdan": 1}, [4], 4, midpoint(48))
    assert figures(channel="online") == (2, {"online": 2, "operator": 0, "khurdan": 0}, [2], 2, midpoint(24))
    assert figures(aimag="44") == (0, {"online": 0, "operator": 0, "khurdan": 0}, [], 4, None)
    assert figures(aimag="64", channel="khurdan")[:4] == (
        1,
        {"online": 0, "operator": 0, "khurdan": 1},
        [1],
        1,
    )
    letters = figures(service=letter_service.service)
    assert letters == (3, {"online": 2, "operator": 1, "khurdan": 0}, [3], 3, midpoint(48))
    assert figures(service=letter_service.service, channel="operator")[0] == 1


def test_refresh_by_a_citizen_is_refused_and_folds_nothing(
    letter_service: Adoption, citizen: User, make_closed: Callable[..., Request]
) -> None:
    make_closed(letter_service, submitted=datetime.datetime(2026, 4, 1, tzinfo=UTC), hours=5)
    with pytest.raises(PermissionDenied):
        rollups_refresh(actor=citizen)
    assert not MonthlyRequestRollup.objects.exists()


def test_a_rebuild_from_scratch_gives_the_same_rollups_as_the_incremental_fold(
    letter_service: Adoption, make_closed: Callable[..., Request]
) -> None:
    day = datetime.datetime(2026, 5, 31, 20, tzinfo=UTC)  # 1 June in Ulaanbaatar: months are local
    for hours, returned in [(1, False), (30, True), (300, False)]:
        make_closed(letter_service, submitted=day, hours=hours, returned=returned)
    rollups_refresh()
    incremental, incremental_aimags = _rollup_rows(), _aimag_rows()
    assert rollups.rebuild() == RequestEvent.objects.count()
    assert _rollup_rows() == incremental
    assert _aimag_rows() == incremental_aimags
    _assert_exact()
    assert {key[0] for key in incremental.requests} == {datetime.date(2026, 6, 1)}
