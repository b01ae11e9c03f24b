"""Reads of the academy, already filtered by what the reader may see."""

import datetime
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils import timezone

from nutag.academy.models import (
    Participant,
    Programme,
    ServiceRating,
    Survey,
    TrainingSession,
    Visit,
    VisitPlan,
)
from nutag.academy.permissions import audiences_of
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request
from nutag.core.permissions import visible_to


def programmes_for_list(*, user: Any, with_inactive: bool = False) -> QuerySet[Programme]:
    programmes = Programme.objects.all() if with_inactive else Programme.objects.filter(is_active=True)
    return visible_to(user, programmes).annotate(
        session_count=Count("sessions", distinct=True),
        completed_count=Count(
            "sessions__participants", filter=Q(sessions__participants__completed_at__isnull=False)
        ),
    )


def sessions_for_list(
    *, user: Any, programme: Programme | None = None, aimag_code: str = ""
) -> QuerySet[TrainingSession]:
    sessions = visible_to(user, TrainingSession.objects.all())
    if programme is not None:
        sessions = sessions.filter(programme=programme)
    if aimag_code:
        sessions = sessions.filter(aimag_code=aimag_code)
    return sessions.select_related("programme", "territory", "trainer").annotate(
        registered=Count("participants", distinct=True),
        completed=Count("participants", filter=Q(participants__completed_at__isnull=False), distinct=True),
    )


def sessions_planned_by(*, user: Any) -> QuerySet[TrainingSession]:
    return sessions_for_list(user=user).filter(
        pk__in=visible_to(user, TrainingSession.objects.all(), "record").values("pk")
    )


def participants_of_session(*, user: Any, session: TrainingSession) -> QuerySet[Participant]:
    return visible_to(user, session.participants.all()).select_related("user", "organisation")


def training_of_own_people(*, user: Any) -> QuerySet[Participant]:
    """What the organisation admin's people (and the person themself) took, newest first."""
    return (
        visible_to(user, Participant.objects.all())
        .select_related("session__programme", "session__territory", "organisation")
        .order_by("-session__starts_on", "full_name")
    )


def visit_plans_for_list() -> QuerySet[VisitPlan]:
    return VisitPlan.objects.prefetch_related(
        Prefetch("visits", queryset=Visit.objects.select_related("aimag"))
    )


def certificate_get(code: str) -> Participant | None:
    return (
        Participant.objects.filter(certificate_code=code, completed_at__isnull=False)
        .select_related("session__programme", "session__territory", "session__organiser")
        .first()
    )


def surveys_open_for(*, user: Any, now: datetime.datetime | None = None) -> list[Survey]:
    """Open surveys of the user's audiences and aimag."""
    moment = now or timezone.now()
    mine = audiences_of(user)
    if not mine:
        return []
    surveys = Survey.objects.filter(opens_at__lte=moment, closes_at__gt=moment).prefetch_related("aimags")
    found = []
    for survey in surveys:
        aimags = {unit.code for unit in survey.aimags.all()}
        if any(
            audience in survey.audiences and (not aimags or aimag in aimags)
            for audience, aimag in mine.items()
        ):
            found.append(survey)
    return found


def surveys_for_results(*, user: Any) -> QuerySet[Survey]:
    return visible_to(user, Survey.objects.all(), "results").annotate(response_count=Count("responses"))


def requests_to_rate(*, user: Any) -> QuerySet[Request]:
    return Request.objects.filter(
        applicant=user, status=RequestStatus.COMPLETED, rating__isnull=True
    ).select_related("service__current_version")


def ratings_by_service_and_aimag(*, service_codes: list[str] | None = None) -> list[dict[str, Any]]:
    """Citizens' ratings of completed requests per reference service and aimag: count, average score (1–5) and
    how many gave each score. For the insights dashboard; the figures carry no names."""
    ratings = ServiceRating.objects.all()
    if service_codes is not None:
        ratings = ratings.filter(service__code__in=service_codes)
    rows: Any = (
        ratings.values("service__code", "aimag_code")
        .annotate(
            count=Count("pk"),
            average=Avg("score"),
            **{f"score_{n}": Count("pk", filter=Q(score=n)) for n in range(1, 6)},
        )
        .order_by("service__code", "aimag_code")
    )
    return [
        {
            "service_code": row["service__code"],
            "aimag_code": row["aimag_code"],
            "count": row["count"],
            "average": round(float(row["average"]), 2),
            "scores": {n: row[f"score_{n}"] for n in range(1, 6)},
        }
        for row in rows
    ]


def ratings_for_list(*, user: Any) -> QuerySet[ServiceRating]:
    return visible_to(user, ServiceRating.objects.all()).select_related("service", "request")
