from __future__ import annotations

from datetime import datetime
from typing import Any

from nutag.processes import engine


def open_elements(model: engine.CompiledModel, state: engine.InstanceState) -> list[str]:
    return sorted(task.element_id for task in engine.open_user_tasks(model, state))


def do_user_task(model: engine.CompiledModel, state: engine.InstanceState, element_id: str, now: datetime,
                 **data: Any) -> engine.InstanceState:  # fmt: skip
    tasks = [t for t in engine.open_user_tasks(model, state) if t.element_id == element_id]
    assert tasks, f"{element_id} is not open; open: {open_elements(model, state)}"
    return engine.complete_user_task(model, state, tasks[0].task_id, data, now=now)


def do_service(model: engine.CompiledModel, state: engine.InstanceState, kind: str, now: datetime,
               **result: Any) -> engine.InstanceState:  # fmt: skip
    pending = [s for s in engine.pending_service_tasks(model, state) if s.kind == kind]
    assert pending, f"no pending {kind}: {engine.pending_service_tasks(model, state)}"
    return engine.complete_service_task(model, state, pending[0].task_id, result, now=now)


def ended_at(model: engine.CompiledModel, state: engine.InstanceState) -> str | None:
    outcome = engine.result(model, state)
    assert outcome.is_completed
    assert engine.open_user_tasks(model, state) == [] and engine.pending_service_tasks(model, state) == []
    return outcome.end_element_id
