"""Draw a model as SVG on the server, from the diagram information in its BPMN file (no JavaScript).

Black on white so that it prints; every element carries a ``<title>`` for screen readers. Highlights mark
elements as added, removed, changed (comparisons) or current (where a request is), each with its own colour
AND a dash pattern and a text badge, explained in a legend. All text from the model is escaped.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import replace
from xml.sax.saxutils import escape, quoteattr

from .model import EVENT_KINDS, GATEWAY_KINDS, Bounds, Definitions, Edge, Node, Shape

HIGHLIGHTS = {  # colour, dash pattern, badge, legend text
    "added": ("#1a7f37", "none", "+ added", "Added in the variant (green, solid, badge “+ added”)"),
    "removed": (
        "#cf222e",
        "8 4",
        "− removed",
        "Removed in the variant (red, long dashes, badge “− removed”)",
    ),
    "changed": ("#9a6700", "2 3", "~ changed", "Changed in the variant (amber, dotted, badge “~ changed”)"),
    "current": ("#0550ae", "none", "▶ here", "Where the request is now (blue, thick, badge “▶ here”)"),
}
KIND_WORDS = {
    "userTask": "User task", "serviceTask": "Service task", "callActivity": "Call activity",
    "receiveTask": "Receive task", "scriptTask": "Script task", "startEvent": "Start event",
    "endEvent": "End event", "intermediateCatchEvent": "Intermediate event", "boundaryEvent": "Boundary event",
    "exclusiveGateway": "Exclusive gateway", "parallelGateway": "Parallel gateway",
}  # fmt: skip
SIZES = {"task": (100.0, 80.0), "event": (36.0, 36.0), "gateway": (50.0, 50.0)}
FONT = 'font-family="Arial, Helvetica, sans-serif"'


def _esc(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _wrap(text: str, width: float, max_lines: int, char_width: float = 6.2) -> list[str]:
    per_line = max(int(width / char_width), 4)
    lines: list[str] = []
    for word in text.split():
        while len(word) > per_line:
            lines.append(word[:per_line])
            word = word[per_line:]
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: per_line - 1] + "…"
    return lines


def _text(lines: list[str], cx: float, cy: float, size: int = 12, anchor: str = "middle") -> str:
    if not lines:
        return ""
    top = cy - (len(lines) - 1) * (size + 2) / 2
    spans = "".join(
        f'<tspan x="{cx:.1f}" y="{top + i * (size + 2):.1f}">{_esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text {FONT} font-size="{size}" text-anchor="{anchor}" dominant-baseline="middle">{spans}</text>'


def auto_layout(definitions: Definitions) -> Definitions:
    """Place the elements left to right by distance from the start, for files without diagram information."""
    process = definitions.main_process()
    nodes = [
        definitions.nodes[n]
        for n in (process.node_ids if process else [])
        if definitions.nodes[n].parent_id is None
    ]
    rank: dict[str, int] = {}
    queue = deque(n.id for n in nodes if n.kind == "startEvent" or not definitions.incoming(n.id))
    for node_id in queue:
        rank[node_id] = 0
    while queue:
        current = queue.popleft()
        for flow in definitions.outgoing(current):
            if flow.target not in rank and flow.target in definitions.nodes:
                rank[flow.target] = rank[current] + 1
                queue.append(flow.target)
    shapes: dict[str, Shape] = {}
    rows: dict[int, int] = {}
    for node in nodes:
        if node.kind == "boundaryEvent":
            continue
        column = rank.get(node.id, max(rank.values(), default=0) + 1)
        row = rows[column] = rows.get(column, -1) + 1
        w, h = SIZES[_family(node)]
        shapes[node.id] = Shape(
            node.id, Bounds(60 + column * 160 + (100 - w) / 2, 60 + row * 130 + (80 - h) / 2, w, h)
        )
    for node in nodes:
        host = shapes.get(node.attached_to or "")
        if node.kind == "boundaryEvent" and host is not None:
            shapes[node.id] = Shape(
                node.id, Bounds(host.bounds.x + host.bounds.width - 30, host.bounds.y + 62, 36, 36)
            )
    edges = {}
    for flow in definitions.flows.values():
        a, b = shapes.get(flow.source), shapes.get(flow.target)
        if a and b:
            edges[flow.id] = Edge(flow.id, [(a.bounds.x + a.bounds.width, a.bounds.y + a.bounds.height / 2),
                                            (b.bounds.x, b.bounds.y + b.bounds.height / 2)])  # fmt: skip
    return replace(definitions, shapes=shapes, edges=edges)


def _family(node: Node) -> str:
    if node.kind in EVENT_KINDS:
        return "event"
    return "gateway" if node.kind in GATEWAY_KINDS else "task"


def draw_svg(
    definitions: Definitions,
    highlight: dict[str, str] | None = None,
    title: str | None = None,
    ghosts: Definitions | None = None,
) -> str:
    """The model as an SVG document. ``ghosts`` are elements of another model drawn as removed."""
    highlight = dict(highlight or {})
    note = ""
    if not definitions.has_diagram:
        definitions = auto_layout(definitions)
        note = "Laid out automatically: the file has no diagram information."
    process = definitions.main_process()
    title = title or (process.name if process and process.name else "Process model")
    parts: list[str] = []
    for participant in definitions.participants:
        if participant.id in definitions.shapes:
            parts.append(_pool(definitions.shapes[participant.id], participant.name, "Pool"))
    for process_ in definitions.processes.values():
        for lane in process_.lanes:
            if lane.id in definitions.shapes:
                parts.append(_pool(definitions.shapes[lane.id], lane.name, "Lane"))
    sources = [(definitions, False)] + ([(ghosts, True)] if ghosts is not None else [])
    for source, ghost in sources:
        for flow in source.flows.values():
            edge = source.edges.get(flow.id)
            if edge and len(edge.waypoints) >= 2 and (not ghost or flow.id not in definitions.flows):
                kind = "removed" if ghost else highlight.get(flow.id)
                label = flow.name or (flow.condition or "")
                parts.append(_flow(edge, label, flow.is_default, kind, source.nodes.get(flow.source)))
    for source, ghost in sources:
        for node in source.nodes.values():
            shape = source.shapes.get(node.id)
            if shape is not None and (not ghost or node.id not in definitions.nodes):
                parts.append(_node(node, shape, "removed" if ghost else highlight.get(node.id)))
    for message_flow in definitions.message_flows:
        edge = definitions.edges.get(message_flow.id)
        if edge and len(edge.waypoints) >= 2:
            parts.append(_message_flow(edge, message_flow.name))
    used = sorted({*highlight.values(), *(["removed"] if ghosts is not None else [])} & set(HIGHLIGHTS))
    return _document(parts, title, note, used, definitions, ghosts)


def _extent(definitions: Definitions, ghosts: Definitions | None) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for source in (definitions, ghosts):
        if source is None:
            continue
        for shape in source.shapes.values():
            for box in (shape.bounds, shape.label):
                if box is not None:
                    xs += [box.x, box.x + box.width]
                    ys += [box.y, box.y + box.height]
        for edge in source.edges.values():
            xs += [p[0] for p in edge.waypoints]
            ys += [p[1] for p in edge.waypoints]
    if not xs:
        return 0, 0, 400, 100
    return min(xs) - 20, min(ys) - 20, max(xs) + 20, max(ys) + 30


def _document(parts: list[str], title: str, note: str, used: list[str], definitions: Definitions,
              ghosts: Definitions | None) -> str:  # fmt: skip
    x0, y0, x1, y1 = _extent(definitions, ghosts)
    extra = ([_text([note], x0 + 10, y1 + 10, 12, "start")] if note else []) + _legend(
        used, x0 + 10, y1 + (30 if note else 10)
    )
    height = y1 - y0 + (20 if note else 0) + (22 * (len(used) + 1) if used else 0)
    count = sum(1 for n in definitions.nodes.values() if n.id in definitions.shapes)
    desc = f"BPMN diagram with {count} elements and {len(definitions.flows)} sequence flows." + (
        f" {note}" if note else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} {height:.0f}" '
        f'width="{x1 - x0:.0f}" height="{height:.0f}" role="img" aria-label={quoteattr(title)} class="bpmn-diagram">'
        f"<title>{_esc(title)}</title><desc>{_esc(desc)}</desc>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" '
        'markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker>'
        '<marker id="open-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" '
        'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#fff" stroke="#222"/></marker></defs>'
        f'<rect x="{x0:.0f}" y="{y0:.0f}" width="{x1 - x0:.0f}" height="{height:.0f}" fill="#fff"/>'
        + "".join(parts) + "".join(extra) + "</svg>"
    )  # fmt: skip


def _legend(used: list[str], x: float, y: float) -> list[str]:
    if not used:
        return []
    items = [_text(["Legend"], x, y, 12, "start")]
    for i, kind in enumerate(used):
        colour, dash, badge, words = HIGHLIGHTS[kind]
        top = y + 18 + i * 22
        items.append(f'<rect x="{x:.0f}" y="{top - 8:.0f}" width="40" height="16" fill="none" stroke="{colour}" '
                     f'stroke-width="3" stroke-dasharray="{dash}"/>')  # fmt: skip
        items.append(_text([f"{badge} — {words}"], x + 50, top, 12, "start"))
    return items


def _pool(shape: Shape, name: str, word: str) -> str:
    b = shape.bounds
    band_x = b.x + 15
    label = (f'<text {FONT} font-size="12" text-anchor="middle" dominant-baseline="middle" '
             f'transform="rotate(-90 {band_x:.1f} {b.y + b.height / 2:.1f})" x="{band_x:.1f}" '
             f'y="{b.y + b.height / 2:.1f}">{_esc(name)}</text>') if name else ""  # fmt: skip
    return (f'<g class="{word.lower()}"><title>{word}: {_esc(name)}</title>'
            f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.width:.1f}" height="{b.height:.1f}" fill="none" stroke="#555"/>'
            f'<line x1="{b.x + 30:.1f}" y1="{b.y:.1f}" x2="{b.x + 30:.1f}" y2="{b.y + b.height:.1f}" stroke="#555"/>'
            f"{label}</g>")  # fmt: skip


def _style(kind: str | None, base_width: float) -> tuple[str, str]:
    if kind in HIGHLIGHTS:
        colour, dash, _, _ = HIGHLIGHTS[kind]
        return colour, f'stroke="{colour}" stroke-width="{base_width + 2:.1f}" stroke-dasharray="{dash}"'
    return "#222", f'stroke="#222" stroke-width="{base_width:.1f}"'


def _badge(kind: str | None, x: float, y: float) -> str:
    if kind not in HIGHLIGHTS:
        return ""
    colour, _, badge, _ = HIGHLIGHTS[kind]
    return (f'<rect x="{x:.1f}" y="{y - 16:.1f}" width="{len(badge) * 7 + 8}" height="15" rx="3" fill="{colour}"/>'
            f'<text {FONT} font-size="11" fill="#fff" x="{x + 4:.1f}" y="{y - 5:.1f}">{_esc(badge)}</text>')  # fmt: skip


def _node(node: Node, shape: Shape, kind: str | None) -> str:
    b, family = shape.bounds, _family(node)
    colour, style = _style(kind, 1.5)
    words = KIND_WORDS.get(node.kind, node.kind)
    lane = f", lane {node.lane}" if node.lane else ""
    state = f" ({kind})" if kind else ""
    body = f"<title>{_esc(words)}: {_esc(node.label)}{_esc(lane)}{state}</title>"
    cx, cy = b.x + b.width / 2, b.y + b.height / 2
    if family == "task":
        width = 4.0 if node.kind == "callActivity" else 1.5
        _, style = _style(kind, width)
        body += (f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.width:.1f}" height="{b.height:.1f}" rx="10" '
                 f'fill="#fff" {style}/>{_task_marker(node, b)}')  # fmt: skip
        lines = _wrap(node.name, b.width - 12, max(int((b.height - 16) / 13), 1))
        body += _text(lines, cx, cy + 5, 12 if len(lines) <= 3 else 10)
    elif family == "event":
        r = min(b.width, b.height) / 2
        width = {"startEvent": 1.5, "endEvent": 4.0}.get(node.kind, 1.5)
        _, style = _style(kind, width)
        non_interrupting = node.kind == "boundaryEvent" and not node.cancel_activity
        dash = ' stroke-dasharray="5 3"' if non_interrupting and kind not in HIGHLIGHTS else ""
        body += f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="#fff" {style}{dash}/>'
        if node.kind in ("intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"):
            body += (
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r - 3:.1f}" fill="none" stroke="{colour}"{dash}/>'
            )
        body += _event_marker(node, cx, cy, r)
    else:
        _, style = _style(kind, 1.5)
        points = f"{cx:.1f},{b.y:.1f} {b.x + b.width:.1f},{cy:.1f} {cx:.1f},{b.y + b.height:.1f} {b.x:.1f},{cy:.1f}"
        body += f'<polygon points="{points}" fill="#fff" {style}/>' + _gateway_marker(
            node, cx, cy, b.width / 4
        )
    if family != "task" and node.name:
        label = shape.label or Bounds(cx - 50, b.y + b.height + 4, 100, 28)
        lines = _wrap(node.name, max(label.width, 90), 3)
        body += _text(lines, label.x + label.width / 2, label.y + 7 + (len(lines) - 1) * 7, 11)
    return (
        f'<g class="bpmn-{node.kind}" data-element-id={quoteattr(node.id)}>{body}{_badge(kind, b.x, b.y)}</g>'
    )


def _task_marker(node: Node, b: Bounds) -> str:
    x, y = b.x + 8, b.y + 8
    if node.kind == "userTask":
        return (f'<circle cx="{x + 7:.1f}" cy="{y + 4:.1f}" r="4" fill="none" stroke="#222"/>'
                f'<path d="M{x:.1f},{y + 16:.1f} q7,-12 14,0 z" fill="none" stroke="#222"/>')  # fmt: skip
    if node.kind == "serviceTask":
        spokes = "".join(
            f'<line x1="{x + 7 + 4 * math.cos(a):.1f}" y1="{y + 7 + 4 * math.sin(a):.1f}" '
            f'x2="{x + 7 + 8 * math.cos(a):.1f}" y2="{y + 7 + 8 * math.sin(a):.1f}" stroke="#222" stroke-width="2"/>'
            for a in (i * math.pi / 4 for i in range(8))
        )
        return spokes + f'<circle cx="{x + 7:.1f}" cy="{y + 7:.1f}" r="5" fill="#fff" stroke="#222"/>'
    if node.kind in ("receiveTask", "sendTask"):
        return _envelope(x + 8, y + 6, 8, node.kind == "sendTask")
    if node.kind == "scriptTask":
        return f'<path d="M{x},{y} h12 l-3,6 l3,6 h-12 l3,-6 z" fill="none" stroke="#222"/>'
    if node.kind == "callActivity":
        px, py = b.x + b.width / 2, b.y + b.height - 9
        return (f'<rect x="{px - 7:.1f}" y="{py - 7:.1f}" width="14" height="14" fill="none" stroke="#222"/>'
                f'<path d="M{px - 4:.1f},{py:.1f} h8 M{px:.1f},{py - 4:.1f} v8" stroke="#222"/>')  # fmt: skip
    return ""


def _envelope(cx: float, cy: float, half: float, filled: bool = False) -> str:
    w, h = half * 2, half * 1.4
    x, y = cx - half, cy - h / 2
    fill = "#222" if filled else "#fff"
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" stroke="#222"/>'
            f'<polyline points="{x:.1f},{y:.1f} {cx:.1f},{y + h / 2:.1f} {x + w:.1f},{y:.1f}" fill="none" '
            f'stroke="{"#fff" if filled else "#222"}"/>')  # fmt: skip


def _event_marker(node: Node, cx: float, cy: float, r: float) -> str:
    if node.event_kind == "timer":
        inner = r * 0.6
        ticks = "".join(
            f'<line x1="{cx + inner * 0.8 * math.cos(a):.1f}" y1="{cy + inner * 0.8 * math.sin(a):.1f}" '
            f'x2="{cx + inner * math.cos(a):.1f}" y2="{cy + inner * math.sin(a):.1f}" stroke="#222"/>'
            for a in (i * math.pi / 6 for i in range(12))
        )
        return (f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{inner:.1f}" fill="#fff" stroke="#222"/>{ticks}'
                f'<path d="M{cx:.1f},{cy - inner * 0.7:.1f} L{cx:.1f},{cy:.1f} L{cx + inner * 0.5:.1f},{cy:.1f}" '
                'fill="none" stroke="#222"/>')  # fmt: skip
    if node.event_kind == "message":
        return _envelope(cx, cy, r * 0.45, node.kind in ("endEvent", "intermediateThrowEvent"))
    if node.event_kind == "terminate":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r * 0.55:.1f}" fill="#222"/>'
    if node.event_kind:
        return _text([node.event_kind[:1].upper()], cx, cy + 1, 12)
    return ""


def _gateway_marker(node: Node, cx: float, cy: float, s: float) -> str:
    if node.kind == "exclusiveGateway":
        return f'<path d="M{cx - s * 0.7:.1f},{cy - s * 0.7:.1f} l{s * 1.4:.1f},{s * 1.4:.1f} m0,{-s * 1.4:.1f} l{-s * 1.4:.1f},{s * 1.4:.1f}" stroke="#222" stroke-width="3"/>'
    if node.kind == "parallelGateway":
        return f'<path d="M{cx - s:.1f},{cy:.1f} h{2 * s:.1f} M{cx:.1f},{cy - s:.1f} v{2 * s:.1f}" stroke="#222" stroke-width="3"/>'
    if node.kind == "inclusiveGateway":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{s * 0.9:.1f}" fill="none" stroke="#222" stroke-width="2.5"/>'
    if node.kind in ("eventBasedGateway", "complexGateway"):
        return _text(["*" if node.kind == "complexGateway" else "E"], cx, cy + 1, 14)
    return ""


def _flow(edge: Edge, label: str, is_default: bool, kind: str | None, source: Node | None) -> str:
    _, style = _style(kind, 1.2)
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in edge.waypoints)
    body = f"<title>Flow{': ' + _esc(label) if label else ''}{f' ({kind})' if kind else ''}</title>"
    body += f'<polyline points="{points}" fill="none" {style} marker-end="url(#arrow)"/>'
    (x1, y1), (x2, y2) = edge.waypoints[0], edge.waypoints[1]
    if is_default:
        length = math.hypot(x2 - x1, y2 - y1) or 1
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        mx, my = x1 + ux * 10, y1 + uy * 10
        body += f'<line x1="{mx - 5 * uy - 4 * ux:.1f}" y1="{my + 5 * ux - 4 * uy:.1f}" x2="{mx + 5 * uy + 4 * ux:.1f}" y2="{my - 5 * ux + 4 * uy:.1f}" stroke="#222"/>'
    if label:
        if edge.label is not None:
            lx, ly, width = (
                edge.label.x + edge.label.width / 2,
                edge.label.y + edge.label.height / 2,
                max(edge.label.width, 80),
            )
        else:
            middle = len(edge.waypoints) // 2
            (ax, ay), (bx, by) = edge.waypoints[middle - 1], edge.waypoints[middle]
            lx, ly, width = (ax + bx) / 2, (ay + by) / 2 - 8, 110.0
        body += _text(_wrap(label, width, 3), lx, ly, 11)
    return f'<g class="bpmn-sequenceFlow">{body}</g>'


def _message_flow(edge: Edge, name: str) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in edge.waypoints)
    (x0, y0) = edge.waypoints[0]
    return (f'<g class="bpmn-messageFlow"><title>Message flow: {_esc(name)}</title>'
            f'<circle cx="{x0:.1f}" cy="{y0:.1f}" r="3" fill="#fff" stroke="#222"/>'
            f'<polyline points="{points}" fill="none" stroke="#222" stroke-dasharray="8 4" marker-end="url(#open-arrow)"/>'
            f"{_text(_wrap(name, 100, 2), *edge.waypoints[len(edge.waypoints) // 2], 11) if name else ''}</g>")  # fmt: skip
