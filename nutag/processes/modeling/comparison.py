"""Compare a local variant with its reference process: what was added, removed or changed, and by how much.

Elements are matched by id first, then by type and name (so a step re-created with a new id in another tool
still matches). Sequence flows are matched by their matched ends.

Process variance (a number, 0.0 = identical, higher = more different)::

    variance = (1.0 × steps added or removed
                + 0.5 × flows added or removed
                + 0.5 × changed properties of matched elements (role, timer, condition, type, kind, ...)
                + 0.25 × renamed elements) / (steps + flows of the reference)

So adding one approval step with its two flows to a 20-element reference gives (1 + 2 × 0.5) / 20 = 0.1.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .drawing import draw_svg
from .model import Definitions, Flow, Node

STEP_WEIGHT, FLOW_WEIGHT, PROPERTY_WEIGHT, RENAME_WEIGHT = 1.0, 0.5, 0.5, 0.25


@dataclass(frozen=True)
class Change:
    kind: str  # 'added', 'removed' or 'changed'
    element_id: str
    element_name: str
    what: str
    category: str  # 'step', 'flow', 'role', 'condition', 'timer', 'name', 'type'
    weight: float


@dataclass
class Comparison:
    changes: list[Change] = field(default_factory=list)
    variance: float = 0.0
    matched: dict[str, str] = field(default_factory=dict)  # reference id -> variant id

    @property
    def is_identical(self) -> bool:
        return not self.changes

    def highlight(self) -> dict[str, str]:
        """Variant element id -> 'added' or 'changed', for drawing the variant."""
        return {c.element_id: c.kind for c in self.changes if c.kind in ("added", "changed")}


def _nodes(definitions: Definitions) -> list[Node]:
    process = definitions.main_process()
    return [definitions.nodes[n] for n in process.node_ids] if process else []


def _flows(definitions: Definitions) -> list[Flow]:
    process = definitions.main_process()
    return [f for f in definitions.flows.values() if process and f.process_id == process.id]


def _key(node: Node) -> tuple[str, str]:
    return node.kind, " ".join(node.name.lower().split())


def _match(reference: list[Node], variant: list[Node]) -> dict[str, str]:
    variant_ids = {n.id for n in variant}
    matched = {n.id: n.id for n in reference if n.id in variant_ids}
    free = {n.id: n for n in variant if n.id not in matched.values()}
    for node in reference:
        if node.id in matched or not node.name:
            continue
        candidate = next((v for v in free.values() if _key(v) == _key(node)), None)
        if candidate is not None:
            matched[node.id] = candidate.id
            del free[candidate.id]
    return matched


def _describe_flow(flow: Flow, definitions: Definitions) -> str:
    source, target = definitions.nodes.get(flow.source), definitions.nodes.get(flow.target)
    text = f"flow from {source.label if source else flow.source} to {target.label if target else flow.target}"
    return text + (f" ({flow.name})" if flow.name else "")


def _node_changes(ref: Node, var: Node, matched: dict[str, str]) -> list[Change]:
    found = []

    def changed(category: str, what: str, weight: float = PROPERTY_WEIGHT) -> None:
        found.append(Change("changed", var.id, var.label, what, category, weight))

    if ref.kind != var.kind:
        changed("type", f"type {ref.kind} → {var.kind}")
    if ref.name != var.name:
        changed("name", f"renamed “{ref.name}” → “{var.name}”", RENAME_WEIGHT)
    if (ref.lane or "") != (var.lane or ""):
        changed("role", f"role {ref.lane or 'none'} → {var.lane or 'none'}")
    ref_timer, var_timer = ref.timer.text if ref.timer else None, var.timer.text if var.timer else None
    if ref_timer != var_timer:
        changed("timer", f"timer {ref_timer or 'none'} → {var_timer or 'none'}")
    if ref.attached_to and ref.cancel_activity != var.cancel_activity:
        changed("timer", "now " + ("interrupting" if var.cancel_activity else "non-interrupting"))
    if ref.service_kind != var.service_kind:
        changed("type", f"service {ref.service_kind or 'none'} → {var.service_kind or 'none'}")
    if ref.called_element != var.called_element:
        changed("type", f"calls {ref.called_element or 'nothing'} → {var.called_element or 'nothing'}")
    if ref.message != var.message:
        changed("type", f"message {ref.message or 'none'} → {var.message or 'none'}")
    if ref.attached_to and matched.get(ref.attached_to) != var.attached_to:
        changed("type", "attached to another task")
    return found


def compare(reference: Definitions, variant: Definitions) -> Comparison:
    """Everything that differs between the reference's main process and the variant's, with the variance."""
    ref_nodes, var_nodes = _nodes(reference), _nodes(variant)
    matched = _match(ref_nodes, var_nodes)
    changes: list[Change] = []
    by_id = {n.id: n for n in var_nodes}
    for node in ref_nodes:
        if node.id not in matched:
            changes.append(
                Change("removed", node.id, node.label, f"step {node.label} removed", "step", STEP_WEIGHT)
            )
        else:
            changes += _node_changes(node, by_id[matched[node.id]], matched)
    for node in var_nodes:
        if node.id not in matched.values():
            lane = f" in lane {node.lane}" if node.lane else ""
            changes.append(
                Change("added", node.id, node.label, f"step {node.label} added{lane}", "step", STEP_WEIGHT)
            )
    var_flows = {(f.source, f.target): f for f in _flows(variant)}
    seen: set[str] = set()
    for flow in _flows(reference):
        counterpart = var_flows.get((matched.get(flow.source, "\0"), matched.get(flow.target, "\0")))
        if counterpart is None:
            changes.append(Change("removed", flow.id, flow.name, _describe_flow(flow, reference) + " removed", "flow",
                                  FLOW_WEIGHT))  # fmt: skip
            continue
        seen.add(counterpart.id)
        if (flow.condition or "") != (
            counterpart.condition or ""
        ) or flow.is_default != counterpart.is_default:
            before = flow.condition or ("default" if flow.is_default else "none")
            after = counterpart.condition or ("default" if counterpart.is_default else "none")
            changes.append(Change("changed", counterpart.id, counterpart.name, f"condition {before} → {after}",
                                  "condition", PROPERTY_WEIGHT))  # fmt: skip
    for flow in _flows(variant):
        if flow.id not in seen:
            changes.append(Change("added", flow.id, flow.name, _describe_flow(flow, variant) + " added", "flow",
                                  FLOW_WEIGHT))  # fmt: skip
    size = max(len(ref_nodes) + len(_flows(reference)), 1)
    variance = round(sum(change.weight for change in changes) / size, 3)
    return Comparison(changes=changes, variance=variance, matched=matched)


def draw_comparison(
    reference: Definitions, variant: Definitions, comparison: Comparison | None = None
) -> str:
    """The variant drawn with its added and changed elements marked, and the removed ones shown where they were."""
    comparison = comparison or compare(reference, variant)
    removed = {c.element_id for c in comparison.changes if c.kind == "removed"}
    ghosts = replace(
        reference,
        nodes={k: v for k, v in reference.nodes.items() if k in removed},
        flows={k: v for k, v in reference.flows.items() if k in removed},
    )
    return draw_svg(variant, highlight=comparison.highlight(), ghosts=ghosts)
