"""Every change of the academy's training and ratings (surveys: survey_services.py): one transaction, a
permission check and an audit event each."""

import datetime
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.academy.certificates import certificate_code_new
from nutag.academy.choices import Audience, ParticipantKind
from nutag.academy.models import Participant, Programme, ServiceRating, TrainingSession, Visit, VisitPlan
from nutag.academy.permissions import may_plan_in
from nutag.academy.tasks import is_reachable, session_cancellation_send
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request
from nutag.core import audit
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.permissions import path_within, require
from nutag.organisations.models import Organisation
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
    "visit",
]
# Printed on the certificates: they cannot change once someone completed the session.
CERTIFIED_FIELDS = ["programme", "territory", "place", "is_online", "starts_on", "ends_on", "visit"]
PROGRAMME_FIELDS = [
    "name_mn",
    "name_en",
    "description_mn",
    "description_en",
    "audience",
    "length_hours",
    "prepares_roles",
    "is_active",
]
PROGRAMME_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_PROGRAMME_CODES = {"new"}  # programmes/new/ is the page that creates one

VisitRow = tuple[TerritoryUnit, datetime.date, datetime.date]


# Programmes -----------------------------------------------------------------------------------------------------


def _programme_values(
    *,
    name_mn: str,
    name_en: str,
    audience: str,
    length_hours: int,
    prepares_roles: list[str],
    description_mn: str,
    description_en: str,
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    for name, value in (("name_mn", name_mn), ("name_en", name_en)):
        if not value.strip():
            errors[name] = _("This field is required.")
    if audience not in Audience.values:
        errors["audience"] = _("Choose who the programme is for.")
    if not 1 <= length_hours <= 1000:
        errors["length_hours"] = _("From 1 to 1000 hours.")
    unknown = set(prepares_roles) - set(Role.values)
    if unknown:
        errors["prepares_roles"] = _("Unknown roles: %(roles)s") % {"roles": ", ".join(sorted(unknown))}
    if errors:
        raise ValidationFailed(_("The programme cannot be saved."), details=errors)
    return {
        "name_mn": name_mn.strip(),
        "name_en": name_en.strip(),
        "audience": audience,
        "length_hours": length_hours,
        "prepares_roles": sorted(set(prepares_roles)),
        "description_mn": description_mn.strip(),
        "description_en": description_en.strip(),
    }


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
    """Create or update a programme by its code (the demo loader); returns it and whether it changed."""
    require(actor, "change", Programme(code=code), _("Only national trainers keep the programmes."))
    values = _programme_values(
        name_mn=name_mn,
        name_en=name_en,
        audience=audience,
        length_hours=length_hours,
        prepares_roles=prepares_roles,
        description_mn=description_mn,
        description_en=description_en,
    )
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
def programme_create(
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
) -> Programme:
    """A new programme; its code (in its address) never changes afterwards."""
    code = code.strip().lower()
    require(actor, "create", Programme(code=code), _("Only national trainers keep the programmes."))
    if not PROGRAMME_CODE.match(code) or code in RESERVED_PROGRAMME_CODES or len(code) > 40:
        raise ValidationFailed(
            _("The programme cannot be saved."),
            details={"code": _("Lower-case Latin letters, digits and hyphens, at most 40.")},
        )
    values = _programme_values(
        name_mn=name_mn,
        name_en=name_en,
        audience=audience,
        length_hours=length_hours,
        prepares_roles=prepares_roles,
        description_mn=description_mn,
        description_en=description_en,
    )
    taken = Conflict(
        _("A programme with this code already exists."),
        code="programme_exists",
        details={"code": _("Choose another code.")},
    )
    if Programme.objects.filter(code=code).exists():
        raise taken
    try:
        with transaction.atomic():
            programme = Programme.objects.create(code=code, **values)
    except IntegrityError:
        raise taken from None
    audit.record(
        actor=actor, action="academy.programme_created", obj=programme, after={"code": code, **values}
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: User | None,
    programme: Programme,
    name_mn: str,
    name_en: str,
    audience: str,
    length_hours: int,
    prepares_roles: list[str],
    description_mn: str = "",
    description_en: str = "",
    is_active: bool = True,
) -> Programme:
    """Change a programme. An inactive programme keeps its sessions and certificates but is no longer planned."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    require(actor, "change", programme, _("Only national trainers keep the programmes."))
    values = _programme_values(
        name_mn=name_mn,
        name_en=name_en,
        audience=audience,
        length_hours=length_hours,
        prepares_roles=prepares_roles,
        description_mn=description_mn,
        description_en=description_en,
    ) | {"is_active": is_active}
    if all(getattr(programme, k) == v for k, v in values.items()):
        return programme
    before = audit.snapshot(programme, PROGRAMME_FIELDS)
    for name, value in values.items():
        setattr(programme, name, value)
    programme.save(update_fields=list(values))
    audit.record(
        actor=actor,
        action="academy.programme_saved",
        obj=programme,
        before=before,
        after=audit.snapshot(programme, PROGRAMME_FIELDS),
    )
    return programme


# Visit plans ----------------------------------------------------------------------------------------------------


def _visit_plan_problems(name_mn: str, name_en: str, visits: list[VisitRow]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    for name, value in (("name_mn", name_mn), ("name_en", name_en)):
        if not value.strip():
            errors[name] = _("This field is required.")
    problems: list[str] = []
    if not visits:
        problems.append(_("A visit plan needs at least one aimag."))
    seen: set[int] = set()
    for aimag, starts_on, ends_on in visits:
        if not aimag.is_top_level:
            problems.append(_("%(unit)s is not an aimag: a tour visits aimags.") % {"unit": aimag})
        if ends_on < starts_on:
            problems.append(_("The visit to %(aimag)s ends before it starts.") % {"aimag": aimag})
        if aimag.pk in seen:
            problems.append(_("%(aimag)s is visited twice: one visit per aimag.") % {"aimag": aimag})
        seen.add(aimag.pk)
    if problems:
        errors["visits"] = problems
    return errors


def _visits_picture(visits: list[VisitRow]) -> list[list[str]]:
    return sorted([aimag.code, start.isoformat(), end.isoformat()] for aimag, start, end in visits)


@transaction.atomic
def visit_plan_create(
    *,
    actor: User | None,
    name_mn: str,
    name_en: str,
    visits: list[VisitRow],
) -> VisitPlan:
    """A tour of aimags, one visit (with its days) per aimag; national trainers plan it."""
    require(actor, "create", VisitPlan(), _("Only national trainers plan tours of aimags."))
    errors = _visit_plan_problems(name_mn, name_en, visits)
    if errors:
        raise ValidationFailed(_("The visit plan cannot be saved."), details=errors)
    plan = VisitPlan.objects.create(
        name_mn=name_mn.strip(),
        name_en=name_en.strip(),
        starts_on=min(v[1] for v in visits),
        ends_on=max(v[2] for v in visits),
    )
    Visit.objects.bulk_create(
        Visit(plan=plan, aimag=aimag, starts_on=starts_on, ends_on=ends_on)
        for aimag, starts_on, ends_on in visits
    )
    audit.record(
        actor=actor,
        action="academy.visit_plan_created",
        obj=plan,
        after={"name_mn": plan.name_mn, "name_en": plan.name_en, "visits": _visits_picture(visits)},
    )
    return plan


@transaction.atomic
def visit_plan_update(
    *,
    actor: User | None,
    plan: VisitPlan,
    name_mn: str,
    name_en: str,
    visits: list[VisitRow],
) -> VisitPlan:
    """Rename a tour and change its visits: add aimags, move or drop visits. A visit keeps the sessions planned
    in it, so its days must still include them, and a visit with sessions that still take place stays."""
    plan = VisitPlan.objects.select_for_update().get(pk=plan.pk)
    require(actor, "change", plan, _("Only national trainers plan tours of aimags."))
    errors = _visit_plan_problems(name_mn, name_en, visits)
    if errors:
        raise ValidationFailed(_("The visit plan cannot be saved."), details=errors)
    existing = {visit.aimag_id: visit for visit in plan.visits.select_related("aimag")}
    wanted = {aimag.pk: (aimag, starts_on, ends_on) for aimag, starts_on, ends_on in visits}
    active = TrainingSession.objects.filter(visit__plan=plan, cancelled_at__isnull=True)
    problems: list[str] = []
    for aimag_id, visit in existing.items():
        sessions = [s for s in active if s.visit_id == visit.pk]
        if aimag_id not in wanted:
            if sessions:
                problems.append(
                    _("The visit to %(aimag)s has sessions: cancel them or move them first.")
                    % {"aimag": visit.aimag}
                )
            continue
        _aimag, starts_on, ends_on = wanted[aimag_id]
        outside = [s for s in sessions if s.starts_on < starts_on or s.ends_on > ends_on]
        if outside:
            problems.append(
                _(
                    "The visit to %(aimag)s has sessions from %(start)s to %(end)s: its days must include them."
                )
                % {
                    "aimag": visit.aimag,
                    "start": min(s.starts_on for s in outside).isoformat(),
                    "end": max(s.ends_on for s in outside).isoformat(),
                }
            )
    if problems:
        raise ValidationFailed(_("The visit plan cannot be saved."), details={"visits": problems})
    before = {
        "name_mn": plan.name_mn,
        "name_en": plan.name_en,
        "visits": _visits_picture([(v.aimag, v.starts_on, v.ends_on) for v in existing.values()]),
    }
    Visit.objects.filter(plan=plan).exclude(aimag_id__in=wanted).delete()
    for aimag_id, (aimag, starts_on, ends_on) in wanted.items():
        kept = existing.get(aimag_id)
        if kept is None:
            Visit.objects.create(plan=plan, aimag=aimag, starts_on=starts_on, ends_on=ends_on)
        elif (kept.starts_on, kept.ends_on) != (starts_on, ends_on):
            kept.starts_on, kept.ends_on = starts_on, ends_on
            kept.save(update_fields=["starts_on", "ends_on"])
    plan.name_mn, plan.name_en = name_mn.strip(), name_en.strip()
    plan.starts_on = min(v[1] for v in visits)
    plan.ends_on = max(v[2] for v in visits)
    plan.save(update_fields=["name_mn", "name_en", "starts_on", "ends_on"])
    after = {"name_mn": plan.name_mn, "name_en": plan.name_en, "visits": _visits_picture(visits)}
    if after != before:
        audit.record(actor=actor, action="academy.visit_plan_changed", obj=plan, before=before, after=after)
    return plan


# Sessions -------------------------------------------------------------------------------------------------------


def _aimag_code(territory: TerritoryUnit) -> str:
    parts = territory.path.split(".")
    return parts[1] if len(parts) > 1 else ""


def _trainer_organisation(trainer: User | None, territory_path: str) -> Organisation | None:
    """The organisation in which the trainer trains in the territory, the most local one if several."""
    if trainer is None:
        return None
    covering = [
        a.organisation
        for a in trainer.role_assignments
        if a.role == Role.TRAINER and path_within(territory_path, a.organisation.territory_path)
    ]
    return max(covering, key=lambda organisation: len(organisation.territory_path), default=None)


def _session_problems(
    *,
    programme: Programme,
    territory: TerritoryUnit,
    starts_on: datetime.date,
    ends_on: datetime.date,
    capacity: int,
    place: str,
    is_online: bool,
    trainer: User | None,
    visit: Visit | None,
    registered: int = 0,
    is_new_programme: bool = True,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("The session ends before it starts.")
    if capacity < 1:
        errors["capacity"] = _("A session has room for at least one person.")
    elif capacity < registered:
        errors["capacity"] = _(
            "%(count)s people are registered: the session needs at least as many places."
        ) % {"count": registered}
    if not is_online and not place.strip():
        errors["place"] = _("Give the place, or mark the session as online.")
    if is_new_programme and not programme.is_active:
        errors["programme"] = _("This programme is no longer taught.")
    if trainer is not None and not may_plan_in(trainer, territory.path):
        errors["trainer"] = _("This trainer does not train in %(territory)s.") % {"territory": territory}
    if visit is not None:
        if not path_within(territory.path, visit.aimag.path):
            errors["plan"] = _("The session is not in %(aimag)s, the aimag of this visit.") % {
                "aimag": visit.aimag
            }
        elif starts_on < visit.starts_on or ends_on > visit.ends_on:
            errors["starts_on"] = _(
                "The tour is in %(aimag)s from %(start)s to %(end)s: the session must fall within these days."
            ) % {
                "aimag": visit.aimag,
                "start": visit.starts_on.isoformat(),
                "end": visit.ends_on.isoformat(),
            }
    return errors


def _visit_of(plan: VisitPlan | None, territory: TerritoryUnit, errors: dict[str, str]) -> Visit | None:
    if plan is None:
        return None
    visit = plan.visits.select_related("aimag").filter(aimag__code=_aimag_code(territory)).first()
    if visit is None:
        errors["plan"] = _("This tour does not visit the session's aimag.")
    return visit


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
    plan: VisitPlan | None = None,
) -> TrainingSession:
    """Plan a session in an aimag or soum the actor trains in; with a tour (`plan`), in its visit to the aimag.
    The trainer is the actor unless another trainer of the territory is named."""
    if actor is not None and not may_plan_in(actor, territory.path):
        raise PermissionDenied(_("You may plan sessions only in the territory you train in."))
    trainer = trainer if trainer is not None else actor
    errors: dict[str, str] = {}
    visit = visit or _visit_of(plan, territory, errors)
    errors = (
        _session_problems(
            programme=programme,
            territory=territory,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            place=place,
            is_online=is_online,
            trainer=trainer,
            visit=visit,
        )
        | errors
    )
    if errors:
        raise ValidationFailed(_("The session cannot be planned."), details=errors)
    session = TrainingSession.objects.create(
        programme=programme,
        territory=territory,
        territory_path=territory.path,
        aimag_code=_aimag_code(territory),
        place="" if is_online else place.strip(),
        is_online=is_online,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        trainer=trainer,
        visit=visit,
        organiser=_trainer_organisation(trainer, territory.path),
    )
    audit.record(
        actor=actor,
        action="academy.session_planned",
        obj=session,
        after=audit.snapshot(session, SESSION_FIELDS),
        territory_path=session.territory_path,
    )
    return session


def _locked_session(session: TrainingSession) -> TrainingSession:
    return (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("programme", "territory", "visit__aimag")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_update(
    *,
    actor: User | None,
    session: TrainingSession,
    programme: Programme,
    territory: TerritoryUnit,
    starts_on: datetime.date,
    ends_on: datetime.date,
    capacity: int,
    place: str = "",
    is_online: bool = False,
    trainer: User | None = None,
    plan: VisitPlan | None = None,
) -> TrainingSession:
    """Change a session that still takes place. Its places never drop below the people registered; once someone
    completed it, what the certificates print (programme, place, days) stays as it is. `trainer` None keeps the
    trainer."""
    session = _locked_session(session)
    require(actor, "change", session, _("You may change only sessions in the territory you train in."))
    if actor is not None and not may_plan_in(actor, territory.path):
        raise PermissionDenied(_("You may plan sessions only in the territory you train in."))
    if session.is_cancelled:
        raise Conflict(_("The session is cancelled: it can no longer change."), code="session_cancelled")
    trainer = trainer if trainer is not None else session.trainer
    errors: dict[str, str] = {}
    visit = _visit_of(plan, territory, errors)
    errors = (
        _session_problems(
            programme=programme,
            territory=territory,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            place=place,
            is_online=is_online,
            trainer=trainer,
            visit=visit,
            registered=session.participants.count(),
            is_new_programme=programme.pk != session.programme_id,
        )
        | errors
    )
    values: dict[str, Any] = {
        "programme": programme,
        "territory": territory,
        "place": "" if is_online else place.strip(),
        "is_online": is_online,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "capacity": capacity,
        "trainer": trainer,
        "visit": visit,
    }
    if session.participants.filter(completed_at__isnull=False).exists():
        for name in CERTIFIED_FIELDS:
            if getattr(session, name) != values[name]:
                errors.setdefault(
                    "plan" if name == "visit" else name,
                    _("People completed this session and hold certificates that print it: it cannot change."),
                )
    if errors:
        raise ValidationFailed(_("The session cannot be changed."), details=errors)
    before = audit.snapshot(session, SESSION_FIELDS)
    for name, value in values.items():
        setattr(session, name, value)
    session.territory_path = territory.path
    session.aimag_code = _aimag_code(territory)
    if not session.participants.filter(completed_at__isnull=False).exists():
        session.organiser = _trainer_organisation(trainer, territory.path)
    after = audit.snapshot(session, SESSION_FIELDS)
    if after == before:
        return session
    session.save(update_fields=[*values, "territory_path", "aimag_code", "organiser"])
    audit.record(
        actor=actor,
        action="academy.session_changed",
        obj=session,
        before=before,
        after=after,
        territory_path=session.territory_path,
    )
    return session


@transaction.atomic
def session_cancel(
    *, actor: User | None, session: TrainingSession, reason: str, now: datetime.datetime | None = None
) -> TrainingSession:
    """Cancel a session that has not been completed by anyone: it then takes no registrations, and each
    registered person who can be reached (e-mail, phone) is told once the cancellation commits."""
    session = _locked_session(session)
    require(actor, "cancel", session, _("You may cancel only sessions in the territory you train in."))
    if session.is_cancelled:
        raise Conflict(_("The session is already cancelled."), code="already_cancelled")
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(
            _("Give the reason for cancelling."), details={"reason": _("This field is required.")}
        )
    participants = list(session.participants.select_related("user"))
    if any(p.completed_at is not None for p in participants):
        raise Conflict(
            _("People completed this session: it took place and cannot be cancelled."),
            code="has_completions",
        )
    session.cancelled_at = now or timezone.now()
    session.cancelled_by = actor
    session.cancellation_reason = reason[:2000]
    session.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_reason"])
    audit.record(
        actor=actor,
        action="academy.session_cancelled",
        obj=session,
        before={"cancelled_at": None},
        after={"cancelled_at": session.cancelled_at.isoformat(), "participants": len(participants)},
        reason=session.cancellation_reason,
        territory_path=session.territory_path,
    )
    for participant in participants:
        if is_reachable(participant):
            session_cancellation_send.enqueue(participant_id=participant.pk)
    return session


# Participants ---------------------------------------------------------------------------------------------------


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
    if session.is_cancelled:
        raise Conflict(_("The session is cancelled: it takes no registrations."), code="session_cancelled")
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


def _locked_participant(participant: Participant, actor: User | None) -> Participant:
    participant = (
        Participant.objects.select_for_update(of=("self",)).select_related("session").get(pk=participant.pk)
    )
    require(actor, "record", participant.session, _("You may record only sessions in your territory."))
    if participant.session.is_cancelled:
        raise Conflict(_("The session is cancelled."), code="session_cancelled")
    return participant


@transaction.atomic
def participant_mark_attendance(
    *, actor: User | None, participant: Participant, attended: bool, now: datetime.datetime | None = None
) -> Participant:
    participant = _locked_participant(participant, actor)
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
    participant = _locked_participant(participant, actor)
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


# Ratings --------------------------------------------------------------------------------------------------------


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
