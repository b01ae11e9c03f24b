"""The only door to the BPMN engine (SpiffWorkflow 3.2.x, pinned). Nothing else in Nutag imports it.

Definitions and instances are kept apart: :func:`compile_model` turns a checked BPMN file (plus the shared
sub-processes its call activities use) into a :class:`CompiledModel`, stored once per model version; an
:class:`InstanceState` holds one request's progress without the definition. Every function loads the state,
acts, and returns a new state, so nothing depends on a process staying in memory.

* Conditions and timers are evaluated by Nutag's safe expression language, never by Python ``eval``.
* User tasks wait for :func:`complete_user_task`; their actions come from the following gateway's conditions.
* Service tasks do not run code: the engine stops at them and reports them (:func:`pending_service_tasks`);
  the host does the work of that kind and calls :func:`complete_service_task`.
* Timers get their due time from Nutag's clock (``now``) and calendar; the host stores :func:`due_timers`
  and calls :func:`fire_due_timers` from its background worker.
* Messages from outside (``payment_received``, ``correction_submitted``) arrive through :func:`send_message`.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser
from SpiffWorkflow.bpmn.parser.TaskParser import TaskParser
from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.config import DEFAULT_CONFIG
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.specs.defaults import EndEvent, ManualTask
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import CycleTimerEventDefinition, TimerEventDefinition
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState
from SpiffWorkflow.version import __version__ as SPIFF_VERSION

from .modeling import expressions
from .modeling.actions import user_task_actions
from .modeling.checks import Problem, check_definitions, errors_only
from .modeling.model import STAFF_ROLE_CODES, Definitions, role_for_lane
from .modeling.reader import read_bpmn
from .modeling.timing import WeekendCalendar, WorkingCalendar, due_at
from .records import (
    ENGINE_NAME,
    SERIALIZER_VERSION,
    CompiledModel,
    EngineError,
    InstanceState,
    ModelNotExecutable,
    ProcessResult,
    ServiceTaskInfo,
    TimerInfo,
    UserTaskInfo,
)

FAR_FUTURE = "9999-12-31T00:00:00+00:00"  # keeps the library from firing timers on its own wall clock
_PLACEHOLDER_DURATION = "P3650D"
_DEFAULT_CALENDAR = WeekendCalendar()


class _SafeEnvironment(BasePythonScriptEngineEnvironment):
    """Replaces the library's eval/exec: conditions and timers go through Nutag's expression language."""

    def evaluate(self, expression: str, context: dict[str, Any], external_context: Any = None) -> Any:
        literal = expressions.literal_timer_value(expression)
        value = literal if literal is not None else expressions.evaluate(expression, dict(context))
        if isinstance(value, expressions.Duration):
            return value.iso if value.iso is not None else _PLACEHOLDER_DURATION
        return value

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        raise EngineError("Nutag does not run scripts from process models.")

    def call_service(self, context: dict[str, Any], **kwargs: Any) -> Any:
        raise EngineError("Nutag does not call services from process models.")


_SCRIPT_ENGINE = PythonScriptEngine(environment=_SafeEnvironment())
_SPECS: ContextVar[tuple[Any, dict[str, Any]]] = ContextVar("nutag_process_specs")


class _StateOnlyConverter(BpmnWorkflowConverter):
    """Writes an instance without its definition; the definition comes from the compiled model."""

    def to_dict(self, workflow: BpmnWorkflow) -> dict[str, Any]:
        dct: dict[str, Any] = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct: dict[str, Any]) -> BpmnWorkflow:
        dct.pop("spec", None)
        dct.pop("subprocess_specs", None)
        spec, subprocess_specs = _SPECS.get()
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        return self._restore(dct, workflow)

    def _restore(self, dct: dict[str, Any], workflow: BpmnWorkflow) -> BpmnWorkflow:
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


_SERIALIZER = BpmnWorkflowSerializer(
    BpmnWorkflowSerializer.configure({**DEFAULT_CONFIG, BpmnWorkflow: _StateOnlyConverter})
)
if _SERIALIZER.VERSION != SERIALIZER_VERSION or f"SpiffWorkflow {SPIFF_VERSION}" != ENGINE_NAME:
    raise ImportError(f"Nutag is pinned to {ENGINE_NAME}; write a state migration before upgrading.")
__all__ = [
    "SERIALIZER_VERSION", "SPIFF_VERSION", "CompiledModel", "EngineError", "InstanceState", "ModelNotExecutable",
    "ProcessResult", "ServiceTaskInfo", "TimerInfo", "UserTaskInfo",
]  # fmt: skip


class _Parser(BpmnParser):
    # A service task becomes a waiting task, so the engine stops there and the host does the work.
    OVERRIDE_PARSER_CLASSES = {full_tag("serviceTask"): (TaskParser, ManualTask)}


@dataclass
class _Loaded:
    spec: Any
    subprocess_specs: dict[str, Any]
    elements: dict[str, dict[str, Any]]


_CACHE: OrderedDict[str, _Loaded] = OrderedDict()
_CACHE_SIZE = 256
_CACHE_LOCK = threading.Lock()


def _element_metadata(definitions: Definitions, roles: frozenset[str]) -> dict[str, dict[str, Any]]:
    elements: dict[str, dict[str, Any]] = {}
    for node in definitions.nodes.values():
        actions = user_task_actions(definitions, node.id) if node.kind == "userTask" else None
        elements[f"{node.process_id}/{node.id}"] = {
            "kind": node.kind, "name": node.name, "lane": node.lane, "documentation": node.documentation,
            "role": role_for_lane(node.lane, roles) if node.lane else None, "service_kind": node.service_kind,
            "attached_to": node.attached_to, "interrupting": node.cancel_activity,
            "timer": node.timer.text if node.timer else None,
            "decision_field": actions.field if actions else None,
            "actions": [[a.value, a.label] for a in actions.actions] if actions else [],
        }  # fmt: skip
    return elements


def compile_model(
    xml: bytes,
    process_id: str | None = None,
    library: Iterable[bytes] = (),
    known_roles: frozenset[str] | None = None,
) -> CompiledModel:
    """Check and compile a model; call activities resolve against ``library`` (the shared sub-processes)."""
    definitions = read_bpmn(xml)
    library = list(library)
    shared = [read_bpmn(item) for item in library]
    main = definitions.processes.get(process_id) if process_id else definitions.main_process()
    if main is None:
        raise ModelNotExecutable([Problem(process_id or "", "", "The file holds no such process.",
                                          "Give the id of a process in the file.")])  # fmt: skip
    roles = known_roles if known_roles is not None else STAFF_ROLE_CODES
    called = {node.called_element for node in definitions.nodes.values() if node.called_element}
    used = [i for i, item in enumerate(shared) if set(item.processes) & called]
    problems = errors_only(
        check_definitions(definitions, known_roles=roles, library=shared, process_id=main.id)
    )
    for local in sorted(called & set(definitions.processes) - {main.id}):
        problems += errors_only(check_definitions(definitions, known_roles=roles, process_id=local))
    for index in used:
        problems += errors_only(check_definitions(shared[index], known_roles=roles))
    if problems:
        raise ModelNotExecutable(problems)
    parser = _Parser()
    try:
        parser.add_bpmn_str(bytes(xml))
        for index in used:
            if not set(shared[index].processes) & set(definitions.processes):
                parser.add_bpmn_str(bytes(library[index]))
        spec = parser.get_spec(main.id)
        subprocess_specs = parser.get_subprocess_specs(main.id)
    except Exception as error:  # a library parser on uploaded input: report, never crash
        raise ModelNotExecutable([Problem(main.id, main.name, f"The engine refused the model: {error}",
                                          "Check the model in Camunda Modeler.")]) from None  # fmt: skip
    elements = _element_metadata(definitions, roles)
    for index in used:
        elements.update(_element_metadata(shared[index], roles))
    registry = _SERIALIZER.registry
    spec_json = json.dumps(
        {"spec": registry.convert(spec), "subprocess_specs": {k: registry.convert(v) for k, v in subprocess_specs.items()},
         "elements": elements, "engine": ENGINE_NAME},
        sort_keys=True,
    )  # fmt: skip
    return CompiledModel(main.id, spec_json, hashlib.sha256(spec_json.encode()).hexdigest())


def _loaded(model: CompiledModel) -> _Loaded:
    """The restored definition, cached by content hash (a hash never changes meaning, so no invalidation)."""
    with _CACHE_LOCK:
        cached = _CACHE.get(model.spec_hash)
        if cached is not None:
            _CACHE.move_to_end(model.spec_hash)
            return cached
    data = json.loads(model.spec_json)
    registry = _SERIALIZER.registry
    loaded = _Loaded(
        spec=registry.restore(data["spec"]),
        subprocess_specs={k: registry.restore(v) for k, v in data["subprocess_specs"].items()},
        elements=data["elements"],
    )
    with _CACHE_LOCK:
        loaded = _CACHE.setdefault(model.spec_hash, loaded)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return loaded


def _load(model: CompiledModel, state: InstanceState) -> tuple[BpmnWorkflow, _Loaded]:
    if state.spec_hash != model.spec_hash:
        raise EngineError("This request's state belongs to another version of the process model.")
    loaded = _loaded(model)
    dct = json.loads(state.workflow_json)
    dct.setdefault("serializer_version", state.serializer_version)
    if dct["serializer_version"] != SERIALIZER_VERSION:
        # The library's migrations expect the definition inside the instance.
        spec_data = json.loads(model.spec_json)
        dct["spec"], dct["subprocess_specs"] = spec_data["spec"], spec_data["subprocess_specs"]
    _SERIALIZER.migrate(dct)
    token = _SPECS.set((loaded.spec, loaded.subprocess_specs))
    try:
        workflow = _SERIALIZER.from_dict(dct)
    finally:
        _SPECS.reset(token)
    workflow.script_engine = _SCRIPT_ENGINE
    return workflow, loaded


def _save(model: CompiledModel, workflow: BpmnWorkflow) -> InstanceState:
    state = InstanceState(spec_hash=model.spec_hash, workflow_json=_SERIALIZER.serialize_json(workflow))
    _LAST.entry = (state.workflow_json, workflow, _loaded(model))
    return state


# The host usually asks several questions (open tasks, timers, completed?) of the state a step has just saved: the
# newest workflow of this thread answers them without deserialising it again. Only the read-only functions below
# use it (`_read`); a function that changes the instance always loads a fresh one (`_load`).
_LAST = threading.local()


def _read(model: CompiledModel, state: InstanceState) -> tuple[BpmnWorkflow, _Loaded]:
    entry = getattr(_LAST, "entry", None)
    if entry is not None and entry[0] is state.workflow_json and state.spec_hash == model.spec_hash:
        return entry[1], entry[2]
    workflow, loaded = _load(model, state)
    _LAST.entry = (state.workflow_json, workflow, loaded)
    return workflow, loaded


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("The engine needs timezone-aware datetimes.")
    return now.astimezone(UTC)


def _run(workflow: BpmnWorkflow, now: datetime, calendar: WorkingCalendar) -> None:
    """Run engine steps, then give every newly waiting timer its due time on Nutag's clock."""
    try:
        workflow.do_engine_steps()
        for task in workflow.get_tasks(state=TaskState.WAITING):
            definition = getattr(task.task_spec, "event_definition", None)
            if not isinstance(definition, TimerEventDefinition) or "nutag_due_at" in task.internal_data:
                continue
            if isinstance(definition, CycleTimerEventDefinition):
                raise EngineError("Repeating timers are not supported.")
            value = expressions.timer_value(definition.expression, dict(task.data))
            task.internal_data["nutag_due_at"] = due_at(value, now, calendar).isoformat()
            task.internal_data["event_value"] = FAR_FUTURE
    except SpiffWorkflowException as error:
        raise EngineError(f"The process could not continue: {error}") from None
    except expressions.ExpressionError as error:
        raise EngineError(f"The process could not continue: {error}") from None


def start(
    model: CompiledModel, data: Mapping[str, Any], *, now: datetime | None = None,
    calendar: WorkingCalendar = _DEFAULT_CALENDAR,
) -> InstanceState:  # fmt: skip
    """Start an instance with the request's data and run it to its first waits."""
    loaded = _loaded(model)
    workflow = BpmnWorkflow(loaded.spec, loaded.subprocess_specs, script_engine=_SCRIPT_ENGINE)
    workflow.get_next_task(state=TaskState.READY).set_data(**_clean(data))
    _run(workflow, _now(now), calendar)
    return _save(model, workflow)


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    for key in data:
        if not isinstance(key, str) or not key.isidentifier() or key.startswith("_"):
            raise EngineError(f"{key!r} cannot be used as a name in request data.")
    try:
        plain: dict[str, Any] = json.loads(json.dumps(dict(data), allow_nan=False))
    except (TypeError, ValueError) as error:
        raise EngineError(f"Request data must be plain JSON values ({error}).") from None
    return plain


def _timers_by_parent(workflow: BpmnWorkflow, loaded: _Loaded) -> list[tuple[Any, TimerInfo]]:
    result = []
    for task in workflow.get_tasks(state=TaskState.WAITING):
        due = task.internal_data.get("nutag_due_at")
        element = _element(loaded, task)
        if due:
            info = TimerInfo(str(task.id), task.task_spec.bpmn_id, element.get("name", ""),
                             datetime.fromisoformat(due), element.get("attached_to"), element.get("interrupting", True))  # fmt: skip
            result.append((task.parent, info))
    return result


def _ready(workflow: BpmnWorkflow, loaded: _Loaded, kind: str) -> list[Any]:
    return [
        task for task in workflow.get_tasks(state=TaskState.READY, manual=True)
        if _element(loaded, task).get("kind") == kind
    ]  # fmt: skip


def open_user_tasks(model: CompiledModel, state: InstanceState) -> list[UserTaskInfo]:
    """The user tasks waiting for staff: mirror them into the work-item table."""
    workflow, loaded = _read(model, state)
    timers = _timers_by_parent(workflow, loaded)
    result = []
    for task in _ready(workflow, loaded, "userTask"):
        element = _element(loaded, task)
        own = [
            info for parent, info in timers if parent is task.parent and info.attached_to == _element_id(task)
        ]
        deadlines = [info.due_at for info in own if info.interrupting]
        reminders = [info.due_at for info in own if not info.interrupting]
        result.append(UserTaskInfo(
            task_id=str(task.id), element_id=task.task_spec.bpmn_id, name=element["name"], lane=element["lane"],
            role=element["role"], documentation=element["documentation"], decision_field=element["decision_field"],
            actions=[(value, label) for value, label in element["actions"]],
            due_at=min(deadlines, default=None), reminder_at=min(reminders, default=None),
        ))  # fmt: skip
    return result


def _element_id(task: Any) -> str:
    return str(task.task_spec.bpmn_id)


def _element(loaded: _Loaded, task: Any) -> dict[str, Any]:
    # Element ids are unique per process only: a shared sub-process may reuse the caller's ids.
    return loaded.elements.get(f"{task.workflow.spec.name}/{task.task_spec.bpmn_id}", {})


def pending_service_tasks(model: CompiledModel, state: InstanceState) -> list[ServiceTaskInfo]:
    """Built-in work the host must do now (issue the result, request the fee, notify, ...)."""
    workflow, loaded = _read(model, state)
    return [
        ServiceTaskInfo(str(task.id), _element_id(task), _element(loaded, task)["name"],
                        _element(loaded, task)["service_kind"], _element(loaded, task)["lane"])
        for task in _ready(workflow, loaded, "serviceTask")
    ]  # fmt: skip


def _complete(model: CompiledModel, state: InstanceState, task_id: str, kind: str, data: Mapping[str, Any],
              now: datetime | None, calendar: WorkingCalendar) -> InstanceState:  # fmt: skip
    workflow, loaded = _load(model, state)
    task = next((t for t in _ready(workflow, loaded, kind) if str(t.id) == task_id), None)
    if task is None:
        raise EngineError("This task is not open any more (it was done, cancelled or never existed).")
    values = _clean(data)
    element = _element(loaded, task)
    decision = element.get("decision_field")
    allowed = [value for value, _ in element.get("actions", [])]
    if kind == "userTask" and decision and values.get(decision) not in allowed:
        raise EngineError(f"Choose one of: {', '.join(allowed)} (field {decision!r}).")
    task.set_data(**values)
    try:
        task.run()
    except SpiffWorkflowException as error:
        raise EngineError(f"The task could not be completed: {error}") from None
    _run(workflow, _now(now), calendar)
    return _save(model, workflow)


def complete_user_task(
    model: CompiledModel, state: InstanceState, task_id: str, data: Mapping[str, Any], *,
    now: datetime | None = None, calendar: WorkingCalendar = _DEFAULT_CALENDAR,
) -> InstanceState:  # fmt: skip
    """Complete an open user task with the officer's data (including the chosen action, if it offers any)."""
    return _complete(model, state, task_id, "userTask", data, now, calendar)


def complete_service_task(
    model: CompiledModel, state: InstanceState, task_id: str, result: Mapping[str, Any] | None = None, *,
    now: datetime | None = None, calendar: WorkingCalendar = _DEFAULT_CALENDAR,
) -> InstanceState:  # fmt: skip
    """Tell the engine the host has done a pending service task; ``result`` is merged into the request data."""
    return _complete(model, state, task_id, "serviceTask", result or {}, now, calendar)


def due_timers(model: CompiledModel, state: InstanceState) -> list[TimerInfo]:
    """Every waiting timer with its due time, earliest first: the host stores the earliest as next_due_at."""
    workflow, loaded = _read(model, state)
    return sorted((info for _, info in _timers_by_parent(workflow, loaded)), key=lambda info: info.due_at)


def fire_due_timers(
    model: CompiledModel, state: InstanceState, *, now: datetime | None = None,
    calendar: WorkingCalendar = _DEFAULT_CALENDAR,
) -> InstanceState:  # fmt: skip
    """Fire the timers due at ``now`` and run on. Firing an instance with nothing due changes nothing."""
    moment = _now(now)
    workflow, _ = _load(model, state)
    fired = False
    for task in workflow.get_tasks(state=TaskState.WAITING):
        due = task.internal_data.get("nutag_due_at")
        if due and datetime.fromisoformat(due) <= moment:
            task.internal_data["event_fired"] = True
            fired = True
    if not fired:
        return state
    workflow.refresh_timers()
    _run(workflow, moment, calendar)
    return _save(model, workflow)


def send_message(
    model: CompiledModel, state: InstanceState, name: str, payload: Mapping[str, Any] | None = None, *,
    now: datetime | None = None, calendar: WorkingCalendar = _DEFAULT_CALENDAR,
) -> InstanceState:  # fmt: skip
    """Deliver a message from outside. The payload and ``<name>: True`` are merged into the request data."""
    workflow, _ = _load(model, state)
    waiting = {
        event.name for event in workflow.waiting_events() if event.event_type == "MessageEventDefinition"
    }
    if name not in waiting:
        raise EngineError(f"This request is not waiting for the message {name!r}.")
    body = {**_clean(payload or {}), name: True} if name.isidentifier() else _clean(payload or {})
    try:
        workflow.send_event(BpmnEvent(MessageEventDefinition(name), payload=body))
    except SpiffWorkflowException as error:
        raise EngineError(f"The message could not be delivered: {error}") from None
    _run(workflow, _now(now), calendar)
    return _save(model, workflow)


def waiting_messages(model: CompiledModel, state: InstanceState) -> list[str]:
    workflow, _ = _read(model, state)
    return sorted({e.name for e in workflow.waiting_events() if e.event_type == "MessageEventDefinition"})


def current_elements(model: CompiledModel, state: InstanceState) -> list[str]:
    """The elements where the request is now (for drawing it on the diagram)."""
    workflow, loaded = _read(model, state)
    active = TaskState.READY | TaskState.WAITING | TaskState.STARTED
    return sorted(
        {
            _element_id(t)
            for t in workflow.get_tasks(state=active)
            if _element(loaded, t).get("kind") not in (None, "boundaryEvent")
        }
    )


def is_completed(model: CompiledModel, state: InstanceState) -> bool:
    workflow, _ = _read(model, state)
    return bool(workflow.is_completed())


def result(model: CompiledModel, state: InstanceState) -> ProcessResult:
    """Whether the instance is done, which end event it reached last, and the request data there."""
    workflow, loaded = _read(model, state)
    ends = [
        t
        for t in workflow.get_tasks(state=TaskState.COMPLETED, spec_class=EndEvent)
        if t.workflow is workflow
    ]
    last = max(ends, key=lambda t: t.last_state_change, default=None)
    end_id = _element_id(last) if last is not None else None
    data = {k: v for k, v in (last.data if last is not None else {}).items() if k != "data_objects"}
    return ProcessResult(
        bool(workflow.is_completed()), end_id, _element(loaded, last).get("name") if last else None, data
    )
