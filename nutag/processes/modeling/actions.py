"""The actions a user task offers, read from the conditions of the exclusive gateway that follows it.

A user task followed by an exclusive gateway whose flows carry conditions such as ``decision == "approve"``
and ``decision == "reject"`` offers the actions approve and reject; completing it sets ``decision``.
The flow's name ("Approve") is the action's label.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .expressions import ExpressionError, parse
from .model import Definitions


@dataclass(frozen=True)
class Action:
    value: str
    label: str


@dataclass(frozen=True)
class TaskActions:
    field: str
    actions: tuple[Action, ...]

    @property
    def values(self) -> frozenset[str]:
        return frozenset(action.value for action in self.actions)


def choice_in_condition(condition: str) -> tuple[str, str] | None:
    """``decision == "approve"`` (either way round) gives ("decision", "approve"); anything else None."""
    try:
        node = parse(condition)
    except ExpressionError:
        return None
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq)):
        return None
    left, right = node.left, node.comparators[0]
    if isinstance(right, ast.Name):
        left, right = right, left
    if isinstance(left, ast.Name) and isinstance(right, ast.Constant) and isinstance(right.value, str):
        return left.id, right.value
    return None


def user_task_actions(definitions: Definitions, node_id: str) -> TaskActions | None:
    outgoing = definitions.outgoing(node_id)
    if len(outgoing) != 1:
        return None
    gateway = definitions.nodes.get(outgoing[0].target)
    if gateway is None or gateway.kind != "exclusiveGateway":
        return None
    field, actions = None, []
    for flow in definitions.outgoing(gateway.id):
        choice = choice_in_condition(flow.condition) if flow.condition else None
        if choice is None:
            continue
        if field is not None and choice[0] != field:
            return None
        field = choice[0]
        actions.append(Action(value=choice[1], label=flow.name or choice[1]))
    return TaskActions(field=field, actions=tuple(actions)) if field else None
