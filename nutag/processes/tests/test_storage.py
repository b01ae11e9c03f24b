"""Definitions are stored once per model version; instance states without them; old states keep working."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from nutag.processes import engine

from .conftest import DATA, compiled, demo_bytes
from .helpers import do_service, ended_at


def test_instance_state_does_not_contain_the_definition(now: datetime) -> None:
    model = compiled("permit")
    state = engine.start(model, {}, now=now)
    stored = json.loads(state.to_json())
    assert stored["serializer_version"] == engine.SERIALIZER_VERSION == "1.5"
    assert stored["spec_hash"] == model.spec_hash
    assert stored["engine"] == "SpiffWorkflow 3.2.0"
    assert "spec" not in stored["workflow"] and "task_specs" not in state.to_json()
    assert len(state.to_json()) < len(model.to_json())


def test_compiled_model_round_trips_and_is_deterministic() -> None:
    model = compiled("welfare_committee")
    again = engine.compile_model(demo_bytes("welfare_committee"))
    assert again.spec_hash == model.spec_hash
    restored = engine.CompiledModel.from_json(model.to_json())
    assert restored == model
    assert engine._loaded(restored) is engine._loaded(model)  # cached by hash


def test_every_step_survives_a_json_round_trip(now: datetime) -> None:
    model = engine.CompiledModel.from_json(compiled("welfare_committee").to_json())
    state = engine.start(model, {}, now=now)
    for _ in range(3):
        state = engine.InstanceState.from_json(state.to_json())
        [task] = engine.open_user_tasks(model, state)
        state = engine.complete_user_task(model, state, task.task_id, {"decision": "return"}, now=now)
        state = engine.InstanceState.from_json(state.to_json())
        state = do_service(model, state, "return-for-correction", now)
        state = engine.send_message(model, engine.InstanceState.from_json(state.to_json()),
                                    "correction_submitted", {}, now=now)  # fmt: skip
    assert [t.element_id for t in engine.open_user_tasks(model, state)] == ["check"]


def test_state_saved_by_the_pinned_version_loads_and_continues() -> None:
    fixture = json.loads((DATA / "saved_state_spiff_3_2_0.json").read_text(encoding="utf-8"))
    model = engine.CompiledModel.from_json(json.dumps(fixture["model"]))
    state = engine.InstanceState.from_json(json.dumps(fixture["state"]))
    assert state.serializer_version == "1.5"
    assert engine.waiting_messages(model, state) == ["payment_received"]
    [deadline] = engine.due_timers(model, state)
    assert deadline.element_id == "payment_deadline"
    saved_at = deadline.due_at - timedelta(days=14)
    state = engine.send_message(model, state, "payment_received", {"amount_mnt": 15000}, now=saved_at)
    state = do_service(model, state, "issue-result", saved_at, document_no="P-1")
    assert ended_at(model, state) == "issued"
    data = engine.result(model, state).data
    assert (data["applicant_register_no"], data["invoice_no"], data["document_no"]) == (
        "УБ99112233",
        "INV-1",
        "P-1",
    )
