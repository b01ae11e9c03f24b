from __future__ import annotations

import pytest
from lxml import etree

from nutag.processes.modeling.comparison import compare, draw_comparison
from nutag.processes.modeling.demo_models_list import VARIANTS
from nutag.processes.modeling.model import Definitions
from nutag.processes.modeling.reader import read_bpmn

from .conftest import demo_bytes


def pair(variant: str) -> tuple[Definitions, Definitions]:
    return read_bpmn(demo_bytes(VARIANTS[variant])), read_bpmn(demo_bytes(variant))


def test_identical_models_have_zero_variance() -> None:
    model = read_bpmn(demo_bytes("permit"))
    comparison = compare(model, read_bpmn(demo_bytes("permit")))
    assert comparison.is_identical and comparison.variance == 0.0


def test_extra_approval_is_found_as_added_steps_in_the_supervisor_lane() -> None:
    comparison = compare(*pair("permit__extra_approval"))
    added = {(c.element_id, c.category) for c in comparison.changes if c.kind == "added"}
    assert ("second_approval", "step") in added and ("second_approved", "step") in added
    assert any(
        c.what == "step Second approval by the governor's office added in lane supervisor"
        for c in comparison.changes
    )
    removed = [c for c in comparison.changes if c.kind == "removed"]
    assert [c.category for c in removed] == ["flow"]
    # 2 steps + 4 added flows + 1 removed flow over 17 steps and 16 flows of the reference
    assert comparison.variance == round((2 * 1.0 + 5 * 0.5) / 33, 3)


def test_longer_deadline_is_found_as_a_changed_timer() -> None:
    comparison = compare(*pair("welfare_committee__longer_deadline"))
    timers = [c for c in comparison.changes if c.category == "timer"]
    assert [(c.kind, c.element_id, c.what) for c in timers] == [
        ("changed", "correction_deadline", "timer P30D → P45D")
    ]
    assert 0 < comparison.variance < 0.1


def test_skipped_inspection_is_found_as_removed_steps() -> None:
    comparison = compare(*pair("site_inspection_permit__no_inspection"))
    removed = {c.element_id for c in comparison.changes if c.kind == "removed" and c.category == "step"}
    assert {"inspect_site", "split", "join", "inspection_deadline"} <= removed
    assert comparison.variance > compare(*pair("welfare_committee__longer_deadline")).variance


def test_role_and_condition_changes_are_reported() -> None:
    reference = read_bpmn(demo_bytes("permit"))
    xml = demo_bytes("permit").replace(b"<bpmn:flowNodeRef>approve</bpmn:flowNodeRef>", b"")
    xml = xml.replace(b'<bpmn:flowNodeRef>review</bpmn:flowNodeRef>',
                      b"<bpmn:flowNodeRef>review</bpmn:flowNodeRef><bpmn:flowNodeRef>approve</bpmn:flowNodeRef>")  # fmt: skip
    xml = xml.replace(b"payment_received == True", b"payment_received == True and amount_mnt &gt;= fee_mnt")
    comparison = compare(reference, read_bpmn(xml))
    whats = {(c.element_id, c.what) for c in comparison.changes}
    assert ("approve", "role supervisor → officer") in whats
    assert ("Flow_paid_issue_permit", "condition payment_received == True → payment_received == True and "
            "amount_mnt >= fee_mnt") in whats  # fmt: skip


def test_renamed_ids_are_matched_by_type_and_name() -> None:
    reference = read_bpmn(demo_bytes("reference_letter"))
    variant = read_bpmn(demo_bytes("reference_letter").replace(b"check_register", b"Activity_0x1"))
    comparison = compare(reference, variant)
    assert comparison.matched["check_register"] == "Activity_0x1"
    assert not [c for c in comparison.changes if c.category == "step"]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_comparison_drawing_marks_added_removed_and_changed(variant: str) -> None:
    reference, model = pair(variant)
    comparison = compare(reference, model)
    svg = draw_comparison(reference, model, comparison)
    root = etree.fromstring(svg.encode())
    drawn = {
        g.get("data-element-id")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("data-element-id")
    }
    for change in comparison.changes:
        if change.category == "step":
            assert change.element_id in drawn
            badge = {"added": "+ added", "removed": "− removed", "changed": "~ changed"}[change.kind]
            assert badge in svg
    assert "Legend" in svg
