"""Benchmarks of the process layer; each returns ``{"name", "value", "unit", "rows", ...}`` for ``make bench``.

* ``engine_step_ms``: median cost of one engine step as the host runs it: load the instance state from JSON,
  act (start, complete a user or service task, deliver a message, fire a timer), run on, save to JSON.
* ``import_and_draw_50_ms``: 95th percentile of reading, checking, compiling and drawing a model of 50 elements.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from . import engine
from .modeling.builder import ProcessBuilder
from .modeling.checks import check_definitions
from .modeling.drawing import draw_svg
from .modeling.reader import read_bpmn

DEMO_MODELS = Path(__file__).resolve().parent / "demo_models"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]


class _Timed:
    def __init__(self) -> None:
        self.samples: list[float] = []

    def __call__(
        self, action: Callable[..., engine.InstanceState], *args: Any, **kwargs: Any
    ) -> engine.InstanceState:
        started = time.perf_counter()
        state = action(*args, **kwargs)
        state = engine.InstanceState.from_json(state.to_json())  # what the database round trip does
        self.samples.append((time.perf_counter() - started) * 1000)
        return state


def _run_permit(model: engine.CompiledModel, timed: _Timed, now: datetime, approve: bool) -> None:
    state = timed(engine.start, model, {"applicant_register_no": "УБ99112233"}, now=now)
    state = timed(engine.fire_due_timers, model, state, now=now + timedelta(days=6))
    for service in engine.pending_service_tasks(model, state):
        state = timed(engine.complete_service_task, model, state, service.task_id, now=now)
    while tasks := engine.open_user_tasks(model, state):
        state = timed(engine.complete_user_task, model, state, tasks[0].task_id,
                      {"decision": "approve" if approve else "reject"}, now=now)  # fmt: skip
        for service in engine.pending_service_tasks(model, state):
            state = timed(engine.complete_service_task, model, state, service.task_id, now=now)
        if "payment_received" in engine.waiting_messages(model, state):
            state = timed(
                engine.send_message, model, state, "payment_received", {"amount_mnt": 15000}, now=now
            )
            for service in engine.pending_service_tasks(model, state):
                state = timed(engine.complete_service_task, model, state, service.task_id, now=now)
    assert engine.is_completed(model, state)


def engine_step_cost(instances: int = 60) -> dict[str, Any]:
    library = [(DEMO_MODELS / "fee_payment.bpmn").read_bytes()]
    model = engine.compile_model((DEMO_MODELS / "permit.bpmn").read_bytes(), library=library)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    _run_permit(model, _Timed(), now, True)  # warm the compiled-model cache
    timed = _Timed()
    for i in range(instances):
        _run_permit(model, timed, now, approve=i % 5 != 0)
    return {"name": "engine_step_ms", "value": round(statistics.median(timed.samples), 3), "unit": "ms",
            "rows": len(timed.samples), "p95": round(_percentile(timed.samples, 0.95), 3), "target": 3.0}  # fmt: skip


def fifty_element_model() -> bytes:
    """A generated model: 15 review stages with a choice and a refusal notice each, plus a reminder: 50 nodes."""
    b = ProcessBuilder("fifty_steps", "Fifty elements", {"officer": 2, "supervisor": 1})
    b.node("start", "start", "Submitted", "officer", 0)
    previous = "start"
    for i in range(15):
        lane = "officer" if i % 2 == 0 else "supervisor"
        b.node("user", f"review_{i}", f"Review stage {i + 1}", lane, 2 * i + 1)
        b.node("exclusive", f"gate_{i}", f"Stage {i + 1} passed?", lane, 2 * i + 2)
        b.node("service", f"refuse_{i}", f"Notify refusal {i + 1}", "officer", 2 * i + 2, row=1,
               implementation="nutag:notify-applicant")  # fmt: skip
        b.flow(previous, f"review_{i}", "Pass" if i else "", 'decision == "pass"' if i else None)
        b.flow(f"review_{i}", f"gate_{i}")
        b.flow(f"gate_{i}", f"refuse_{i}", "Refuse", 'decision == "refuse"', route="vh")
        b.flow(f"refuse_{i}", "refused")
        previous = f"gate_{i}"
    b.boundary("reminder", "Reminder after 2 days", "review_0", timer="P2D", interrupting=False)
    b.node("end", "issued", "Done", "officer", 31)
    b.node("end", "refused", "Refused", "officer", 31, row=1)
    b.flow(previous, "issued", "Pass", 'decision == "pass"')
    b.node("service", "remind", "Remind the officer", "supervisor", 1, implementation="nutag:notify-staff")
    b.flow("reminder", "remind")
    b.flow("remind", "refused")
    return b.to_xml()


def import_and_draw_50(runs: int = 40) -> dict[str, Any]:
    xml = fifty_element_model()
    samples = []
    elements = 0
    for _ in range(runs + 3):
        started = time.perf_counter()
        definitions = read_bpmn(xml)
        problems = check_definitions(definitions)
        engine._CACHE.clear()  # a fresh upload: nothing cached
        engine.compile_model(xml)
        svg = draw_svg(definitions)
        samples.append((time.perf_counter() - started) * 1000)
        assert not problems and svg.startswith("<svg")
        elements = len(definitions.nodes)
    samples = samples[3:]
    return {"name": "import_and_draw_50_ms", "value": round(_percentile(samples, 0.95), 3), "unit": "ms",
            "rows": runs, "elements": elements, "median": round(statistics.median(samples), 3), "target": 200.0}  # fmt: skip


if __name__ == "__main__":
    print(engine_step_cost())
    print(import_and_draw_50())


def run() -> list[dict[str, Any]]:
    return [engine_step_cost(), import_and_draw_50()]
