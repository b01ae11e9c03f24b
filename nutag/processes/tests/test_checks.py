from __future__ import annotations

import io

import pytest

from nutag.processes.modeling.checks import ERROR, check_definitions, errors_only, is_executable
from nutag.processes.modeling.cli import run
from nutag.processes.modeling.demo_models_list import DEMO_MODEL_NAMES
from nutag.processes.modeling.reader import read_bpmn

from .conftest import DATA, MODELS, data_bytes, demo_bytes


def problems_of(name: str) -> list[tuple[str, str]]:
    return [(p.element_id, p.what) for p in errors_only(check_definitions(read_bpmn(data_bytes(name))))]


@pytest.mark.parametrize("name", DEMO_MODEL_NAMES)
def test_every_demo_model_is_executable(name: str) -> None:
    library = [read_bpmn(demo_bytes("fee_payment"))]
    problems = check_definitions(read_bpmn(demo_bytes(name)), library=library)
    assert problems == []


def test_script_tasks_listeners_and_pre_scripts_are_refused() -> None:
    problems = problems_of("script_task.bpmn")
    assert ("compute", "A script task would run code uploaded with the model.") in problems
    assert any(element == "review" and "listener" in what for element, what in problems)
    assert any(element == "review" and "pre- or post-script" in what for element, what in problems)


def test_lane_naming_no_role_and_task_outside_lanes_are_reported() -> None:
    problems = problems_of("unknown_lane.bpmn")
    assert ("lane_clerk", "The lane does not name a staff role.") in problems
    assert any(element == "orphan_task" and "not in a lane" in what for element, what in problems)
    assert not any(element == "lane_officer" for element, _ in problems)


def test_known_roles_are_a_parameter() -> None:
    definitions = read_bpmn(data_bytes("unknown_lane.bpmn"))
    roles = frozenset({"clerk", "officer"})
    assert not any(p.element_id == "lane_clerk" for p in check_definitions(definitions, known_roles=roles))


def test_conditions_that_do_not_parse_or_try_to_escape_are_reported() -> None:
    problems = dict(problems_of("bad_condition.bpmn"))
    assert "does not parse" in problems["f_approve"]
    assert "Attribute access" in problems["f_escape"]


def test_timers_that_are_not_durations_are_reported() -> None:
    problems = dict(problems_of("bad_timer.bpmn"))
    assert "'five days' is not a duration" in problems["late"]
    assert "Repeating timers" in problems["cycle"]


def test_a_cycle_without_a_way_out_is_reported() -> None:
    problems = problems_of("endless_cycle.bpmn")
    assert {e for e, what in problems if "loops forever" in what} == {"start", "check", "recheck"}
    assert any(e == "end" and "never runs" in what for e, what in problems)


def test_a_file_from_another_tool_lists_every_reason_without_crashing() -> None:
    problems = problems_of("other_tool_inclusive.bpmn")
    reasons = " ".join(what for _, what in problems)
    for words in ("not marked as executable", "Inclusive (OR) gateways", "Multi-instance", "Send tasks",
                  "business rule", "message startEvent", "does not name a staff role"):  # fmt: skip
        assert words in reasons
    assert all(p.how_to_fix for p in check_definitions(read_bpmn(data_bytes("other_tool_inclusive.bpmn"))))


def test_call_activity_needs_the_shared_sub_process() -> None:
    problems = errors_only(check_definitions(read_bpmn(demo_bytes("permit"))))
    assert [(p.element_id, p.severity) for p in problems] == [("collect_fee", ERROR)]
    assert "library" in problems[0].what


def test_unknown_service_kind_is_reported() -> None:
    xml = demo_bytes("reference_letter").replace(b"nutag:issue-result", b"nutag:launch-rocket")
    problems = errors_only(check_definitions(read_bpmn(xml)))
    assert [(p.element_id, p.what) for p in problems] == [
        ("issue_letter", "'launch-rocket' is not a built-in service.")
    ]


def test_process_check_reports_every_file_and_fails_only_on_non_bpmn() -> None:
    out = io.StringIO()
    files = [str(DATA / "script_task.bpmn"), str(MODELS / "reference_letter.bpmn")]
    assert run(files, out) == 0
    text = out.getvalue()
    assert "script_task.bpmn: imports, but NOT EXECUTABLE." in text
    assert "reference_letter.bpmn: executable." in text
    assert "A script task would run code" in text and "Traceback" not in text
    out = io.StringIO()
    assert run([str(DATA / "not_bpmn.xml"), str(DATA / "no_such_file.bpmn")], out) == 1
    assert "NOT IMPORTED" in out.getvalue() and "cannot be read" in out.getvalue()


def test_process_check_uses_the_shared_library() -> None:
    out = io.StringIO()
    assert run([str(MODELS / "permit.bpmn")], out, library=[str(MODELS / "fee_payment.bpmn")]) == 0
    assert "permit.bpmn: executable." in out.getvalue()


def test_is_executable_ignores_warnings() -> None:
    xml = (
        demo_bytes("reference_letter")
        .replace(b"bpmn:serviceTask", b"bpmn:task")
        .replace(b' implementation="nutag:issue-result"', b"")
    )
    problems = check_definitions(read_bpmn(xml))
    assert problems and is_executable(problems)


def test_committed_demo_files_are_what_the_generator_writes() -> None:
    from nutag.processes.demo_models.generate import MODELS as GENERATORS

    assert set(GENERATORS) == set(DEMO_MODEL_NAMES)
    for name, make in GENERATORS.items():
        assert make().to_xml() == demo_bytes(name), (
            f"run python -m nutag.processes.demo_models.generate ({name})"
        )
