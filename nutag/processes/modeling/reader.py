"""Read a BPMN 2.0 file (from Camunda Modeler, bpmn.io, Bizagi, ...) into Nutag's model.

Malformed XML and files that are not BPMN 2.0 raise :class:`BpmnFileError` with a message for people. Any
well-formed BPMN 2.0 file is read, whatever it contains: judging it is the job of :mod:`.checks`.
"""

from __future__ import annotations

from lxml import etree

from .model import (
    Bounds,
    Definitions,
    Edge,
    Flow,
    Lane,
    MessageFlow,
    Node,
    Participant,
    Process,
    Shape,
    Timer,
)

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
MAX_FILE_BYTES = 5_000_000

FLOW_NODE_TAGS = frozenset(
    {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
     "task", "userTask", "serviceTask", "scriptTask", "manualTask", "sendTask", "receiveTask",
     "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess",
     "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"}
)  # fmt: skip
CONTAINER_TAGS = frozenset({"subProcess", "transaction", "adHocSubProcess"})
CODE_ATTRIBUTES = ("class", "delegateExpression", "expression", "resultVariable")


class BpmnFileError(Exception):
    """The file is not well-formed XML or not a BPMN 2.0 file; the message says so in plain words."""


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network: uploaded files are untrusted (XXE, billion laughs).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )


def parse_xml(xml: bytes) -> etree._ElementTree:
    """Parse and check that this is BPMN 2.0; raise BpmnFileError otherwise."""
    if not isinstance(xml, (bytes, bytearray)):
        raise BpmnFileError("The file must be given as bytes.")
    if len(xml) > MAX_FILE_BYTES:
        raise BpmnFileError(f"The file is larger than {MAX_FILE_BYTES // 1_000_000} MB.")
    if not xml.strip():
        raise BpmnFileError("The file is empty.")
    try:
        tree = etree.ElementTree(etree.fromstring(bytes(xml), parser=_parser()))
    except etree.XMLSyntaxError as error:
        raise BpmnFileError(f"The file is not well-formed XML ({error.msg or 'syntax error'}).") from None
    except (ValueError, etree.LxmlError) as error:
        raise BpmnFileError(f"The file could not be read as XML ({error}).") from None
    if tree.docinfo.internalDTD is not None:
        raise BpmnFileError("The file declares a DTD (<!DOCTYPE ...>); BPMN files never need one.")
    root = tree.getroot()
    if not isinstance(root.tag, str) or etree.QName(root).namespace != BPMN:
        raise BpmnFileError(
            "The file is XML but not a BPMN 2.0 model: its root element must be <definitions> "
            f"in the namespace {BPMN}."
        )
    if etree.QName(root).localname != "definitions":
        raise BpmnFileError("The file is BPMN but its root element is not <definitions>.")
    return tree


def export_bpmn(xml: bytes) -> bytes:
    """Serialise a stored model back to BPMN XML, with every element and the diagram layout."""
    exported: bytes = etree.tostring(parse_xml(xml), xml_declaration=True, encoding="UTF-8")
    return exported


def read_bpmn(xml: bytes) -> Definitions:
    """Read a BPMN 2.0 file into Nutag's model. Raises BpmnFileError only."""
    root = parse_xml(xml).getroot()
    definitions = Definitions(exporter=root.get("exporter") or "")
    for message in _children(root, "message"):
        definitions.messages[message.get("id") or ""] = message.get("name") or message.get("id") or ""
    for collaboration in _children(root, "collaboration"):
        for participant in _children(collaboration, "participant"):
            definitions.participants.append(
                Participant(
                    participant.get("id") or "", participant.get("name") or "", participant.get("processRef")
                )
            )
        for flow in _children(collaboration, "messageFlow"):
            definitions.message_flows.append(
                MessageFlow(flow.get("id") or "", flow.get("name") or "", flow.get("sourceRef") or "",
                            flow.get("targetRef") or "")
            )  # fmt: skip
    for element in _children(root, "process"):
        _read_process(element, definitions)
    _read_diagram(root, definitions)
    return definitions


def _children(element: etree._Element, localname: str, ns: str = BPMN) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str) and child.tag == f"{{{ns}}}{localname}"]


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _read_process(element: etree._Element, definitions: Definitions) -> None:
    process_id = element.get("id") or f"process_{len(definitions.processes) + 1}"
    executable = element.get("isExecutable")
    process = Process(
        id=process_id,
        name=element.get("name") or "",
        is_executable=None if executable is None else executable.strip().lower() == "true",
        features=_extension_features(element),
    )
    definitions.processes[process_id] = process
    lanes_of: dict[str, str] = {}
    for lane_set in _children(element, "laneSet"):
        _read_lanes(lane_set, process, lanes_of)
    _read_flow_elements(element, process, definitions, lanes_of, parent_id=None)


def _read_lanes(lane_set: etree._Element, process: Process, lanes_of: dict[str, str]) -> None:
    for lane_element in _children(lane_set, "lane"):
        lane = Lane(
            id=lane_element.get("id") or "", name=lane_element.get("name") or "", process_id=process.id
        )
        lane.node_ids = [_text(ref) for ref in _children(lane_element, "flowNodeRef")]
        process.lanes.append(lane)
        for node_id in lane.node_ids:
            lanes_of[node_id] = lane.name
        for child_set in _children(lane_element, "childLaneSet"):
            _read_lanes(child_set, process, lanes_of)  # nested lanes win: they are read later


def _read_flow_elements(
    container: etree._Element,
    process: Process,
    definitions: Definitions,
    lanes_of: dict[str, str],
    parent_id: str | None,
) -> None:
    for child in container:
        if not isinstance(child.tag, str) or etree.QName(child).namespace != BPMN:
            continue
        tag = _local(child)
        if tag == "sequenceFlow":
            condition = child.find(f"{{{BPMN}}}conditionExpression")
            definitions.flows[child.get("id") or ""] = Flow(
                id=child.get("id") or "",
                name=child.get("name") or "",
                source=child.get("sourceRef") or "",
                target=child.get("targetRef") or "",
                process_id=process.id,
                condition=_text(condition) if condition is not None else None,
            )
        elif tag in FLOW_NODE_TAGS:
            node = _read_node(child, tag, process.id, definitions)
            node.lane = lanes_of.get(node.id)
            node.parent_id = parent_id
            definitions.nodes[node.id] = node
            process.node_ids.append(node.id)
            if tag in CONTAINER_TAGS:
                _read_flow_elements(child, process, definitions, lanes_of, parent_id=node.id)
    for node_id in process.node_ids:
        node = definitions.nodes[node_id]
        if node.default_flow and node.default_flow in definitions.flows:
            definitions.flows[node.default_flow].is_default = True


def _read_node(element: etree._Element, tag: str, process_id: str, definitions: Definitions) -> Node:
    node = Node(
        id=element.get("id") or f"{tag}_{len(definitions.nodes) + 1}",
        kind=tag,
        name=" ".join((element.get("name") or "").split()),
        process_id=process_id,
        documentation=_text(element.find(f"{{{BPMN}}}documentation")),
        attached_to=element.get("attachedToRef"),
        cancel_activity=(element.get("cancelActivity") or "true").strip().lower() != "false",
        called_element=element.get("calledElement"),
        default_flow=element.get("default"),
        features=_extension_features(element),
    )
    definitions_found = [c for c in element if _local(c).endswith("EventDefinition")]
    definitions_found += [c for c in element if _local(c) == "eventDefinitionRef"]
    if len(definitions_found) > 1:
        node.features.append("multiple-events")
    if definitions_found:
        first = definitions_found[0]
        node.event_kind = _local(first).removesuffix("EventDefinition") or "reference"
        if node.event_kind == "timer":
            node.timer = _read_timer(first)
        elif node.event_kind == "message":
            node.message = definitions.messages.get(first.get("messageRef") or "", first.get("messageRef"))
    if tag in ("receiveTask", "sendTask") and element.get("messageRef"):
        node.message = definitions.messages.get(element.get("messageRef") or "", element.get("messageRef"))
    if tag == "serviceTask" or tag == "sendTask":
        node.service_kind = _service_kind(element)
    for loop in ("multiInstanceLoopCharacteristics", "standardLoopCharacteristics"):
        if element.find(f"{{{BPMN}}}{loop}") is not None:
            node.features.append("multi-instance" if loop.startswith("multi") else "loop")
    if tag == "subProcess" and (element.get("triggeredByEvent") or "").lower() == "true":
        node.features.append("event-subprocess")
    return node


def _read_timer(definition: etree._Element) -> Timer | None:
    for kind, localname in (("duration", "timeDuration"), ("date", "timeDate"), ("cycle", "timeCycle")):
        element = definition.find(f"{{{BPMN}}}{localname}")
        if element is not None:
            return Timer(kind=kind, text=_text(element))
    return None


def _service_kind(element: etree._Element) -> str | None:
    implementation = (element.get("implementation") or "").strip()
    if implementation.lower().startswith("nutag:"):
        return implementation[len("nutag:") :].strip().lower()
    if element.get(f"{{{CAMUNDA}}}type") == "external" and element.get(f"{{{CAMUNDA}}}topic"):
        return (element.get(f"{{{CAMUNDA}}}topic") or "").strip().lower()
    for definition in element.iter(f"{{{ZEEBE}}}taskDefinition"):
        return (definition.get("type") or "").strip().lower() or None
    return None


def _extension_features(element: etree._Element) -> list[str]:
    """What in an element would run code or call out: refused by the checks."""
    features = []
    if any(element.get(f"{{{CAMUNDA}}}{name}") for name in CODE_ATTRIBUTES):
        features.append("code-reference")
    extensions = element.find(f"{{{BPMN}}}extensionElements")
    if extensions is not None:
        for child in extensions.iter():
            name, namespace = (
                _local(child),
                etree.QName(child).namespace if isinstance(child.tag, str) else "",
            )
            if namespace == SPIFF and name in ("preScript", "postScript"):
                features.append("pre-post-script")
            elif namespace == SPIFF and name == "serviceTaskOperator":
                features.append("spiff-service-operator")
            elif namespace == CAMUNDA and name in ("executionListener", "taskListener"):
                features.append("listener")
            elif namespace == CAMUNDA and name in ("script", "connector"):
                features.append("camunda-" + name)
    return sorted(set(features))


def _float(value: str | None) -> float:
    try:
        number = float(value or 0)
    except ValueError:
        return 0.0
    return number if abs(number) < 1e7 else 0.0


def _bounds(element: etree._Element | None) -> Bounds | None:
    if element is None:
        return None
    return Bounds(
        _float(element.get("x")), _float(element.get("y")),
        max(_float(element.get("width")), 0.0), max(_float(element.get("height")), 0.0),
    )  # fmt: skip


def _read_diagram(root: etree._Element, definitions: Definitions) -> None:
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        element_id = shape.get("bpmnElement") or ""
        bounds = _bounds(shape.find(f"{{{DC}}}Bounds"))
        if not element_id or bounds is None or element_id in definitions.shapes:
            continue
        label = shape.find(f"{{{BPMNDI}}}BPMNLabel")
        definitions.shapes[element_id] = Shape(
            element_id=element_id,
            bounds=bounds,
            label=_bounds(label.find(f"{{{DC}}}Bounds")) if label is not None else None,
            is_horizontal=(shape.get("isHorizontal") or "true").lower() != "false",
            is_expanded=(shape.get("isExpanded") or "false").lower() == "true",
        )
    for edge in root.iter(f"{{{BPMNDI}}}BPMNEdge"):
        element_id = edge.get("bpmnElement") or ""
        if not element_id or element_id in definitions.edges:
            continue
        points = [(_float(p.get("x")), _float(p.get("y"))) for p in edge.iter(f"{{{DI}}}waypoint")]
        label = edge.find(f"{{{BPMNDI}}}BPMNLabel")
        definitions.edges[element_id] = Edge(
            element_id=element_id,
            waypoints=points,
            label=_bounds(label.find(f"{{{DC}}}Bounds")) if label is not None else None,
        )
