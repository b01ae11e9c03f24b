"""Write BPMN 2.0 files with diagram layout from a short description in code.

Used to produce the demo reference processes (the committed .bpmn files are its output, readable and
editable in Camunda Modeler or bpmn.io) and the generated models of the benchmarks. Nodes sit on a grid of
lanes, rows within a lane, and columns; sequence flows are routed with right angles.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

SIZES = {"task": (100.0, 80.0), "event": (36.0, 36.0), "gateway": (50.0, 50.0)}
POOL_X, POOL_LABEL, COLUMN, ROW, LANE_PAD = 120.0, 30.0, 150.0, 120.0, 20.0
TAGS = {
    "start": ("startEvent", "event"), "end": ("endEvent", "event"), "user": ("userTask", "task"),
    "service": ("serviceTask", "task"), "call": ("callActivity", "task"), "receive": ("receiveTask", "task"),
    "exclusive": ("exclusiveGateway", "gateway"), "parallel": ("parallelGateway", "gateway"),
    "catch": ("intermediateCatchEvent", "event"), "boundary": ("boundaryEvent", "event"),
}  # fmt: skip


@dataclass
class _Node:
    id: str
    kind: str
    name: str
    lane: str
    col: float
    row: int
    doc: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    timer: str | None = None
    message: str | None = None
    attached_to: str | None = None
    default: str | None = None
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0


@dataclass
class _Flow:
    id: str
    source: str
    target: str
    name: str
    condition: str | None
    route: str = ""  # "hv": across then up/down; "vh": up/down then across; "": automatic


class ProcessBuilder:
    def __init__(self, process_id: str, name: str, lanes: dict[str, int], documentation: str = "") -> None:
        self.process_id, self.name, self.documentation = process_id, name, documentation
        self.lanes = lanes  # lane name -> number of rows
        self.nodes: dict[str, _Node] = {}
        self.flows: list[_Flow] = []

    def node(
        self, kind: str, node_id: str, name: str, lane: str, col: float, row: int = 0, **kw: str
    ) -> None:
        node = _Node(node_id, kind, name, lane, col, row, doc=kw.pop("doc", ""))
        node.timer, node.message = kw.pop("timer", None), kw.pop("message", None)
        node.attached_to = kw.pop("attached_to", None)
        node.attrs = kw
        self.nodes[node_id] = node

    def boundary(self, node_id: str, name: str, attached_to: str, *, timer: str = "", message: str = "",
                 interrupting: bool = True, slot: int = 0) -> None:  # fmt: skip
        host = self.nodes[attached_to]
        self.node("boundary", node_id, name, host.lane, host.col + 0.1 + 0.3 * slot, host.row,
                  attached_to=attached_to, **({"timer": timer} if timer else {"message": message}))  # fmt: skip
        if not interrupting:
            self.nodes[node_id].attrs["cancelActivity"] = "false"

    def flow(self, source: str, target: str, name: str = "", condition: str | None = None,
             default: bool = False, route: str = "") -> None:  # fmt: skip
        flow_id = f"Flow_{source}_{target}"
        self.flows.append(_Flow(flow_id, source, target, name, condition, route))
        if default:
            self.nodes[source].default = flow_id

    def _layout(self) -> tuple[dict[str, tuple[float, float]], float, float]:
        lane_boxes, top = {}, 80.0
        for lane, rows in self.lanes.items():
            height = LANE_PAD * 2 + rows * ROW
            lane_boxes[lane] = (top, height)
            top += height
        for node in self.nodes.values():
            w, h = SIZES[TAGS[node.kind][1]]
            lane_top = lane_boxes[node.lane][0]
            cx = POOL_X + POOL_LABEL + 80 + node.col * COLUMN
            cy = lane_top + LANE_PAD + node.row * ROW + ROW / 2
            node.w, node.h, node.x, node.y = w, h, cx - w / 2, cy - h / 2
            if node.attached_to:
                host = self.nodes[node.attached_to]
                node.y = host.y + host.h - h / 2
        width = max(n.x + n.w for n in self.nodes.values()) + 80 - POOL_X
        return lane_boxes, width, top - 80.0

    def _waypoints(self, flow: _Flow) -> list[tuple[float, float]]:
        s, t = self.nodes[flow.source], self.nodes[flow.target]
        scx, scy, tcx, tcy = s.x + s.w / 2, s.y + s.h / 2, t.x + t.w / 2, t.y + t.h / 2
        if flow.route == "hv":
            return [
                (s.x + s.w if tcx > scx else s.x, scy),
                (tcx, scy),
                (tcx, t.y if tcy > scy else t.y + t.h),
            ]
        if flow.route == "vh":
            return [
                (scx, s.y + s.h if tcy > scy else s.y),
                (scx, tcy),
                (t.x if tcx > scx else t.x + t.w, tcy),
            ]
        if s.attached_to:
            start = (scx, s.y + s.h)
            if abs(scx - tcx) < t.w / 2:
                return [start, (scx, t.y if tcy > scy else t.y + t.h)]
            return [start, (scx, tcy), (t.x if tcx > scx else t.x + t.w, tcy)]
        if tcx > scx + 1:
            if abs(scy - tcy) < 1:
                return [(s.x + s.w, scy), (t.x, tcy)]
            if s.kind in ("exclusive", "parallel"):
                return [(scx, s.y if tcy < scy else s.y + s.h), (scx, tcy), (t.x, tcy)]
            mid = (s.x + s.w + t.x) / 2
            return [(s.x + s.w, scy), (mid, scy), (mid, tcy), (t.x, tcy)]
        if abs(scx - tcx) < 1:
            return [(scx, s.y + s.h), (tcx, t.y)] if tcy > scy else [(scx, s.y), (tcx, t.y + t.h)]
        if abs(scy - tcy) < 1:
            return [(s.x, scy), (t.x + t.w, tcy)]
        below = max(s.y + s.h, t.y + t.h) + 25  # loops back go round underneath
        return [(scx, s.y + s.h), (scx, below), (tcx, below), (tcx, t.y + t.h)]

    def to_xml(self) -> bytes:
        lanes, width, height = self._layout()
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
            'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
            'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
            f'id="Definitions_{self.process_id}" targetNamespace="https://nutag.mn/bpmn" '
            'exporter="Nutag builder" exporterVersion="1">',
            f'  <bpmn:collaboration id="Collaboration_{self.process_id}">',
            f'    <bpmn:participant id="Pool_{self.process_id}" name={quoteattr(self.name)} '
            f'processRef="{self.process_id}" />',
            "  </bpmn:collaboration>",
        ]
        for message in sorted({n.message for n in self.nodes.values() if n.message}):
            out.append(f'  <bpmn:message id="Message_{message}" name="{message}" />')
        out.append(f'  <bpmn:process id="{self.process_id}" name={quoteattr(self.name)} isExecutable="true">')
        if self.documentation:
            out.append(f"    <bpmn:documentation>{escape(self.documentation)}</bpmn:documentation>")
        out.append(f'    <bpmn:laneSet id="LaneSet_{self.process_id}">')
        for lane in lanes:
            out.append(f'      <bpmn:lane id="Lane_{lane}" name="{lane}">')
            out += [
                f"        <bpmn:flowNodeRef>{n.id}</bpmn:flowNodeRef>"
                for n in self.nodes.values()
                if n.lane == lane
            ]
            out.append("      </bpmn:lane>")
        out.append("    </bpmn:laneSet>")
        for node in self.nodes.values():
            out += self._node_xml(node)
        for flow in self.flows:
            attrs = f" name={quoteattr(flow.name)}" if flow.name else ""
            head = f'    <bpmn:sequenceFlow id="{flow.id}"{attrs} sourceRef="{flow.source}" targetRef="{flow.target}"'
            if flow.condition is None:
                out.append(head + " />")
            else:
                out += [head + ">", '      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" '
                        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                        f"{escape(flow.condition)}</bpmn:conditionExpression>", "    </bpmn:sequenceFlow>"]  # fmt: skip
        out += ["  </bpmn:process>", '  <bpmndi:BPMNDiagram id="Diagram_1">',
                f'    <bpmndi:BPMNPlane id="Plane_1" bpmnElement="Collaboration_{self.process_id}">',
                f'      <bpmndi:BPMNShape id="Pool_{self.process_id}_di" bpmnElement="Pool_{self.process_id}" '
                f'isHorizontal="true">{_bounds(POOL_X, 80, width, height)}</bpmndi:BPMNShape>']  # fmt: skip
        for lane, (top, lane_height) in lanes.items():
            out.append(f'      <bpmndi:BPMNShape id="Lane_{lane}_di" bpmnElement="Lane_{lane}" isHorizontal="true">'
                       f"{_bounds(POOL_X + POOL_LABEL, top, width - POOL_LABEL, lane_height)}</bpmndi:BPMNShape>")  # fmt: skip
        for node in self.nodes.values():
            label = ""
            if TAGS[node.kind][1] != "task" and node.name:
                x, y = node.x + node.w / 2 - 50, node.y + node.h + 4
                if node.attached_to:  # beside the event, away from the flow that leaves its bottom
                    left = (
                        node.x + node.w / 2
                        < self.nodes[node.attached_to].x + self.nodes[node.attached_to].w / 2 + 20
                    )
                    x, y = (node.x - 92 if left else node.x + node.w + 4), node.y + node.h - 6
                label = f"<bpmndi:BPMNLabel>{_bounds(x, y, 88 if node.attached_to else 100, 27)}</bpmndi:BPMNLabel>"
            out.append(f'      <bpmndi:BPMNShape id="{node.id}_di" bpmnElement="{node.id}">'
                       f"{_bounds(node.x, node.y, node.w, node.h)}{label}</bpmndi:BPMNShape>")  # fmt: skip
        for flow in self.flows:
            points = self._waypoints(flow)
            waypoints = "".join(f'<di:waypoint x="{x:g}" y="{y:g}" />' for x, y in points)
            label = ""
            if flow.name:
                (x1, y1), (x2, y2) = max(
                    itertools.pairwise(points), key=lambda s: abs(s[1][0] - s[0][0]) + abs(s[1][1] - s[0][1])
                )
                label = f"<bpmndi:BPMNLabel>{_bounds((x1 + x2) / 2 + 4, (y1 + y2) / 2 - 18, 70, 14)}</bpmndi:BPMNLabel>"
            out.append(f'      <bpmndi:BPMNEdge id="{flow.id}_di" bpmnElement="{flow.id}">{waypoints}{label}'
                       "</bpmndi:BPMNEdge>")  # fmt: skip
        out += ["    </bpmndi:BPMNPlane>", "  </bpmndi:BPMNDiagram>", "</bpmn:definitions>", ""]
        return "\n".join(out).encode("utf-8")

    def _node_xml(self, node: _Node) -> list[str]:
        tag = TAGS[node.kind][0]
        attrs = "".join(f" {key}={quoteattr(value)}" for key, value in node.attrs.items())
        if node.attached_to:
            attrs += f' attachedToRef="{node.attached_to}"'
        if node.default:
            attrs += f' default="{node.default}"'
        if node.kind == "receive" and node.message:
            attrs += f' messageRef="Message_{node.message}"'
        body = [f"      <bpmn:documentation>{escape(node.doc)}</bpmn:documentation>"] if node.doc else []
        body += [f"      <bpmn:incoming>{f.id}</bpmn:incoming>" for f in self.flows if f.target == node.id]
        body += [f"      <bpmn:outgoing>{f.id}</bpmn:outgoing>" for f in self.flows if f.source == node.id]
        if node.timer:
            kind = "timeDate" if node.timer[:1].isdigit() else "timeDuration"
            body += [f'      <bpmn:timerEventDefinition id="{node.id}_timer">',
                     f'        <bpmn:{kind} xsi:type="bpmn:tFormalExpression" '
                     f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{escape(node.timer)}</bpmn:{kind}>',
                     "      </bpmn:timerEventDefinition>"]  # fmt: skip
        elif node.message and node.kind != "receive":
            body.append(
                f'      <bpmn:messageEventDefinition id="{node.id}_message" messageRef="Message_{node.message}" />'
            )
        head = f'    <bpmn:{tag} id="{node.id}" name={quoteattr(node.name)}{attrs}'
        return [head + ">", *body, f"    </bpmn:{tag}>"] if body else [head + " />"]


def _bounds(x: float, y: float, w: float, h: float) -> str:
    return f'<dc:Bounds x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" />'
