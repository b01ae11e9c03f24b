"""Can Nutag run this model? Every reason it cannot, in plain words: element, what is wrong, how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .expressions import ExpressionError, check_timer_text, parse
from .model import SERVICE_TASK_KINDS, STAFF_ROLE_CODES, Definitions, Node, Process, role_for_lane

ERROR, WARNING = "error", "warning"

SUPPORTED_KINDS = frozenset(
    {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "userTask",
     "serviceTask", "receiveTask", "callActivity", "exclusiveGateway", "parallelGateway", "task"}
)  # fmt: skip
KIND_ADVICE = {
    "scriptTask": ("A script task would run code uploaded with the model.",
                   "Replace it by a user task, or by a service task of a built-in kind."),
    "businessRuleTask": ("Decision tables (business rule tasks) are not supported yet.",
                         "Model the decision as an exclusive gateway with conditions."),
    "sendTask": ("Send tasks are not supported.", 'Use a service task with implementation "nutag:notify-applicant".'),
    "manualTask": ("Manual tasks are not supported.", "Use a user task in the lane of the role that does the work."),
    "subProcess": ("Embedded sub-processes are not supported.", "Use a call activity to a shared sub-process."),
    "transaction": ("Transactions are not supported.", "Model the steps directly, without a transaction."),
    "adHocSubProcess": ("Ad-hoc sub-processes are not supported.", "Model the steps with sequence flows."),
    "inclusiveGateway": ("Inclusive (OR) gateways are not supported.",
                         "Use an exclusive gateway, or a parallel gateway when all branches always run."),
    "eventBasedGateway": ("Event-based gateways are not supported.",
                          "Use a receive task with a timer boundary event for 'wait for X, or give up after Y'."),
    "complexGateway": ("Complex gateways are not supported.", "Use exclusive or parallel gateways."),
}  # fmt: skip
FEATURE_ADVICE = {
    "code-reference": ("It calls Java code (camunda:class, expression or delegateExpression).",
                       "Remove the implementation and use a built-in service task kind."),
    "pre-post-script": ("It has a pre- or post-script, which would run uploaded code.", "Remove the script."),
    "listener": ("It has an execution or task listener, which would run code.", "Remove the listener."),
    "camunda-script": ("It contains a script, which would run uploaded code.", "Remove the script."),
    "camunda-connector": ("It uses a Camunda connector.", "Use a built-in service task kind instead."),
    "spiff-service-operator": ("It names a SpiffWorkflow service operator.", "Use a built-in service task kind."),
    "multi-instance": ("Multi-instance activities are not supported.", "Model one task; repeat it with a loop back."),
    "loop": ("Loop activities are not supported.", "Model the loop with an exclusive gateway and a flow back."),
    "event-subprocess": ("Event sub-processes are not supported.", "Use boundary events on the tasks instead."),
    "multiple-events": ("An event with several triggers is not supported.", "Use one trigger per event."),
}  # fmt: skip
ALLOWED_EVENTS: dict[str, set[str | None]] = {
    "startEvent": {None},
    "endEvent": {None, "terminate"},
    "intermediateThrowEvent": {None},
    "intermediateCatchEvent": {"timer", "message"},
    "boundaryEvent": {"timer", "message"},
}


@dataclass(frozen=True)
class Problem:
    element_id: str
    element_name: str
    what: str
    how_to_fix: str
    severity: str = ERROR

    @property
    def sentence(self) -> str:
        where = (
            f"{self.element_name} ({self.element_id})"
            if self.element_name
            else self.element_id or "The model"
        )
        return f"{where}: {self.what} {self.how_to_fix}"


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == ERROR]


def is_executable(problems: Iterable[Problem]) -> bool:
    return not errors_only(problems)


def check_definitions(
    definitions: Definitions,
    known_roles: frozenset[str] = STAFF_ROLE_CODES,
    library: Iterable[Definitions] = (),
    process_id: str | None = None,
) -> list[Problem]:
    """Every reason the main process of the file (or ``process_id``) cannot run (errors) or may surprise."""
    main = definitions.processes.get(process_id) if process_id else definitions.main_process()
    if main is None:
        return [
            Problem("", "", "The file contains no process.", "Draw the process in a pool and save again.")
        ]
    problems: list[Problem] = []
    if not main.is_executable:
        problems.append(Problem(main.id, main.name, "The process is not marked as executable.",
                                'Tick "Executable" in the process properties (isExecutable="true").'))  # fmt: skip
    problems += [
        Problem(main.id, main.name, FEATURE_ADVICE[f][0], FEATURE_ADVICE[f][1]) for f in main.features
    ]
    for lane in main.lanes:
        if role_for_lane(lane.name, known_roles) is None:
            problems.append(Problem(lane.id, lane.name, "The lane does not name a staff role.",
                                    "Name the lane after a role: " + ", ".join(sorted(known_roles)) + "."))  # fmt: skip
    called = {p for d in library for p in d.processes} | set(definitions.processes)
    nodes = [definitions.nodes[node_id] for node_id in main.node_ids]
    for node in nodes:
        problems += _check_node(definitions, node, called)
    problems += _check_flows(definitions, main)
    problems += _check_structure(definitions, main)
    return problems


def _check_node(definitions: Definitions, node: Node, called: set[str]) -> list[Problem]:
    found = []

    def problem(what: str, how: str, severity: str = ERROR) -> None:
        found.append(Problem(node.id, node.name, what, how, severity))

    if node.kind not in SUPPORTED_KINDS:
        what, how = KIND_ADVICE.get(node.kind, (f"{node.kind} elements are not supported.", "Remove it."))
        problem(what, how)
    for feature in node.features:
        problem(*FEATURE_ADVICE[feature])
    if node.parent_id is not None:
        return found
    if node.kind == "task":
        problem(
            "A task without a type does nothing when it runs.",
            "Make it a user task or a service task.",
            WARNING,
        )
    if node.kind in ALLOWED_EVENTS and node.event_kind not in ALLOWED_EVENTS[node.kind]:
        kind = f"{node.event_kind} " if node.event_kind else "plain "
        problem(f"A {kind}{node.kind} is not supported.", _event_advice(node))
    if node.kind == "userTask" and not node.lane:
        problem(
            "The user task is not in a lane, so nobody would get it.", "Put it in the lane of a staff role."
        )
    if node.kind == "serviceTask":
        kinds = ", ".join(f"nutag:{k}" for k in SERVICE_TASK_KINDS)
        if not node.service_kind:
            problem("The service task does not say which built-in service it is.",
                    f'Set implementation="nutag:<kind>" (or camunda:topic), one of: {kinds}.')  # fmt: skip
        elif node.service_kind not in SERVICE_TASK_KINDS:
            problem(f"{node.service_kind!r} is not a built-in service.", f"Use one of: {kinds}.")
    if node.kind == "callActivity":
        if not node.called_element:
            problem(
                "The call activity does not name the process it calls.",
                "Set calledElement to its process id.",
            )
        elif node.called_element not in called:
            problem(f"The called process {node.called_element!r} is not in the shared sub-process library.",
                    "Publish the shared sub-process first, or correct calledElement.")  # fmt: skip
    if node.event_kind == "timer":
        problems_of_timer = _check_timer(node)
        if problems_of_timer:
            problem(*problems_of_timer)
    if (node.event_kind == "message" or node.kind == "receiveTask") and not node.message:
        problem(
            "It waits for a message but does not say which one.", "Choose or create a message with a name."
        )
    if node.kind == "boundaryEvent" and node.attached_to not in definitions.nodes:
        problem("The boundary event is not attached to a task.", "Attach it to a task of the process.")
    return found


def _event_advice(node: Node) -> str:
    if node.kind == "startEvent":
        return "A request starts the process: use a plain start event."
    if node.kind == "endEvent":
        return 'Use a plain end event; notify the applicant with a "nutag:notify-applicant" service task.'
    return "Use a timer or message event, or a service task of a built-in kind."


def _check_timer(node: Node) -> tuple[str, str] | None:
    if node.timer is None or not node.timer.text:
        return "The timer has no time.", "Enter a duration such as P5D, or working_days(5)."
    if node.timer.kind == "cycle":
        return ("Repeating timers (time cycle) are not supported.",
                "Use a non-interrupting boundary timer with a duration for each reminder.")  # fmt: skip
    try:
        check_timer_text(node.timer.text, node.timer.kind)
    except ExpressionError as error:
        example = (
            "a duration such as P5D, PT4H or working_days(5)" if node.timer.kind == "duration" else "a date"
        )
        return f"The timer {node.timer.text!r} is not {example}: {error}", "Correct the timer's value."
    return None


def _check_flows(definitions: Definitions, process: Process) -> list[Problem]:
    found = []
    for flow in definitions.flows.values():
        if flow.process_id != process.id:
            continue
        source, target = definitions.nodes.get(flow.source), definitions.nodes.get(flow.target)
        if source is None or target is None:
            found.append(
                Problem(
                    flow.id, flow.name, "The flow is not connected at both ends.", "Connect or delete it."
                )
            )
            continue
        if flow.condition is not None:
            if source.kind != "exclusiveGateway" and source.kind in SUPPORTED_KINDS:
                found.append(Problem(flow.id, flow.name, "Only flows leaving an exclusive gateway can have a "
                                     "condition.", "Put an exclusive gateway before the choice."))  # fmt: skip
            try:
                parse(flow.condition)
            except ExpressionError as error:
                found.append(Problem(flow.id, flow.name, f"The condition {flow.condition!r} is not valid: {error}",
                                     'Write it like: decision == "approve" and fee_mnt < 50000.'))  # fmt: skip
        elif (
            source.kind == "exclusiveGateway"
            and len(definitions.outgoing(source.id)) > 1
            and not flow.is_default
        ):
            found.append(Problem(flow.id, flow.name or source.name, "A flow leaving a choice has no condition.",
                                 "Give it a condition, or make it the gateway's default flow."))  # fmt: skip
    return found


def _check_structure(definitions: Definitions, process: Process) -> list[Problem]:
    top = [definitions.nodes[n] for n in process.node_ids if definitions.nodes[n].parent_id is None]
    starts = [n for n in top if n.kind == "startEvent"]
    ends = {n.id for n in top if n.kind == "endEvent"}
    found = []
    if len(starts) != 1:
        found.append(Problem(process.id, process.name, f"The process has {len(starts)} start events.",
                             "Give it exactly one plain start event."))  # fmt: skip
    if not ends:
        found.append(Problem(process.id, process.name, "The process has no end event.", "Add one."))
    forward: dict[str, set[str]] = {n.id: set() for n in top}
    for flow in definitions.flows.values():
        if flow.source in forward and flow.target in forward:
            forward[flow.source].add(flow.target)
    for node in top:
        if node.kind == "boundaryEvent" and node.attached_to in forward:
            forward[node.attached_to].add(node.id)
    reachable = _closure({s.id for s in starts}, forward)
    backward: dict[str, set[str]] = {n.id: set() for n in top}
    for source, targets in forward.items():
        for target in targets:
            backward[target].add(source)
    # Without an outgoing flow a task ends its path, as BPMN says; only loops can trap a request.
    finishing = ends | {n.id for n in top if not forward[n.id] and n.kind != "boundaryEvent"}
    can_finish = _closure(finishing, backward)
    for node in top:
        if starts and node.id not in reachable and node.kind != "boundaryEvent":
            found.append(Problem(node.id, node.name, "Nothing leads to this element, so it never runs.",
                                 "Connect it with a sequence flow, or delete it."))  # fmt: skip
        elif node.id in reachable and node.id not in can_finish:
            found.append(Problem(node.id, node.name, "From here the process loops forever: no path leads to an "
                                 "end event.", "Add a way out of the loop (a gateway branch to an end event)."))  # fmt: skip
        if not forward[node.id] and node.kind not in ("endEvent", "boundaryEvent") and node.id in reachable:
            found.append(Problem(node.id, node.name, "Nothing follows this element.",
                                 "Connect it to the next step or to an end event.", WARNING))  # fmt: skip
    return found


def _closure(seeds: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen, todo = set(seeds), list(seeds)
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
