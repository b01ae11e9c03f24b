"""A year of simulated requests for the demo, so that every chart has something true to show: requests across
the aimags on the demo adoptions, following the steps of the process each adoption runs (its variant where it has
one), with per-aimag working speeds, correction and refusal rates and channel mixes. Rows are written in bulk
(requests, their events and work items), then the rollups are refreshed. Idempotent: a second run adds nothing.

The simulated requests are all closed before today, so none waits in an officer's queue."""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from nutag.accounts.choices import UserKind
from nutag.accounts.models import User
from nutag.analytics.services import rollups_refresh
from nutag.cases.calendar import LOCAL, calendar
from nutag.cases.choices import Channel, RequestStatus, WorkItemStatus
from nutag.cases.models import Request, RequestEvent, WorkItem
from nutag.cases.numbers import new_number
from nutag.catalog.choices import AdoptionStatus
from nutag.catalog.models import Adoption
from nutag.processes.models import ProcessModel
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit

MARK = "insights-demo"
HOUR = 3600.0
# The user tasks each demo process walks through on its way to a result, and the service task that issues it.
STEPS = {
    "reference_letter": (["Check the request against the register"], "Issue the reference letter"),
    "reference_letter__supervisor_signoff": (
        ["Check the request against the register", "Sign the letter"],
        "Issue the reference letter",
    ),
    "permit": (["Review the application", "Approve the permit"], "Issue the permit"),
    "permit__extra_approval": (
        ["Review the application", "Approve the permit", "Second approval by the governor's office"],
        "Issue the permit",
    ),
    "welfare_committee": (["Check the application", "Committee decision"], "Issue the welfare decision"),
    "welfare_committee__longer_deadline": (
        ["Check the application", "Committee decision"],
        "Issue the welfare decision",
    ),
    "site_inspection_permit": (
        ["Review the application", "Check the land documents", "Inspect the site", "Approve the permit"],
        "Issue the permit",
    ),
    "site_inspection_permit__no_inspection": (
        ["Review the application", "Check the land documents", "Approve the permit"],
        "Issue the permit",
    ),
}
RETURN_STEP = "Return to the applicant for correction"
ADOPTIONS_PER_AIMAG = 8


@dataclass(frozen=True)
class AimagProfile:
    speed: float  # multiplies every step's working time
    slow_step: str  # the step this aimag is slowest at (three times slower)
    correction_rate: float
    refusal_rate: float
    online_share: float
    requests: int


def _profiles(rng: random.Random, units: list[TerritoryUnit]) -> dict[str, AimagProfile]:
    steps = sorted({step for names, _issue in STEPS.values() for step in names})
    return {
        unit.code: AimagProfile(
            speed=rng.uniform(0.6, 2.2),
            slow_step=rng.choice(steps),
            correction_rate=rng.uniform(0.03, 0.22),
            refusal_rate=rng.uniform(0.03, 0.12),
            online_share=rng.uniform(0.3, 0.75),
            requests=max(60, min(600, (unit.population or 50_000) // 450)),
        )
        for unit in units
    }


def _adoptions() -> dict[str, list[tuple[Adoption, ProcessModel, str]]]:
    """Per aimag, a few offered adoptions with an executable process: variants first, then the reference."""
    variants = {
        m.adoption_id: m
        for m in ProcessModel.objects.filter(adoption__isnull=False, is_current=True, is_executable=True)
    }
    references = {
        m.version_id: m
        for m in ProcessModel.objects.filter(version__isnull=False, is_current=True, is_executable=True)
    }
    chosen: dict[str, list[tuple[Adoption, ProcessModel, str]]] = {}
    adoptions = (
        Adoption.objects.filter(status=AdoptionStatus.OFFERED)
        .select_related("version", "organisation", "territory")
        .order_by("aimag_code", "service__code", "territory__code")
    )
    for adoption in adoptions.iterator(chunk_size=2000):
        variant = variants.get(adoption.pk)
        model = variant or references.get(adoption.version_id)
        if model is None:
            continue
        kind = variant.file_name.split("-")[0] if variant else adoption.version.process_kind
        if kind not in STEPS:
            continue
        picks = chosen.setdefault(adoption.aimag_code, [])
        if variant and len(picks) < ADOPTIONS_PER_AIMAG * 2:
            picks.insert(0, (adoption, model, kind))
        elif len(picks) < ADOPTIONS_PER_AIMAG and all(p[0].service_id != adoption.service_id for p in picks):
            picks.append((adoption, model, kind))
    return {code: picks[:ADOPTIONS_PER_AIMAG] for code, picks in chosen.items()}


def _citizens(count: int = 40) -> list[User]:
    existing = list(User.objects.filter(username__startswith=f"{MARK}-"))
    if len(existing) >= count:
        return existing
    User.objects.bulk_create(
        [
            User(
                username=f"{MARK}-{i}",
                kind=UserKind.CITIZEN,
                full_name=f"Demo citizen {i}",
                password=make_password(None),
            )
            for i in range(len(existing), count)
        ]
    )
    return list(User.objects.filter(username__startswith=f"{MARK}-"))


def _simulate(
    rng: random.Random,
    adoption: Adoption,
    model: ProcessModel,
    kind: str,
    profile: AimagProfile,
    submitted: datetime.datetime,
    applicant: User,
) -> tuple[Request, list[RequestEvent], list[WorkItem]]:
    steps, issue = STEPS[kind]
    channel = (
        Channel.ONLINE
        if rng.random() < profile.online_share
        else rng.choice([Channel.OPERATOR, Channel.OPERATOR, Channel.KHURDAN])
    )
    norm_days = adoption.effective_norm_days
    request = Request(
        number=new_number(),
        service_id=adoption.service_id,
        adoption=adoption,
        service_version=adoption.version,
        process_model=model,
        organisation=adoption.organisation,
        territory=adoption.territory,
        territory_path=adoption.territory_path,
        aimag_code=adoption.aimag_code,
        applicant=applicant,
        channel=channel,
        status=RequestStatus.PROCESSING,
        idempotency_key=f"{MARK}-{rng.getrandbits(48):x}",
        submitted_at=submitted,
        norm_due_at=calendar.add_working_days(submitted, norm_days),
        statutory_due_at=calendar.add_working_days(submitted, adoption.version.statutory_deadline_days),
        fee_mnt=adoption.effective_fee_mnt,
    )
    events: list[RequestEvent] = []
    items: list[WorkItem] = []

    def event(at: datetime.datetime, kind_: str, before: str, after: str, step: str = "") -> None:
        events.append(
            RequestEvent(
                request=request, at=at, kind=kind_, status_before=before, status_after=after, step=step
            )
        )

    event(submitted - datetime.timedelta(minutes=rng.randint(5, 90)), "created", "", RequestStatus.DRAFT)
    event(submitted, "submitted", RequestStatus.DRAFT, RequestStatus.SUBMITTED)
    moment, status = submitted, RequestStatus.SUBMITTED
    returned = rng.random() < profile.correction_rate
    refused = rng.random() < profile.refusal_rate
    for index, step in enumerate(steps):
        factor = profile.speed * (3 if step == profile.slow_step else 1)
        opened = moment
        claimed = opened + datetime.timedelta(seconds=rng.expovariate(1 / (6 * HOUR * factor)))
        decided = claimed + datetime.timedelta(seconds=rng.expovariate(1 / (10 * HOUR * factor)) + 600)
        event(claimed, "claimed", status, RequestStatus.PROCESSING, step)
        status = RequestStatus.PROCESSING
        last = index == len(steps) - 1
        final = RequestStatus.REJECTED if refused and last else RequestStatus.COMPLETED if last else status
        event(decided, "decided", status, final, step)
        items.append(
            WorkItem(
                request=request,
                task_id=f"{MARK}-{index}",
                element_id=step.lower().replace(" ", "_")[:60],
                name=step,
                role="officer",
                organisation=adoption.organisation,
                territory_path=adoption.territory_path,
                status=WorkItemStatus.DONE,
                due_at=request.norm_due_at,
                created_at=opened,
                completed_at=decided,
            )
        )
        moment = decided
        if index == 0 and returned:
            event(moment, "returned_for_correction", "", RequestStatus.RETURNED, RETURN_STEP)
            moment += datetime.timedelta(hours=rng.uniform(12, 24 * 6))
            event(moment, "corrected", RequestStatus.RETURNED, RequestStatus.PROCESSING)
            paused = calendar.working_days_between(decided, moment)
            request.paused_working_days = paused
            request.norm_due_at = calendar.add_working_days(submitted, norm_days + paused)
            request.statutory_due_at = calendar.add_working_days(
                submitted, adoption.version.statutory_deadline_days + paused
            )
    if refused:
        request.status = RequestStatus.REJECTED
    else:
        request.status = RequestStatus.COMPLETED
        request.outcome = "issued"
        event(moment, "result_issued", "", RequestStatus.COMPLETED, issue)
    request.closed_at = moment
    request.created_at = events[0].at
    return request, events, items


def requests_demo_load(year: int = 2026, *, now: datetime.datetime | None = None, seed: int = 2026) -> int:
    """Simulate `year`'s requests across the aimags (closed before `now`); returns the number created."""
    moment = now or timezone.now()
    if Request.objects.filter(idempotency_key__startswith=f"{MARK}-", submitted_at__year=year).exists():
        return 0
    rng = random.Random(seed * 1000 + year)
    units = list(TerritoryUnit.objects.filter(level__in=[Level.AIMAG, Level.CAPITAL]).order_by("code"))
    profiles = _profiles(rng, units)
    start = datetime.datetime(year, 1, 1, 9, tzinfo=LOCAL)
    end = min(datetime.datetime(year + 1, 1, 1, tzinfo=LOCAL), moment - datetime.timedelta(days=1))
    citizens = _citizens()
    requests, events, items = [], [], []
    for aimag_code, picks in _adoptions().items():
        profile = profiles.get(aimag_code)
        if profile is None or not picks:
            continue
        for _n in range(profile.requests):
            adoption, model, kind = rng.choice(picks)
            submitted = start + datetime.timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))
            request, request_events, request_items = _simulate(
                rng, adoption, model, kind, profile, submitted, rng.choice(citizens)
            )
            if request.closed_at is None or request.closed_at >= end:
                continue
            requests.append(request)
            events += request_events
            items += request_items
    _unique_numbers(requests)
    with transaction.atomic():
        _bulk(requests, events, items)
    rollups_refresh(actor=None)
    return len(requests)


def _unique_numbers(requests: list[Request]) -> None:
    """Random reference numbers can repeat (rarely, but a bulk insert must not fail on it): draw again."""
    taken = set(Request.objects.exclude(number=None).values_list("number", flat=True))
    for request in requests:
        while request.number in taken:
            request.number = new_number()
        taken.add(request.number)


def _bulk(requests: list[Request], events: list[RequestEvent], items: list[WorkItem]) -> None:
    """auto_now_add overwrites the creation times on insert: they are put back with one update per batch."""
    created = {id(r): r.created_at for r in requests} | {id(i): i.created_at for i in items}
    Request.objects.bulk_create(requests, batch_size=1000)
    for request in requests:
        request.created_at = created[id(request)]
    Request.objects.bulk_update(requests, ["created_at"], batch_size=1000)
    for row in events:
        row.request_id = row.request.pk
    for item in items:
        item.request_id = item.request.pk
    events.sort(key=lambda e: e.at)
    RequestEvent.objects.bulk_create(events, batch_size=2000)
    WorkItem.objects.bulk_create(items, batch_size=1000)
    for item in items:
        item.created_at = created[id(item)]
    WorkItem.objects.bulk_update(items, ["created_at"], batch_size=1000)
