"""Every change of a request: applying, submitting, claiming and acting on work, corrections, payments, timers.
Each runs in one transaction, checks permission, appends a RequestEvent and queues its notifications, so a
rolled-back change leaves nothing behind and a committed one loses nothing."""

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases import answers, runtime
from nutag.cases.calendar import calendar
from nutag.cases.choices import (
    FINAL_STATUSES,
    Channel,
    ConsultationStatus,
    DocumentRequestStatus,
    RequestStatus,
    WorkItemStatus,
)
from nutag.cases.models import (
    AccessRecord,
    Consultation,
    DocumentRequest,
    Request,
    RequestDocument,
    RequestEvent,
    WorkItem,
)
from nutag.cases.notifications import notification_queue
from nutag.cases.numbers import new_number
from nutag.cases.selectors import consultation_targets
from nutag.catalog.choices import AdoptionStatus
from nutag.catalog.models import Adoption
from nutag.core.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationFailed
from nutag.core.permissions import may, require
from nutag.organisations.models import Organisation
from nutag.processes import engine
from nutag.processes.selectors import process_model_for_adoption


def _event_row(
    request: Request,
    kind: str,
    actor: Any,
    *,
    before: str = "",
    step: str = "",
    data: dict[str, Any] | None = None,
    reason: str = "",
    visible: bool = True,
    at: datetime.datetime | None = None,
) -> RequestEvent:
    """An event of `request`, not yet written: a change writes its events together (see _apply_effects)."""
    return RequestEvent(
        request=request,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        status_before=before,
        status_after=request.status,
        step=step,
        after=data or None,
        reason=reason,
        is_visible_to_applicant=visible,
    )


def _event(request: Request, kind: str, actor: Any, **fields: Any) -> None:
    _event_row(request, kind, actor, **fields).save()


def _save(request: Request, expected_version: int | None = None) -> None:
    """Save with optimistic concurrency: the row must still be at the version the actor saw."""
    seen = request.version if expected_version is None else expected_version
    fields = {
        f.attname: getattr(request, f.attname)
        for f in Request._meta.concrete_fields
        if f.name not in ("id", "version")
    }
    updated = Request.objects.filter(pk=request.pk, version=seen).update(**fields, version=F("version") + 1)
    if not updated:
        raise Conflict(_("Someone else changed this request a moment ago. Reload it and try again."))
    request.version = seen + 1


# Internal exchanges between offices: in the record, not in the applicant's timeline.
STAFF_ONLY_EVENTS = frozenset({"consultation_asked", "consultation_answered", "consultation_withdrawn"})


def _apply_effects(
    request: Request, effects: runtime.Effects, actor: Any, now: datetime.datetime, *changes: RequestEvent
) -> None:
    """Write what a run of the process asks for, after the request itself: its new work items, then the events of
    the change (`changes`, then the process's own) in one statement each, and queue the notifications."""
    WorkItem.objects.bulk_create(effects.work_items)
    RequestEvent.objects.bulk_create(
        [
            *changes,
            *(
                _event_row(
                    request, kind, actor, step=step, data=data, at=now, visible=kind not in STAFF_ONLY_EVENTS
                )
                for kind, step, data in effects.events
            ),
        ]
    )
    for kind, detail in effects.notifications:
        if kind != "staff_reminder":
            notification_queue(request, kind, detail)


def _locked(request: Request) -> Request:
    return (
        Request.objects.select_for_update(of=("self",))
        .select_related("adoption__version", "service_version", "process_model", "applicant", "organisation")
        .defer(*(f"process_model__{name}" for name in runtime.PROCESS_MODEL_HEAVY_FIELDS))
        .get(pk=request.pk)
    )


@transaction.atomic
def request_start(
    *,
    adoption: Adoption,
    applicant: User,
    actor: User,
    channel: str = Channel.ONLINE,
    form_data: dict[str, Any] | None = None,
    idempotency_key: str = "",
    now: datetime.datetime | None = None,
) -> Request:
    """A draft request for an offered service. A citizen applies for themself; an operator for a citizen."""
    return _start(
        adoption=adoption,
        applicant=applicant,
        actor=actor,
        channel=channel,
        form_data=form_data,
        idempotency_key=idempotency_key,
        now=now,
    )[0]


def request_apply(
    *,
    adoption: Adoption,
    applicant: User,
    actor: User,
    channel: str = Channel.ONLINE,
    form_data: dict[str, Any] | None = None,
    idempotency_key: str = "",
    now: datetime.datetime | None = None,
) -> Request:
    """Start and submit in one step (the API's `"submit": true`), in one transaction. The new request is written
    once, already submitted, with its process started: nobody can see it before it commits, so there is nothing
    to lock or read again. A retry with the same idempotency key returns the request it made (and submits it, if
    it was only started), whatever this call's own answers; a reference number drawn by another request a moment
    ago is drawn again.

    A replay is found only when this call fails (the key's unique index, or a check the first call's request need
    not pass again), so a new submission pays no query for it. The request is the transaction's first write, so
    a failure of its INSERT comes before any step of its process has run."""
    moment = now or timezone.now()
    for _attempt in range(5):
        number = new_number()
        try:
            with transaction.atomic():
                return _apply(
                    _draft(
                        adoption=adoption,
                        applicant=applicant,
                        actor=actor,
                        channel=channel,
                        form_data=form_data,
                        idempotency_key=idempotency_key,
                    ),
                    actor,
                    moment,
                    number,
                )
        except (IntegrityError, DomainError):
            made = _made_with(applicant, idempotency_key)
            if made is not None:
                return request_submit(request=made, actor=actor, now=now)
            if not Request.objects.filter(number=number).exists():
                raise  # not a replay and not the number: the error is the answer
    raise Conflict(_("The request could not be given a reference number. Try again."))


def _made_with(applicant: User, idempotency_key: str) -> Request | None:
    if not idempotency_key:
        return None
    return Request.objects.filter(applicant=applicant, idempotency_key=idempotency_key).first()


def _apply(request: Request, actor: User, moment: datetime.datetime, number: str) -> Request:
    require(actor, "edit", request)
    created = _event_row(request, "created", actor, data={"channel": request.channel}, at=moment)
    model, state = _begin_process(request, moment, number)
    request.save(force_insert=True)  # a number or idempotency key already taken raises IntegrityError here
    written = _persisted(request)
    effects = runtime.settle(request, model, state, moment, started=True)
    if _persisted(request) != written:  # a step ran at once (a fee, a result): the request changed again
        _save(request)
    notification_queue(request, "submitted")
    _apply_effects(
        request,
        effects,
        actor,
        moment,
        created,
        _submitted_event(request, actor, moment),
    )
    # A new request has no documents: its answer needs no query for them.
    request._prefetched_objects_cache = {"documents": RequestDocument.objects.none()}  # type: ignore[attr-defined]
    return request


def _persisted(request: Request) -> dict[str, Any]:
    return {field.attname: getattr(request, field.attname) for field in Request._meta.concrete_fields}


def _draft(
    *,
    adoption: Adoption,
    applicant: User,
    actor: User,
    channel: str,
    form_data: dict[str, Any] | None,
    idempotency_key: str,
) -> Request:
    """A new request for an offered service, checked and not yet written. A citizen applies for themself; an
    operator for a citizen."""
    if adoption.status != AdoptionStatus.OFFERED:
        raise ValidationFailed(_("This service is not offered here at the moment."))
    if not applicant.is_citizen:
        raise ValidationFailed(_("Requests are made for citizens, found by their register number."))
    if actor.pk == applicant.pk:
        channel = Channel.ONLINE
    elif not (
        actor.is_platform_admin
        or actor.has_role_over(Role.OPERATOR, adoption.territory_path)
        or actor.has_role_over(Role.OPERATOR, ".".join(adoption.territory_path.split(".")[:2]))
    ):
        raise PermissionDenied(_("Only operators of this aimag or soum may apply on a citizen's behalf."))
    elif channel == Channel.ONLINE:
        channel = Channel.OPERATOR
    if channel not in adoption.channels and not (
        channel == Channel.KHURDAN and Channel.OPERATOR in adoption.channels
    ):
        raise ValidationFailed(_("This service is not offered through this channel here."))
    cleaned, _problems = answers.clean_answers(adoption, form_data or {}, complete=False)
    return Request(
        service=adoption.service,
        adoption=adoption,
        service_version=adoption.version,
        organisation=adoption.organisation,
        territory=adoption.territory,
        territory_path=adoption.territory_path,
        aimag_code=adoption.aimag_code,
        applicant=applicant,
        channel=channel,
        operator=actor if actor.pk != applicant.pk else None,
        form_data=cleaned,
        idempotency_key=idempotency_key,
    )


def _start(
    *,
    adoption: Adoption,
    applicant: User,
    actor: User,
    channel: str,
    form_data: dict[str, Any] | None,
    idempotency_key: str,
    now: datetime.datetime | None = None,
) -> tuple[Request, bool]:
    request = _draft(
        adoption=adoption,
        applicant=applicant,
        actor=actor,
        channel=channel,
        form_data=form_data,
        idempotency_key=idempotency_key,
    )
    try:  # a retry with the same idempotency key meets the unique constraint: it gets the request it made
        with transaction.atomic():
            request.save()
    except IntegrityError:
        existing = _made_with(applicant, idempotency_key)
        if existing is None:
            raise
        return existing, False
    _event(request, "created", actor, data={"channel": request.channel}, at=now)
    return request, True


@transaction.atomic
def request_save_answers(*, request: Request, actor: User, form_data: dict[str, Any]) -> dict[str, str]:
    """Keep the answers of a draft (or of a request returned for correction); returns the problems so far."""
    request = _locked(request)
    require(actor, "edit", request)
    if request.status not in (RequestStatus.DRAFT, RequestStatus.RETURNED):
        raise Conflict(_("This request can no longer be changed."))
    cleaned, problems = answers.clean_answers(
        request.adoption, {**request.form_data, **form_data}, complete=False
    )
    request.form_data = cleaned
    _save(request)
    return problems


@transaction.atomic
def request_attach_document(
    *,
    request: Request,
    actor: User,
    code: str,
    name: str,
    content: bytes,
    now: datetime.datetime | None = None,
) -> RequestDocument:
    request = _locked(request)
    require(actor, "edit", request)
    if request.status not in (RequestStatus.DRAFT, RequestStatus.RETURNED, RequestStatus.DOCUMENTS_REQUESTED):
        raise Conflict(_("Documents can no longer be added to this request."))
    if code not in {d["code"] for d in answers.documents_required(request.adoption)} | _asked_codes(request):
        raise ValidationFailed(_("This service does not ask for that document."))
    try:
        checked = answers.check_upload(name, content)
    except ValueError as error:
        raise ValidationFailed(str(error), details={"file": [str(error)]}) from None
    document = RequestDocument(
        request=request,
        code=code,
        original_name=name[:200],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    document.file.save(
        f"{checked.sha256[:16]}{name[name.rfind('.') :].lower()}", ContentFile(content), save=False
    )
    document.save()
    _event(request, "document_added", actor, data={"code": code, "name": document.original_name}, at=now)
    return document


def _missing(request: Request) -> dict[str, str]:
    _cleaned, problems = answers.clean_answers(request.adoption, request.form_data, complete=True)
    mandatory = [d for d in answers.documents_required(request.adoption) if d.get("is_mandatory")]
    have = set(request.documents.values_list("code", flat=True)) if mandatory and request.pk else set()
    for document in mandatory:
        if document["code"] not in have:
            problems[f"document:{document['code']}"] = _("Upload this document.")
    return problems


@transaction.atomic
def request_submit(*, request: Request, actor: User, now: datetime.datetime | None = None) -> Request:
    """Submit a complete draft: it gets its reference number and deadlines and its process starts. Submitting
    again (a double click, a retry) returns the same request."""
    request = _locked(request)
    require(actor, "view", request)
    if request.status != RequestStatus.DRAFT:
        return request
    require(actor, "edit", request)
    return _submit(request, actor, now or timezone.now())


def _submit(request: Request, actor: User, moment: datetime.datetime) -> Request:
    """Submit a draft the caller holds locked."""
    for _attempt in range(5):
        number = new_number()
        if not Request.objects.filter(number=number).exists():
            break
    model, state = _begin_process(request, moment, number)
    effects = runtime.settle(request, model, state, moment, started=True)
    _save(request)
    notification_queue(request, "submitted")
    _apply_effects(request, effects, actor, moment, _submitted_event(request, actor, moment))
    return request


def _begin_process(
    request: Request, moment: datetime.datetime, number: str
) -> tuple[runtime.CompiledModel, runtime.InstanceState]:
    """Check that the draft is complete, give it its number and deadlines, and start its process (not yet
    settled: the caller runs the steps that follow at once)."""
    problems = _missing(request)
    if problems:
        raise ValidationFailed(_("Some answers or documents are missing."), details=problems)
    process_model = process_model_for_adoption(request.adoption)
    if process_model is None or not process_model.is_executable:
        raise ValidationFailed(_("This service cannot take requests yet: its process is not ready."))
    request.number = number
    request.process_model = process_model
    request.submitted_at = moment
    request.status = RequestStatus.SUBMITTED
    version = request.service_version
    request.norm_due_at = calendar.add_working_days(moment, request.adoption.effective_norm_days)
    request.statutory_due_at = calendar.add_working_days(moment, version.statutory_deadline_days)
    model = runtime.compiled_for(process_model)
    data = {**request.form_data, "channel": request.channel, "fee_mnt": request.adoption.effective_fee_mnt}
    state = engine.start(model, data, now=moment, calendar=calendar)
    runtime.record_state(request, model, state)
    return model, state


def _submitted_event(request: Request, actor: User, moment: datetime.datetime) -> RequestEvent:
    assert request.norm_due_at is not None
    return _event_row(
        request,
        "submitted",
        actor,
        before=RequestStatus.DRAFT,
        at=moment,
        data={"number": request.number, "norm_due_at": request.norm_due_at.isoformat()},
    )


def _may_work(user: User, item: WorkItem) -> bool:
    return user.is_platform_admin or any(
        a.role == item.role and a.organisation_id == item.organisation_id for a in user.role_assignments
    )


def _is_supervisor(user: User, item: WorkItem) -> bool:
    return user.is_platform_admin or any(
        a.role == Role.SUPERVISOR and a.organisation_id == item.organisation_id for a in user.role_assignments
    )


def _open_item(item: WorkItem) -> WorkItem:
    item = WorkItem.objects.select_for_update(of=("self",)).select_related("request").get(pk=item.pk)
    if item.status != WorkItemStatus.OPEN:
        raise Conflict(_("This step was already completed or withdrawn."))
    return item


@transaction.atomic
def workitem_claim(*, item: WorkItem, actor: User) -> WorkItem:
    item = _open_item(item)
    if not _may_work(actor, item):
        raise PermissionDenied(_("This work belongs to another role or office."))
    if item.claimed_by_id and item.claimed_by_id != actor.pk:
        raise Conflict(_("%(name)s has already taken this work.") % {"name": item.claimed_by})
    claimed = WorkItem.objects.filter(pk=item.pk, claimed_by__isnull=True).update(claimed_by=actor)
    if not claimed and item.claimed_by_id != actor.pk:
        raise Conflict(_("Someone else took this work a moment ago."))
    item.claimed_by = actor
    request = item.request
    before = request.status
    if request.status == RequestStatus.SUBMITTED:
        request.status = RequestStatus.PROCESSING
        _save(request)
    _event(request, "claimed", actor, before=before, step=item.name, visible=False)
    return item


@transaction.atomic
def workitem_release(*, item: WorkItem, actor: User) -> WorkItem:
    item = _open_item(item)
    if item.claimed_by_id != actor.pk and not _is_supervisor(actor, item):
        raise PermissionDenied(_("Only the holder or a supervisor can release this work."))
    WorkItem.objects.filter(pk=item.pk).update(claimed_by=None)
    item.claimed_by = None
    _event(item.request, "released", actor, step=item.name, visible=False)
    return item


@transaction.atomic
def workitem_assign(*, item: WorkItem, actor: User, assignee: User) -> WorkItem:
    item = _open_item(item)
    if not _is_supervisor(actor, item):
        raise PermissionDenied(_("Only a supervisor of this office assigns work."))
    if not _may_work(assignee, item):
        raise ValidationFailed(
            _("%(name)s does not hold the role this step needs in this office.") % {"name": assignee}
        )
    WorkItem.objects.filter(pk=item.pk).update(claimed_by=assignee)
    item.claimed_by = assignee
    _event(item.request, "assigned", actor, step=item.name, data={"to": assignee.username}, visible=False)
    return item


@transaction.atomic
def request_act(
    *,
    item: WorkItem,
    actor: User,
    action: str,
    reason: str = "",
    note: str = "",
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Request:
    """Complete the actor's step with one of the actions the process offers there."""
    item = _open_item(item)
    request = _locked(item.request)
    if item.claimed_by_id != actor.pk:
        raise PermissionDenied(_("Take this work into your queue before acting on it."))
    if expected_version is not None and expected_version != request.version:
        raise Conflict(_("Someone else changed this request a moment ago. Reload it and try again."))
    _refuse_while_consulting(item)
    values = {a["value"] for a in item.actions}
    if values and action not in values:
        raise ValidationFailed(
            _("“%(action)s” is not possible at this step.") % {"action": action},
            details={"action": sorted(values)},
        )
    if action in runtime.REJECTING_ACTIONS and not reason.strip():
        raise ValidationFailed(
            _("Give the reason for the refusal; the applicant will see it."), details={"reason": ["required"]}
        )
    if action in runtime.RETURNING_ACTIONS and not note.strip():
        raise ValidationFailed(_("Say what the applicant must correct."), details={"note": ["required"]})
    moment = now or timezone.now()
    model, state = runtime.load(request)
    before = request.status
    if request.status == RequestStatus.DOCUMENTS_REQUESTED:
        _documents_no_longer_needed(request, moment)
    if reason:
        request.decision_reason = reason.strip()
    if note:
        request.correction_note = note.strip()
    data = {item.decision_field: action} if item.decision_field else {}
    if reason:
        data["reason"] = reason.strip()
    state = engine.complete_user_task(model, state, item.task_id, data, now=moment, calendar=calendar)
    WorkItem.objects.filter(pk=item.pk).update(
        status=WorkItemStatus.DONE, completed_at=moment, completed_by=actor
    )
    if request.status == RequestStatus.SUBMITTED:
        request.status = RequestStatus.PROCESSING
    effects = runtime.settle(request, model, state, moment)
    _save(request)
    _apply_effects(
        request,
        effects,
        actor,
        moment,
        _event_row(
            request,
            "decided",
            actor,
            before=before,
            step=item.name,
            at=moment,
            data={
                "action": action,
                "label": next((a["label"] for a in item.actions if a["value"] == action), action),
            },
            reason=reason or note,
        ),
    )
    return request


def _resume_clock(request: Request, moment: datetime.datetime) -> None:
    if request.paused_at is None:
        return
    request.paused_working_days += calendar.working_days_between(request.paused_at, moment)
    request.paused_at = None
    assert request.submitted_at is not None
    request.norm_due_at = calendar.add_working_days(
        request.submitted_at, request.adoption.effective_norm_days + request.paused_working_days
    )
    request.statutory_due_at = calendar.add_working_days(
        request.submitted_at, request.service_version.statutory_deadline_days + request.paused_working_days
    )


@transaction.atomic
def request_resubmit(*, request: Request, actor: User, now: datetime.datetime | None = None) -> Request:
    """The applicant sends the corrected request back; the clock runs again from where it stopped."""
    request = _locked(request)
    require(actor, "edit", request)
    if request.status != RequestStatus.RETURNED:
        raise Conflict(_("This request is not waiting for a correction."))
    problems = _missing(request)
    if problems:
        raise ValidationFailed(_("Some answers or documents are missing."), details=problems)
    moment = now or timezone.now()
    model, state = runtime.load(request)
    state = engine.send_message(
        model, state, "correction_submitted", {**request.form_data}, now=moment, calendar=calendar
    )
    before = request.status
    request.status = RequestStatus.PROCESSING
    _resume_clock(request, moment)
    effects = runtime.settle(request, model, state, moment)
    _save(request)
    _apply_effects(
        request, effects, actor, moment, _event_row(request, "corrected", actor, before=before, at=moment)
    )
    return request


@transaction.atomic
def request_record_payment(
    *,
    request: Request,
    actor: User | None,
    amount_mnt: int,
    reference: str,
    now: datetime.datetime | None = None,
) -> Request:
    """The fee arrived (a cash payment at a service point, or a confirmed online payment): the process goes on."""
    request = _locked(request)
    if actor is not None and not (
        actor.is_platform_admin
        or actor.has_role_over(Role.OPERATOR, request.territory_path)
        or actor.has_role_over(Role.OFFICER, request.territory_path)
    ):
        raise PermissionDenied(_("Only staff of this aimag or soum record payments."))
    if request.status != RequestStatus.AWAITING_PAYMENT:
        raise Conflict(_("This request is not waiting for a payment."))
    if amount_mnt != request.fee_mnt:
        raise ValidationFailed(_("The amount must be the fee, %(fee)s₮.") % {"fee": request.fee_mnt})
    if not reference.strip():
        raise ValidationFailed(_("Give the receipt number."), details={"reference": ["required"]})
    moment = now or timezone.now()
    model, state = runtime.load(request)
    state = engine.send_message(
        model, state, "payment_received", {"paid_mnt": amount_mnt}, now=moment, calendar=calendar
    )
    before = request.status
    request.status = RequestStatus.PROCESSING
    effects = runtime.settle(request, model, state, moment)
    _save(request)
    _apply_effects(
        request,
        effects,
        actor,
        moment,
        _event_row(
            request,
            "paid",
            actor,
            before=before,
            at=moment,
            data={"amount_mnt": amount_mnt, "receipt": reference.strip()},
        ),
    )
    return request


@transaction.atomic
def request_fire_timers(*, request: Request, now: datetime.datetime | None = None) -> Request:
    """Fire the request's due timers (reminders, escalations, correction deadlines); run by the worker."""
    request = _locked(request)
    moment = now or timezone.now()
    if request.status in FINAL_STATUSES or request.next_timer_at is None or request.next_timer_at > moment:
        return request
    model, state = runtime.load(request)
    state = engine.fire_due_timers(model, state, now=moment, calendar=calendar)
    before = request.status
    effects = runtime.settle(request, model, state, moment)
    _save(request)
    _apply_effects(
        request,
        effects,
        None,
        moment,
        _event_row(request, "timer", None, before=before, at=moment, visible=before != request.status),
    )
    return request


def request_record_access(*, request: Request, staff: User, what: str) -> None:
    """Staff opened the citizen's data: the citizen will see who, from which office, and when."""
    if staff.pk == request.applicant_id or staff.is_citizen:
        return
    organisation = next((a.organisation for a in staff.role_assignments), None)
    AccessRecord.objects.create(
        request=request,
        staff=staff,
        what=what[:200],
        organisation_name=organisation.name_mn if organisation else "",
    )


def request_get_by_number(number: str) -> Request:
    request = Request.objects.filter(number=number).first()
    if request is None:
        raise NotFound(_("No request has this number."))
    return request


# Host-level actions at any officer step: asking the applicant for documents and asking another office. The process
# does not move; the step stays with the officer who holds it.

MAX_DOCUMENTS_ASKED = 10
CONSULTATION_DAYS = range(1, 31)


def _held_item(item: WorkItem, actor: User, expected_version: int | None) -> tuple[WorkItem, Request]:
    item = _open_item(item)
    request = _locked(item.request)
    if item.claimed_by_id != actor.pk:
        raise PermissionDenied(_("Take this work into your queue before acting on it."))
    if expected_version is not None and expected_version != request.version:
        raise Conflict(_("Someone else changed this request a moment ago. Reload it and try again."))
    if request.status not in (
        RequestStatus.SUBMITTED,
        RequestStatus.PROCESSING,
        RequestStatus.DOCUMENTS_REQUESTED,
    ):
        raise Conflict(_("This request is not being processed at the moment."))
    return item, request


def _asked_codes(request: Request) -> set[str]:
    if request.status != RequestStatus.DOCUMENTS_REQUESTED:
        return set()
    asked = request.document_requests.filter(status=DocumentRequestStatus.OPEN).first()
    return set(asked.codes) if asked else set()


def _asked_text(asked: DocumentRequest) -> str:
    names = "; ".join(document["name"] for document in asked.documents)
    return f"{names} — {asked.note}" if asked.note else names


def _shift_open_work(request: Request, working_days: int) -> None:
    """The steps' due dates move with the request's clock by the working days it stood still."""
    if working_days <= 0:
        return
    for item in request.work_items.filter(status=WorkItemStatus.OPEN, due_at__isnull=False).only("due_at"):
        assert item.due_at is not None
        WorkItem.objects.filter(pk=item.pk).update(
            due_at=calendar.add_working_days(item.due_at, working_days)
        )


def _resume_after_documents(request: Request, moment: datetime.datetime) -> int:
    paused_before = request.paused_working_days
    request.status = RequestStatus.PROCESSING
    _resume_clock(request, moment)
    waited = request.paused_working_days - paused_before
    _shift_open_work(request, waited)
    return waited


def _documents_no_longer_needed(request: Request, moment: datetime.datetime) -> None:
    """The officer decides without waiting for the documents asked for: the wait ends, the clock runs again."""
    _resume_after_documents(request, moment)
    DocumentRequest.objects.filter(request=request, status=DocumentRequestStatus.OPEN).update(
        status=DocumentRequestStatus.CLOSED, closed_at=moment
    )


@transaction.atomic
def request_ask_for_documents(
    *,
    item: WorkItem,
    actor: User,
    documents: list[str],
    note: str = "",
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Request:
    """The officer holding a step asks the applicant for more documents: the request waits for them with its
    clock stopped (as for a correction), and the step stays with the officer."""
    item, request = _held_item(item, actor, expected_version)
    if request.status == RequestStatus.DOCUMENTS_REQUESTED:
        raise Conflict(_("The applicant has already been asked for documents; wait until they send them."))
    names = list(dict.fromkeys(" ".join(name.split())[:200] for name in documents if name.strip()))
    if not names:
        raise ValidationFailed(
            _("Name at least one document to ask for."), details={"documents": ["required"]}
        )
    if len(names) > MAX_DOCUMENTS_ASKED:
        raise ValidationFailed(
            _("Ask for at most %(count)s documents at a time.") % {"count": MAX_DOCUMENTS_ASKED},
            details={"documents": ["too many"]},
        )
    moment = now or timezone.now()
    sequence = request.document_requests.count() + 1
    asked = DocumentRequest.objects.create(
        request=request,
        work_item=item,
        documents=[{"code": f"ASKED{sequence}-{n}", "name": name} for n, name in enumerate(names, 1)],
        note=note.strip()[:2000],
        requested_by=actor,
        requested_at=moment,
    )
    before = request.status
    request.status = RequestStatus.DOCUMENTS_REQUESTED
    request.paused_at = moment
    _save(request)
    _event(
        request,
        "documents_requested",
        actor,
        before=before,
        step=item.name,
        at=moment,
        data={"document_request": asked.pk, "documents": asked.documents, "note": asked.note},
        reason=_asked_text(asked),
    )
    notification_queue(request, "documents_requested", _asked_text(asked))
    return request


@transaction.atomic
def request_send_documents(
    *,
    request: Request,
    actor: User,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Request:
    """The applicant (or the operator who applied for them) sends the documents asked for: the request goes back
    to the officer's step, and the due dates move by the working days it waited."""
    request = _locked(request)
    require(actor, "view", request)
    if request.status != RequestStatus.DOCUMENTS_REQUESTED:
        raise Conflict(_("This request is not waiting for documents."))
    require(actor, "edit", request)
    if expected_version is not None and expected_version != request.version:
        raise Conflict(_("Someone else changed this request a moment ago. Reload it and try again."))
    asked = request.document_requests.filter(status=DocumentRequestStatus.OPEN).first()
    if asked is None:
        raise Conflict(_("This request is not waiting for documents."))
    uploaded = list(request.documents.filter(code__in=asked.codes))
    have = {document.code for document in uploaded}
    missing = {
        f"document:{document['code']}": _("Upload “%(name)s”.") % {"name": document["name"]}
        for document in asked.documents
        if document["code"] not in have
    }
    if not uploaded:
        raise ValidationFailed(_("Upload the documents asked for before sending them."), details=missing)
    if missing:
        raise ValidationFailed(_("Some of the documents asked for are not uploaded yet."), details=missing)
    moment = now or timezone.now()
    before = request.status
    waited = _resume_after_documents(request, moment)
    DocumentRequest.objects.filter(pk=asked.pk).update(
        status=DocumentRequestStatus.SENT, sent_by=actor, sent_at=moment
    )
    _save(request)
    _event(
        request,
        "documents_sent",
        actor,
        before=before,
        at=moment,
        data={
            "document_request": asked.pk,
            "documents": [{"code": d.code, "name": d.original_name, "sha256": d.sha256} for d in uploaded],
            "paused_working_days": waited,
        },
    )
    return request


def _refuse_while_consulting(item: WorkItem) -> None:
    waiting = list(
        Consultation.objects.filter(work_item=item, status=ConsultationStatus.OPEN).select_related(
            "organisation"
        )
    )
    if waiting:
        raise Conflict(
            _("Wait for the answer of %(offices)s, or withdraw the question, before completing this step.")
            % {"offices": ", ".join(str(c.organisation) for c in waiting)},
            code="consultation_open",
            details={"consultations": [c.pk for c in waiting]},
        )


@transaction.atomic
def consultation_ask(
    *,
    item: WorkItem,
    actor: User,
    organisation: Organisation,
    question: str,
    due_working_days: int = 3,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Consultation:
    """The officer holding a step asks another office of the aimag; the step cannot be completed until that
    office answers or the question is withdrawn. The clock keeps running."""
    item, request = _held_item(item, actor, expected_version)
    problems: dict[str, list[str]] = {}
    if not question.strip():
        problems["question"] = [_("Write the question for the other office.")]
    if due_working_days not in CONSULTATION_DAYS:
        problems["due_working_days"] = [_("Give the other office between 1 and 30 working days.")]
    if not consultation_targets(request=request).filter(pk=organisation.pk).exists():
        problems["organisation"] = [
            _("Ask an office of this aimag other than the one resolving the request.")
        ]
    if problems:
        raise ValidationFailed(next(iter(problems.values()))[0], details=problems)
    moment = now or timezone.now()
    consultation = Consultation.objects.create(
        request=request,
        work_item=item,
        organisation=organisation,
        question=question.strip()[:4000],
        due_at=calendar.add_working_days(moment, due_working_days),
        asked_by=actor,
        asked_at=moment,
    )
    _save(request)
    _event(
        request,
        "consultation_asked",
        actor,
        before=request.status,
        step=item.name,
        at=moment,
        data={
            "consultation": consultation.pk,
            "organisation": organisation.code,
            "due_at": consultation.due_at.isoformat(),
        },
        reason=consultation.question,
        visible=False,
    )
    return consultation


def _open_consultation(
    consultation: Consultation, actor: User, expected_version: int | None
) -> tuple[Consultation, Request]:
    """Lock the request, then the consultation (always in this order), and check that it is still open."""
    request = _locked(consultation.request)
    consultation = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("organisation", "work_item", "request__organisation")
        .get(pk=consultation.pk)
    )
    if not may(actor, "view", consultation):
        raise PermissionDenied(_("This question was sent to another office."))
    if consultation.status != ConsultationStatus.OPEN:
        raise Conflict(_("This question was already answered or withdrawn."))
    if expected_version is not None and expected_version != request.version:
        raise Conflict(_("Someone else changed this request a moment ago. Reload it and try again."))
    return consultation, request


@transaction.atomic
def consultation_answer(
    *,
    consultation: Consultation,
    actor: User,
    answer: str,
    file_name: str = "",
    content: bytes = b"",
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Consultation:
    """The office asked answers, in words and optionally with a document (the same checks as citizens' uploads)."""
    consultation, request = _open_consultation(consultation, actor, expected_version)
    require(actor, "answer", consultation, _("Only the office asked can answer this question."))
    if not answer.strip():
        raise ValidationFailed(_("Write the answer."), details={"answer": ["required"]})
    moment = now or timezone.now()
    fields = ["status", "answer", "answered_by", "answered_at"]
    if file_name or content:
        try:
            checked = answers.check_upload(file_name, content)
        except ValueError as error:
            raise ValidationFailed(str(error), details={"file": [str(error)]}) from None
        consultation.answer_file.save(
            f"{checked.sha256[:16]}{file_name[file_name.rfind('.') :].lower()}",
            ContentFile(content),
            save=False,
        )
        consultation.answer_file_name = file_name[:200]
        consultation.answer_file_type = checked.content_type
        consultation.answer_file_size = checked.size
        consultation.answer_file_sha256 = checked.sha256
        fields += [
            "answer_file",
            "answer_file_name",
            "answer_file_type",
            "answer_file_size",
            "answer_file_sha256",
        ]
    consultation.status = ConsultationStatus.ANSWERED
    consultation.answer = answer.strip()[:4000]
    consultation.answered_by = actor
    consultation.answered_at = moment
    consultation.save(update_fields=fields)
    _save(request)
    _event(
        request,
        "consultation_answered",
        actor,
        before=request.status,
        step=consultation.work_item.name,
        at=moment,
        data={
            "consultation": consultation.pk,
            "organisation": consultation.organisation.code,
            "file": consultation.answer_file_name,
        },
        reason=consultation.answer,
        visible=False,
    )
    return consultation


@transaction.atomic
def consultation_withdraw(
    *,
    consultation: Consultation,
    actor: User,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Consultation:
    """The officer who asked (or who now holds the step, or a supervisor) no longer waits for the answer."""
    consultation, request = _open_consultation(consultation, actor, expected_version)
    require(
        actor, "withdraw", consultation, _("Only the officer who asked, or who holds the step, withdraws it.")
    )
    moment = now or timezone.now()
    consultation.status = ConsultationStatus.WITHDRAWN
    consultation.withdrawn_by = actor
    consultation.withdrawn_at = moment
    consultation.save(update_fields=["status", "withdrawn_by", "withdrawn_at"])
    _save(request)
    _event(
        request,
        "consultation_withdrawn",
        actor,
        before=request.status,
        step=consultation.work_item.name,
        at=moment,
        data={"consultation": consultation.pk, "organisation": consultation.organisation.code},
        visible=False,
    )
    return consultation
