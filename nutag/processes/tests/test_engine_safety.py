"""The engine refuses what it must: uploaded code, unknown actions, stale tasks, foreign states."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from nutag.processes import engine
from nutag.processes.modeling.expressions import ExpressionError

from .conftest import compiled, data_bytes, demo_bytes
from .helpers import do_user_task


def test_the_engines_expression_environment_is_nutags(now: datetime) -> None:
    environment = engine._SCRIPT_ENGINE.environment
    for payload in ("__import__('os').getpid()", "().__class__.__base__.__subclasses__()"):
        with pytest.raises(ExpressionError):
            environment.evaluate(payload, {})
    with pytest.raises(engine.EngineError):
        environment.execute("import os", {})


def test_models_with_escape_attempts_are_not_compiled() -> None:
    with pytest.raises(engine.ModelNotExecutable) as caught:
        engine.compile_model(data_bytes("bad_condition.bpmn"))
    assert {p.element_id for p in caught.value.problems} == {"f_approve", "f_escape"}


def _without_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "check_definitions", lambda *args, **kwargs: [])


@pytest.mark.parametrize(
    "payload",
    ["__import__('os').getpid() == 0", "().__class__.__base__.__subclasses__() == []", "9 ** 9 ** 9 == 1"],
)
def test_escape_attempt_fails_safely_even_if_the_checks_were_skipped(
    monkeypatch: pytest.MonkeyPatch, payload: str, now: datetime
) -> None:
    _without_checks(monkeypatch)
    xml = data_bytes("bad_condition.bpmn").replace(b'decision === "approve"', payload.encode())
    model = engine.compile_model(xml)
    state = engine.start(model, {}, now=now)
    [task] = engine.open_user_tasks(model, state)
    with pytest.raises(engine.EngineError, match="could not"):
        engine.complete_user_task(model, state, task.task_id, {"decision": "x"}, now=now)


def test_script_task_is_not_run_even_if_the_checks_were_skipped(
    monkeypatch: pytest.MonkeyPatch, now: datetime
) -> None:
    _without_checks(monkeypatch)
    model = engine.compile_model(data_bytes("script_task.bpmn"))
    with pytest.raises(engine.EngineError, match="could not continue"):
        engine.start(model, {}, now=now)


def test_an_action_the_task_does_not_offer_is_refused(now: datetime) -> None:
    model = compiled("permit")
    state = engine.start(model, {}, now=now)
    [task] = engine.open_user_tasks(model, state)
    with pytest.raises(engine.EngineError, match="Choose one of: approve, reject"):
        engine.complete_user_task(model, state, task.task_id, {"decision": "maybe"}, now=now)
    with pytest.raises(engine.EngineError, match="Choose one of"):
        engine.complete_user_task(model, state, task.task_id, {}, now=now)


def test_a_task_cannot_be_completed_twice_or_by_a_made_up_id(now: datetime) -> None:
    model = compiled("permit")
    state = engine.start(model, {}, now=now)
    [task] = engine.open_user_tasks(model, state)
    engine.complete_user_task(model, state, task.task_id, {"decision": "reject"}, now=now)
    after = do_user_task(model, state, "review", now, decision="reject")
    with pytest.raises(engine.EngineError, match="not open"):
        engine.complete_user_task(model, after, task.task_id, {"decision": "reject"}, now=now)
    with pytest.raises(engine.EngineError, match="not open"):
        engine.complete_service_task(model, after, "00000000-0000-0000-0000-000000000000", now=now)


@pytest.mark.parametrize(
    "data", [{"_private": 1}, {"not an identifier": 1}, {"x": object()}, {"x": float("nan")}]
)
def test_request_data_must_be_plain(data: dict[str, Any], now: datetime) -> None:
    with pytest.raises(engine.EngineError):
        engine.start(compiled("permit"), data, now=now)


def test_a_message_nobody_waits_for_is_an_error(now: datetime) -> None:
    model = compiled("permit")
    state = engine.start(model, {}, now=now)
    with pytest.raises(engine.EngineError, match="not waiting for the message 'payment_received'"):
        engine.send_message(model, state, "payment_received", {"amount_mnt": 1}, now=now)


def test_a_state_of_another_model_version_is_refused(now: datetime) -> None:
    state = engine.start(compiled("permit"), {}, now=now)
    with pytest.raises(engine.EngineError, match="another version"):
        engine.open_user_tasks(compiled("permit__extra_approval"), state)
    with pytest.raises(engine.EngineError):
        engine.InstanceState.from_json(json.dumps({"format": "something else"}))


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        engine.start(compiled("permit"), {}, now=datetime(2026, 1, 1))


def test_a_call_activity_without_its_library_is_not_compiled() -> None:
    with pytest.raises(engine.ModelNotExecutable, match="shared sub-process library"):
        engine.compile_model(demo_bytes("permit"))


def test_custom_roles_reach_the_work_items(now: datetime) -> None:
    xml = data_bytes("unknown_lane.bpmn").replace(b"<bpmn:flowNodeRef>end</bpmn:flowNodeRef>",
                                                  b"<bpmn:flowNodeRef>end</bpmn:flowNodeRef><bpmn:flowNodeRef>orphan_task"
                                                  b"</bpmn:flowNodeRef>")  # fmt: skip
    with pytest.raises(engine.ModelNotExecutable, match="does not name a staff role"):
        engine.compile_model(xml)
    model = engine.compile_model(xml, known_roles=frozenset({"clerk", "officer"}))
    state = engine.start(model, {}, now=now)
    assert [(t.element_id, t.lane, t.role) for t in engine.open_user_tasks(model, state)] == [
        ("review", "Clerk", "clerk")
    ]


def test_a_process_called_from_the_same_file_is_checked_too() -> None:
    xml = demo_bytes("fee_payment").replace(
        b'implementation="nutag:request-fee"', b'implementation="nutag:print"'
    )
    caller = demo_bytes("permit").replace(b"</bpmn:definitions>", b"")
    fee_process = xml[xml.index(b"<bpmn:process") : xml.index(b"</bpmn:process>") + len(b"</bpmn:process>")]
    combined = caller + fee_process + b"</bpmn:definitions>"
    with pytest.raises(engine.ModelNotExecutable, match="'print' is not a built-in service"):
        engine.compile_model(combined, process_id="permit")
