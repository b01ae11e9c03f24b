"""Every change of the academy's training and ratings (surveys: survey_services.py): one transaction, a
permission check and an audit event each."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.academy.certificates import certificate_code_new
from nutag.academy.choices import ParticipantKind
from nutag.academy.models import Participant, Programme, ServiceRating, TrainingSession, Visit, VisitPlan
from nutag.academy.permissions import is_national, may_plan_in
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request
from nutag.core import audit
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.permissions import require
from nutag.territory.models import TerritoryUnit

SESSION_FIELDS = [
    "programme",
    "territory",
    "place",
    "is_online",
    "starts_on",
    "ends_on",
    "trainer",
    "capacity",
]


def programme_upsert(
    *,
    actor: User | None,
    code: str,
    name_mn: str,
    name_en: str,
    audience: str,
    length_hours: int,
    prepares_roles: list[str],
    description_mn: str = "",
    description_en: str = "",
) -> tuple[Programme, bool]:
    """Create or update a programme (national trainers and Nutag itself); returns it and whether it changed."""
    if actor is not None and not is_national(actor, Role.TRAINER):
        raise PermissionDenied(_("Only national trainers keep the programmes."))
    unknown = set(prepares_roles) - set(Role.values)
    if unknown:
        raise ValidationFailed(_("Unknown roles."), details={"prepares_roles": sorted(unknown)})
    values: dict[str, Any] = {
        "name_mn": name_mn,
        "name_en": name_en,
        "audience": audience,
        "length_hours": length_hours,
        "prepares_roles": sorted(prepares_roles),
        "description_mn": description_mn,
        "description_en": description_en,
    }
    with transaction.atomic():
        programme = Programme.objects.select_for_update().filter(code=code).first()
        if programme is not None and all(getattr(programme, k) == v for k, v in values.items()):
            return programme, False
        before = audit.snapshot(programme, list(values)) if programme else None
        programme, _created = Programme.objects.update_or_create(code=code, defaults=values)
        audit.record(
            actor=actor, action="academy.programme_saved", obj=programme, before=before, after=values
        )
    return programme, True


@transaction.atomic
def visit_plan_create(
    *,
    actor: User | None,
    name_mn: str,
    name_en: str,
    visits: list[tuple[TerritoryUnit, datetime.date, datetime.date]],
) -> VisitPlan:
    """A tour of aimags; national trainers plan it."""
    if actor is not None and not is_national(actor, Role.TRAINER):
        raise PermissionDenied(_("Only national trainers plan tours of aimags."))
    if not visits:
        raise ValidationFailed(_("A visit plan needs at least one aimag."))
    for aimag, starts_on, ends_on in visits:
        if not aimag.is_top_level or ends_on < starts_on:
            raise ValidationFailed(_("Each visit is to an aimag, and ends on or after its first day."))
    plan = VisitPlan.objects.create(
        name_mn=name_mn,
        name_en=name_en,
        starts_on=min(v[1] for v in visits),
        ends_on=max(v[2] for v in visits),
    )
    Visit.objects.bulk_create(
        Visit(plan=plan, aimag=aimag, starts_on=starts_on, ends_on=ends_on)
        for aimag, starts_on, ends_on in visits
    )
    audit.record(actor=actor, action="academy.visit_plan_created", obj=plan, after={"aimags": len(visits)})
    return plan


@transaction.atomic
def session_plan(
    *,
    actor: User | None,
    programme: Programme,
    territory: TerritoryUnit,
    starts_on: datetime.date,
    ends_on: datetime.date,
    capacity: int,
    place: str = "",
    is_online: bool = False,
    trainer: User | None = None,
    visit: Visit | None = None,
) -> TrainingSession:
    """Plan a session in an aimag or soum the actor trains in."""
    if actor is not None and not may_plan_in(actor, territory.path):
        raise PermissionDenied(_("You may plan sessions only in the territory you train in."))
    errors: dict[str, str] = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("The session ends before it starts.")
    if capacity < 1:
        errors["capacity"] = _("A session has room for at least one person.")
    if not is_online and not place.strip():
        errors["place"] = _("Give the place, or mark the session as online.")
    if not programme.is_active:
        errors["programme"] = _("This programme is no longer taught.")
    if errors:
        raise ValidationFailed(_("The session cannot be planned."), details=errors)
    parts = territory.path.split(".")
    session = TrainingSession.objects.create(
        programme=programme,
        territory=territory,
        territory_path=territory.path,
        aimag_code=parts[1] if len(parts) > 1 else "",
        place=place.strip(),
        is_online=is_online,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        trainer=trainer if trainer is not None else actor,
        visit=visit,
    )
    audit.record(
        actor=actor,
        action="academy.session_planned",
        obj=session,
        after=audit.snapshot(session, SESSION_FIELDS),
        territory_path=session.territory_path,
    )
    return session


def _home_organisation(user: User, programme: Programme) -> Any:
    assignments = user.role_assignments
    preferred = [a for a in assignments if a.role in programme.prepares_roles] or assignments
    return preferred[0].organisation if preferred else None


@transaction.atomic
def participant_register(
    *,
    actor: User | None,
    session: TrainingSession,
    user: User | None = None,
    full_name: str = "",
    phone: str = "",
    now: datetime.datetime | None = None,
) -> Participant:
    """Register a member of staff (by account) or a citizen without an account (by name) for a session."""
    session = TrainingSession.objects.select_for_update().select_related("programme").get(pk=session.pk)
    require(actor, "record", session, _("You may register people only for sessions in your territory."))
    if user is None and not full_name.strip():
        raise ValidationFailed(
            _("Give the person's name."), details={"full_name": _("This field is required.")}
        )
    if user is not None and session.participants.filter(user=user).exists():
        raise Conflict(_("This person is already registered for the session."), code="already_registered")
    if session.participants.count() >= session.capacity:
        raise Conflict(
            _("The session is full (%(capacity)s places).") % {"capacity": session.capacity},
            code="session_full",
        )
    organisation = _home_organisation(user, session.programme) if user is not None else None
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                session=session,
                kind=ParticipantKind.CITIZEN if user is None or user.is_citizen else ParticipantKind.STAFF,
                user=user,
                full_name=(full_name.strip() or (str(user) if user else ""))[:200],
                phone=phone.strip()[:20],
                organisation=organisation,
                organisation_path=organisation.territory_path if organisation else "",
                registered_at=now or timezone.now(),
            )
    except IntegrityError:
        raise Conflict(
            _("This person is already registered for the session."), code="already_registered"
        ) from None
    audit.record(
        actor=actor,
        action="academy.participant_registered",
        obj=participant,
        after={"session": session.pk, "user": user.pk if user else None},
        territory_path=session.territory_path,
    )
    return participant


def _locked_participant(participant: Participant) -> Participant:
    return Participant.objects.select_for_update().select_related("session").get(pk=participant.pk)


@transaction.atomic
def participant_mark_attendance(
    *, actor: User | None, participant: Participant, attended: bool, now: datetime.datetime | None = None
) -> Participant:
    participant = _locked_participant(participant)
    require(actor, "record", participant.session, _("You may record only sessions in your territory."))
    if not attended and participant.completed_at is not None:
        raise Conflict(_("A person who completed the programme attended it."), code="already_completed")
    before = audit.snapshot(participant, ["attended_at"])
    participant.attended_at = (now or timezone.now()) if attended else None
    participant.save(update_fields=["attended_at"])
    audit.record(
        actor=actor,
        action="academy.attendance_marked",
        obj=participant,
        before=before,
        after=audit.snapshot(participant, ["attended_at"]),
        territory_path=participant.session.territory_path,
    )
    return participant


@transaction.atomic
def participant_complete(
    *, actor: User | None, participant: Participant, now: datetime.datetime | None = None
) -> Participant:
    """Record that the person completed the programme and give them a certificate with a verification code."""
    participant = _locked_participant(participant)
    require(actor, "record", participant.session, _("You may record only sessions in your territory."))
    if participant.attended_at is None:
        raise ValidationFailed(_("Mark the attendance first: only people who attended complete a programme."))
    if participant.completed_at is not None:
        return participant
    participant.completed_at = now or timezone.now()
    participant.certificate_code = certificate_code_new()
    participant.save(update_fields=["completed_at", "certificate_code"])
    audit.record(
        actor=actor,
        action="academy.programme_completed",
        obj=participant,
        after=audit.snapshot(participant, ["completed_at", "certificate_code"]),
        territory_path=participant.session.territory_path,
    )
    return participant


@transaction.atomic
def rating_create(
    *, request: Request, actor: User, score: int, comment: str = "", now: datetime.datetime | None = None
) -> ServiceRating:
    """The applicant rates a completed request, once."""
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.applicant_id != actor.pk:
        raise PermissionDenied(_("Only the applicant rates a request."))
    if request.status != RequestStatus.COMPLETED:
        raise ValidationFailed(_("A request can be rated once it is completed."), code="not_completed")
    if ServiceRating.objects.filter(request=request).exists():
        raise Conflict(_("You already rated this request."), code="already_rated")
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise ValidationFailed(_("Give a score from 1 to 5."), details={"score": _("From 1 to 5.")})
    rating = ServiceRating.objects.create(
        request=request,
        service_id=request.service_id,
        aimag_code=request.aimag_code,
        territory_path=request.territory_path,
        score=score,
        comment=comment.strip()[:2000],
        created_at=now or timezone.now(),
    )
    audit.record(
        actor=actor,
        action="academy.service_rated",
        obj=rating,
        after={"score": score},
        territory_path=request.territory_path,
    )
    return rating
