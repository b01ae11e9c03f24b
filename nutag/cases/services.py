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
from nutag.cases.choices import FINAL_STATUSES, Channel, RequestStatus, WorkItemStatus
from nutag.cases.models import AccessRecord, Request, RequestDocument, RequestEvent, WorkItem
from nutag.cases.notifications import notification_queue
from nutag.cases.numbers import new_number
from nutag.catalog.choices import AdoptionStatus
from nutag.catalog.models import Adoption
from nutag.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from nutag.core.permissions import require
from nutag.processes import engine
from nutag.processes.selectors import process_model_for_adoption


def _event(
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
) -> None:
    RequestEvent.objects.create(
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


def _apply_effects(request: Request, effects: runtime.Effects, actor: Any, now: datetime.datetime) -> None:
    for kind, step, data in effects.events:
        _event(request, kind, actor, step=step, data=data, at=now)
    for kind, detail in effects.notifications:
        if kind != "staff_reminder":
            notification_queue(request, kind, detail)


def _locked(request: Request) -> Request:
    return (
        Request.objects.select_for_update(of=("self",))
        .select_related("adoption__version", "service_version", "process_model", "applicant", "organisation")
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
) -> Request:
    """A draft request for an offered service. A citizen applies for themself; an operator for a citizen."""
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
    if idempotency_key:
        existing = Request.objects.filter(applicant=applicant, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    cleaned, _problems = answers.clean_answers(adoption, form_data or {}, complete=False)
    request = Request(
        service_id=adoption.service_id,
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
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        return Request.objects.get(applicant=applicant, idempotency_key=idempotency_key)
    _event(request, "created", actor, data={"channel": channel})
    return request


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
    *, request: Request, actor: User, code: str, name: str, content: bytes
) -> RequestDocument:
    request = _locked(request)
    require(actor, "edit", request)
    if request.status not in (RequestStatus.DRAFT, RequestStatus.RETURNED, RequestStatus.DOCUMENTS_REQUESTED):
        raise Conflict(_("Documents can no longer be added to this request."))
    if code not in {d["code"] for d in answers.documents_required(request.adoption)}:
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
    _event(request, "document_added", actor, data={"code": code, "name": document.original_name})
    return document


def _missing(request: Request) -> dict[str, str]:
    _cleaned, problems = answers.clean_answers(request.adoption, request.form_data, complete=True)
    have = set(request.documents.values_list("code", flat=True))
    for document in answers.documents_required(request.adoption):
        if document.get("is_mandatory") and document["code"] not in have:
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
    problems = _missing(request)
    if problems:
        raise ValidationFailed(_("Some answers or documents are missing."), details=problems)
    process_model = process_model_for_adoption(request.adoption)
    if process_model is None or not process_model.is_executable:
        raise ValidationFailed(_("This service cannot take requests yet: its process is not ready."))
    moment = now or timezone.now()
    for _attempt in range(5):
        number = new_number()
        if not Request.objects.filter(number=number).exists():
            break
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
    effects = runtime.settle(request, model, state, moment)
    _save(request)
    _event(
        request,
        "submitted",
        actor,
        before=RequestStatus.DRAFT,
        at=moment,
        data={"number": number, "norm_due_at": request.norm_due_at.isoformat()},
    )
    notification_queue(request, "submitted")
    _apply_effects(request, effects, actor, moment)
    return request


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
    _event(
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
    )
    _apply_effects(request, effects, actor, moment)
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
    _event(request, "corrected", actor, before=before, at=moment)
    _apply_effects(request, effects, actor, moment)
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
    _event(
        request,
        "paid",
        actor,
        before=before,
        at=moment,
        data={"amount_mnt": amount_mnt, "receipt": reference.strip()},
    )
    _apply_effects(request, effects, actor, moment)
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
    _event(request, "timer", None, before=before, at=moment, visible=before != request.status)
    _apply_effects(request, effects, None, moment)
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
