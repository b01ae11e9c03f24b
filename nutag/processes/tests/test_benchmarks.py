from __future__ import annotations

from nutag.processes import benchmarks
from nutag.processes.modeling.checks import check_definitions
from nutag.processes.modeling.reader import read_bpmn


def test_the_fifty_element_model_is_executable() -> None:
    definitions = read_bpmn(benchmarks.fifty_element_model())
    assert len(definitions.nodes) == 50
    assert check_definitions(definitions) == []


def test_benchmarks_report_their_figures() -> None:
    step = benchmarks.engine_step_cost(instances=3)
    assert (
        step["name"] == "engine_step_ms" and step["unit"] == "ms" and step["rows"] > 20 and step["value"] > 0
    )
    draw = benchmarks.import_and_draw_50(runs=3)
    assert draw["name"] == "import_and_draw_50_ms" and draw["elements"] == 50 and draw["value"] > 0
