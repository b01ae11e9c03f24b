from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from nutag.processes.modeling.checks import check_definitions
from nutag.processes.modeling.drawing import draw_svg
from nutag.processes.modeling.reader import BPMN, BPMNDI, BpmnFileError, export_bpmn, read_bpmn

from .conftest import MODELS, data_bytes, demo_bytes


def test_demo_model_is_read_with_lanes_timers_services_and_layout() -> None:
    definitions = read_bpmn(demo_bytes("permit"))
    review = definitions.nodes["review"]
    assert (review.kind, review.lane, review.documentation) == (
        "userTask",
        "officer",
        "Choose approve or reject.",
    )
    assert definitions.nodes["issue_permit"].service_kind == "issue-result"
    assert definitions.nodes["collect_fee"].called_element == "fee_payment"
    overdue = definitions.nodes["review_overdue"]
    assert (overdue.timer and overdue.timer.text, overdue.attached_to, overdue.cancel_activity) == (
        "P10D",
        "review",
        True,
    )
    assert definitions.nodes["review_reminder"].cancel_activity is False
    assert definitions.flows["Flow_paid_unpaid"].is_default
    assert definitions.flows["Flow_reviewed_approve"].condition == 'decision == "approve"'
    assert set(definitions.nodes) <= set(definitions.shapes)
    assert len(definitions.edges["Flow_reviewed_approve"].waypoints) == 3


def test_camunda_external_task_topic_names_the_service_kind() -> None:
    definitions = read_bpmn(data_bytes("camunda_style.bpmn"))
    assert definitions.nodes["Activity_notify"].service_kind == "notify-applicant"
    assert definitions.nodes["Activity_review"].lane == "Officer"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"hello, this is not XML", "not well-formed"),
        (data_bytes("malformed.bpmn"), "not well-formed"),
        (data_bytes("not_bpmn.xml"), "not a BPMN 2.0 model"),
        (b'<definitions xmlns="urn:other"/>', "not a BPMN 2.0 model"),
        (f'<process xmlns="{BPMN}"/>'.encode(), "root element is not <definitions>"),
        (data_bytes("xxe.bpmn"), "XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&b;</definitions>',
            "DTD",
        ),
    ],
)
def test_files_that_are_not_bpmn_get_a_clear_error(content: bytes, words: str) -> None:
    with pytest.raises(BpmnFileError, match=words):
        read_bpmn(content)


def test_external_entities_are_never_read() -> None:
    with pytest.raises(BpmnFileError) as caught:
        read_bpmn(data_bytes("xxe.bpmn"))
    assert "root:" not in str(caught.value)


def test_export_keeps_every_element_and_the_layout() -> None:
    for path in [
        *sorted(MODELS.glob("*.bpmn")),
        MODELS.parent / "tests" / "data" / "other_tool_inclusive.bpmn",
    ]:
        original = path.read_bytes()
        exported = export_bpmn(original)
        before, after = etree.fromstring(original), etree.fromstring(exported)
        assert [(e.tag, dict(e.attrib)) for e in before.iter()] == [
            (e.tag, dict(e.attrib)) for e in after.iter()
        ]
        bounds = f"{{{BPMNDI}}}BPMNShape"
        assert len(before.findall(f".//{bounds}")) == len(after.findall(f".//{bounds}")) > 0
        a, b = read_bpmn(original), read_bpmn(exported)
        assert a.shapes == b.shapes and a.edges == b.edges and a.nodes == b.nodes and a.flows == b.flows


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_raise_nothing_but_bpmn_file_error(content: bytes) -> None:
    with contextlib.suppress(BpmnFileError):
        read_bpmn(content)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=5000), st.binary(min_size=1, max_size=20))
def test_garbled_bpmn_raises_nothing_but_bpmn_file_error(position: int, junk: bytes) -> None:
    original = demo_bytes("welfare_committee")
    position %= len(original)
    try:
        definitions = read_bpmn(original[:position] + junk + original[position + len(junk) :])
    except BpmnFileError:
        return
    check_definitions(definitions)  # well-formed input: checks and drawing must not crash either
    draw_svg(definitions)
