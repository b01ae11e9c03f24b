from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from nutag.processes.modeling.demo_models_list import DEMO_MODEL_NAMES
from nutag.processes.modeling.drawing import HIGHLIGHTS, draw_svg
from nutag.processes.modeling.reader import read_bpmn

from .conftest import data_bytes, demo_bytes

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


@pytest.mark.parametrize("name", DEMO_MODEL_NAMES)
def test_every_demo_model_draws_as_well_formed_svg_with_its_labels(name: str) -> None:
    definitions = read_bpmn(demo_bytes(name))
    svg = draw_svg(definitions)
    root = parsed(svg)
    assert root.get("role") == "img" and root.get("aria-label")
    text = " ".join(root.itertext())
    for node in definitions.nodes.values():
        for word in node.name.split()[:1]:
            assert word in text
    for flow in definitions.flows.values():
        if flow.name:
            assert flow.name in text
    for lane in definitions.main_process().lanes:  # type: ignore[union-attr]
        assert lane.name in text
    groups = root.findall(f".//{SVG}g[@data-element-id]")
    assert {g.get("data-element-id") for g in groups} == set(definitions.nodes)
    assert all(g.find(f"{SVG}title") is not None for g in groups)


def test_view_box_fits_the_diagram() -> None:
    definitions = read_bpmn(demo_bytes("permit"))
    x, y, width, height = (float(v) for v in parsed(draw_svg(definitions)).get("viewBox").split())
    right = max(s.bounds.x + s.bounds.width for s in definitions.shapes.values())
    bottom = max(s.bounds.y + s.bounds.height for s in definitions.shapes.values())
    assert x < 130 and y < 80 and right <= x + width and bottom <= y + height


def test_model_text_is_escaped() -> None:
    svg = draw_svg(read_bpmn(data_bytes("camunda_style.bpmn")))
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert parsed(svg).find(f".//{SVG}script") is None


def test_markers_for_element_types() -> None:
    root = parsed(draw_svg(read_bpmn(demo_bytes("permit"))))
    by_id = {g.get("data-element-id"): g for g in root.iter(f"{SVG}g") if g.get("data-element-id")}
    assert len(by_id["submitted"].findall(f"{SVG}circle")) == 1
    assert by_id["issued"].find(f"{SVG}circle").get("stroke-width") == "4.0"
    assert len(by_id["review_overdue"].findall(f"{SVG}circle")) >= 3  # double ring and the clock
    assert by_id["review_reminder"].find(f"{SVG}circle").get("stroke-dasharray") == "5 3"  # non-interrupting
    assert by_id["reviewed"].find(f"{SVG}polygon") is not None
    assert "User task" in by_id["review"].findtext(f"{SVG}title")
    assert "Call activity" in by_id["collect_fee"].findtext(f"{SVG}title")


def test_highlights_use_colour_dash_pattern_badge_and_legend() -> None:
    definitions = read_bpmn(demo_bytes("permit"))
    svg = draw_svg(
        definitions, highlight={"approve": "changed", "review": "current", "Flow_review_reviewed": "added"}
    )
    for kind in ("changed", "current", "added"):
        colour, _, badge, legend = HIGHLIGHTS[kind]
        assert colour in svg and badge in svg and legend in svg
    assert 'stroke-dasharray="2 3"' in svg
    assert "removed" not in svg
    assert "Legend" not in draw_svg(definitions)


def test_a_file_without_diagram_information_is_laid_out_automatically() -> None:
    definitions = read_bpmn(data_bytes("script_task.bpmn"))
    assert not definitions.has_diagram
    svg = draw_svg(definitions)
    assert "Laid out automatically" in svg
    root = parsed(svg)
    assert {g.get("data-element-id") for g in root.iter(f"{SVG}g") if g.get("data-element-id")} == set(
        definitions.nodes
    )
    bare = replace(read_bpmn(demo_bytes("welfare_committee")), shapes={}, edges={})
    assert "Laid out automatically" in draw_svg(bare)


def test_drawing_a_model_from_another_tool_does_not_crash() -> None:
    svg = draw_svg(read_bpmn(data_bytes("other_tool_inclusive.bpmn")))
    assert "Land allocation" in svg and "Which checks?" in svg and "Land office" in svg
