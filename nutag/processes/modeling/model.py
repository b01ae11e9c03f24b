"""Nutag's own picture of a BPMN file: what the checks, the drawing and the comparison work on."""

from __future__ import annotations

from dataclasses import dataclass, field

STAFF_ROLE_CODES: frozenset[str] = frozenset(
    {"operator", "officer", "supervisor", "org_admin", "designer", "analyst", "trainer", "platform_admin"}
)

SERVICE_TASK_KINDS: dict[str, str] = {
    "issue-result": "Issue the result document",
    "request-fee": "Ask the applicant to pay the fee",
    "notify-applicant": "Send the applicant a notification",
    "return-for-correction": "Return the request to the applicant for correction",
    "notify-staff": "Remind the staff who hold the request (reminders and escalations)",
}

TASK_KINDS = frozenset(
    {"task", "userTask", "serviceTask", "scriptTask", "manualTask", "sendTask", "receiveTask",
     "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess"}
)  # fmt: skip
EVENT_KINDS = frozenset(
    {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
)
GATEWAY_KINDS = frozenset(
    {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"}
)


def role_for_lane(lane_name: str, known_roles: frozenset[str] = STAFF_ROLE_CODES) -> str | None:
    """The staff role a lane names: 'Officer', 'officer' and 'Org admin' name officer and org_admin."""
    code = "_".join(lane_name.strip().lower().replace("-", " ").split())
    return code if code in known_roles else None


@dataclass
class Timer:
    kind: str  # 'duration', 'date' or 'cycle'
    text: str


@dataclass
class Node:
    id: str
    kind: str  # the BPMN element's local name, e.g. 'userTask'
    name: str
    process_id: str
    lane: str | None = None
    documentation: str = ""
    event_kind: str | None = None  # 'timer', 'message', 'signal', ... for events
    timer: Timer | None = None
    message: str | None = None
    attached_to: str | None = None
    cancel_activity: bool = True
    service_kind: str | None = None
    called_element: str | None = None
    default_flow: str | None = None
    features: list[str] = field(default_factory=list)  # things the checks may refuse, e.g. 'script'
    parent_id: str | None = None  # the embedded sub-process holding this node, if any

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass
class Flow:
    id: str
    name: str
    source: str
    target: str
    process_id: str
    condition: str | None = None
    is_default: bool = False


@dataclass
class Lane:
    id: str
    name: str
    process_id: str
    node_ids: list[str] = field(default_factory=list)


@dataclass
class Process:
    id: str
    name: str
    is_executable: bool | None
    lanes: list[Lane] = field(default_factory=list)
    node_ids: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)


@dataclass
class Bounds:
    x: float
    y: float
    width: float
    height: float


@dataclass
class Shape:
    element_id: str
    bounds: Bounds
    label: Bounds | None = None
    is_horizontal: bool = True
    is_expanded: bool = False


@dataclass
class Edge:
    element_id: str
    waypoints: list[tuple[float, float]]
    label: Bounds | None = None


@dataclass
class Participant:
    id: str
    name: str
    process_id: str | None


@dataclass
class MessageFlow:
    id: str
    name: str
    source: str
    target: str


@dataclass
class Definitions:
    """Everything Nutag reads from one BPMN file."""

    processes: dict[str, Process] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    flows: dict[str, Flow] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    message_flows: list[MessageFlow] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)  # message id -> name
    shapes: dict[str, Shape] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    exporter: str = ""

    @property
    def has_diagram(self) -> bool:
        return bool(self.shapes)

    def main_process(self) -> Process | None:
        """The process Nutag runs: the first executable one, else the first one."""
        for process in self.processes.values():
            if process.is_executable:
                return process
        return next(iter(self.processes.values()), None)

    def lane_of(self, node_id: str) -> Lane | None:
        node = self.nodes.get(node_id)
        if node is None:
            return None
        for lane in self.processes[node.process_id].lanes if node.process_id in self.processes else []:
            if lane.name == node.lane:
                return lane
        return None

    def outgoing(self, node_id: str) -> list[Flow]:
        return [flow for flow in self.flows.values() if flow.source == node_id]

    def incoming(self, node_id: str) -> list[Flow]:
        return [flow for flow in self.flows.values() if flow.target == node_id]

    def boundary_events(self, node_id: str) -> list[Node]:
        return [node for node in self.nodes.values() if node.attached_to == node_id]
