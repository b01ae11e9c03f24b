"""The bridge between a request and its process: runs the engine (through processes.engine only), does the
built-in service tasks, mirrors open user tasks into work items and keeps the timer due time. Called by
cases.services inside their transaction, so the state, the work items, the events and the queued notifications
commit together or not at all."""

import datetime
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from nutag.cases.calendar import calendar
from nutag.cases.choices import FINAL_STATUSES, ConsultationStatus, RequestStatus, WorkItemStatus
from nutag.cases.models import Request, WorkItem
from nutag.processes import engine
from nutag.processes.models import ProcessModel
from nutag.processes.records import CompiledModel, InstanceState

REJECTING_ACTIONS = {"reject", "refuse", "deny", "decline"}

# Other apps extend the built-in service tasks: results issues the document, payments creates the invoice. A hook
# runs inside the request's transaction, after Nutag's own handling, and returns data merged into the process data.
ServiceTaskHook = Callable[["Request", datetime.datetime], dict[str, Any]]
SERVICE_TASK_HOOKS: dict[str, list[ServiceTaskHook]] = {}
# Called when a request reaches a final status (completed, rejected, expired), inside its transaction.
CLOSING_HOOKS: list[Callable[["Request", datetime.datetime], None]] = []


def register_service_task_hook(kind: str, hook: ServiceTaskHook) -> None:
    SERVICE_TASK_HOOKS.setdefault(kind, []).append(hook)


def register_closing_hook(hook: Callable[["Request", datetime.datetime], None]) -> None:
    CLOSING_HOOKS.append(hook)


RETURNING_ACTIONS = {"return", "return_for_correction", "correct"}


# Compiled models by spec hash (the hash of their definition): a process model's definition is read from the
# database only the first time a process meets it, so the callers may defer that (large) column.
_COMPILED: dict[str, CompiledModel] = {}
_COMPILED_LOCK = threading.Lock()


def compiled_for(process_model: ProcessModel) -> CompiledModel:
    compiled = _COMPILED.get(process_model.spec_hash)
    if compiled is None:
        assert process_model.definition_json is not None
        compiled = CompiledModel.from_json(process_model.definition_json)
        with _COMPILED_LOCK:
            if len(_COMPILED) >= 256:
                _COMPILED.clear()
            _COMPILED[process_model.spec_hash] = compiled
    return compiled


# What a request's process model is needed for at run time: its spec hash, and its definition when not compiled yet.
PROCESS_MODEL_HEAVY_FIELDS = ("bpmn_xml", "svg", "definition_json")


@dataclass
class Effects:
    """What a run of the engine asks the host to do after it commits (notifications) or to record (events)."""

    notifications: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail)
    events: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (kind, step, data)
    work_items: list[WorkItem] = field(default_factory=list)  # new, written after the request


def _handle_service_task(
    request: Request, kind: str, name: str, now: datetime.datetime, effects: Effects
) -> dict[str, Any]:
    if kind == "issue-result":
        request.outcome = "issued"
        effects.events.append(("result_issued", name, {}))
        effects.notifications.append(("result_ready", ""))
        return {"result_issued": True}
    if kind == "return-for-correction":
        request.status = RequestStatus.RETURNED
        request.paused_at = now
        effects.events.append(("returned_for_correction", name, {"note": request.correction_note}))
        effects.notifications.append(("returned", request.correction_note))
        return {}
    if kind == "request-fee":
        request.status = RequestStatus.AWAITING_PAYMENT
        request.fee_mnt = request.adoption.effective_fee_mnt
        effects.events.append(("fee_requested", name, {"fee_mnt": request.fee_mnt}))
        effects.notifications.append(("fee_requested", str(request.fee_mnt)))
        return {"fee_mnt": request.fee_mnt}
    if kind == "notify-applicant":
        effects.notifications.append(("decision", request.decision_reason))
        return {}
    if kind == "notify-staff":
        effects.events.append(("staff_reminded", name, {}))
        effects.notifications.append(("staff_reminder", name))
        return {}
    effects.events.append(("service_task_skipped", name, {"kind": kind}))
    return {}


def settle(
    request: Request,
    model: CompiledModel,
    state: InstanceState,
    now: datetime.datetime,
    *,
    started: bool = False,
) -> Effects:
    """Run the built-in service tasks until the process waits, then bring the request's status, work items and
    timer up to date. Mutates `request` (the caller saves it). `started`: the process has just started, so the
    request has no work items yet."""
    effects = Effects()
    for _ in range(100):  # a model cannot make the host loop forever
        pending = engine.pending_service_tasks(model, state)
        if not pending:
            break
        for task in pending:
            if task.kind == "request-fee" and request.adoption.effective_fee_mnt == 0:
                # A free service has nothing to pay: the fee step passes as if paid, and no invoice is made.
                state = engine.complete_service_task(
                    model, state, task.task_id, {"fee_mnt": 0}, now=now, calendar=calendar
                )
                if "payment_received" in engine.waiting_messages(model, state):
                    state = engine.send_message(
                        model, state, "payment_received", {"paid_mnt": 0}, now=now, calendar=calendar
                    )
                continue
            result = _handle_service_task(request, task.kind, task.name, now, effects)
            for hook in SERVICE_TASK_HOOKS.get(task.kind, []):
                result.update(hook(request, now))
            state = engine.complete_service_task(
                model, state, task.task_id, result, now=now, calendar=calendar
            )
    record_state(request, model, state)
    _mirror_work_items(request, model, state, now, effects, started=started)
    if engine.is_completed(model, state) and request.status not in FINAL_STATUSES:
        if request.outcome == "issued":
            request.status = RequestStatus.COMPLETED
        elif request.status == RequestStatus.RETURNED:
            request.status = RequestStatus.EXPIRED
        else:
            request.status = RequestStatus.REJECTED
        request.closed_at = now
        request.next_timer_at = None
        effects.notifications.append(("closed", request.status))
        for closing in CLOSING_HOOKS:
            closing(request, now)
    return effects


def record_state(request: Request, model: CompiledModel, state: InstanceState) -> None:
    """Keep the process's state on the request, with the moment its next timer fires."""
    request.state_json = state.to_json()
    timers = engine.due_timers(model, state)
    request.next_timer_at = min((timer.due_at for timer in timers), default=None)


def _withdraw_questions(item: WorkItem, now: datetime.datetime, effects: Effects) -> None:
    """The process took the step away (a deadline passed): its open questions to other offices wait for nobody."""
    for question in item.consultations.filter(status=ConsultationStatus.OPEN).select_related("organisation"):
        question.status = ConsultationStatus.WITHDRAWN
        question.withdrawn_at = now
        question.save(update_fields=["status", "withdrawn_at"])
        effects.events.append(
            (
                "consultation_withdrawn",
                item.name,
                {"consultation": question.pk, "organisation": question.organisation.code, "by": "process"},
            )
        )


def _mirror_work_items(
    request: Request,
    model: CompiledModel,
    state: InstanceState,
    now: datetime.datetime,
    effects: Effects,
    *,
    started: bool,
) -> None:
    open_tasks = {task.task_id: task for task in engine.open_user_tasks(model, state)}
    existing = (
        {item.task_id: item for item in request.work_items.filter(status=WorkItemStatus.OPEN)}
        if request.pk and not started
        else {}
    )
    for task_id, item in existing.items():
        if task_id not in open_tasks:
            item.status = WorkItemStatus.CANCELLED if item.completed_at is None else item.status
            if item.status == WorkItemStatus.CANCELLED:
                item.save(update_fields=["status"])
                _withdraw_questions(item, now, effects)
    for task_id, task in open_tasks.items():
        if task_id in existing:
            continue
        effects.work_items.append(
            WorkItem(
                request=request,
                task_id=task_id,
                element_id=task.element_id,
                name=task.name,
                role=task.role or "officer",
                organisation=request.organisation,
                territory_path=request.territory_path,
                actions=[{"value": value, "label": label} for value, label in task.actions],
                decision_field=task.decision_field or "",
                due_at=task.due_at or request.norm_due_at,
            )
        )


def load(request: Request) -> tuple[CompiledModel, InstanceState]:
    assert request.process_model is not None
    return compiled_for(request.process_model), InstanceState.from_json(request.state_json)


def now() -> datetime.datetime:
    return timezone.now()
