"""What the process engine hands to the rest of Nutag: plain records and errors, free of the BPMN library."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nutag.core.errors import Conflict, ValidationFailed

from .modeling.checks import Problem

STATE_FORMAT = "nutag-process-state/1"
ENGINE_NAME = "SpiffWorkflow 3.2.0"  # the pinned version; engine.py checks it at import
SERIALIZER_VERSION = "1.5"


class EngineError(Conflict):
    """The process cannot do what was asked in its current state; nothing was changed."""

    code = "process_engine"


class ModelNotExecutable(ValidationFailed):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("The model cannot be run: " + "; ".join(p.sentence for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class CompiledModel:
    """The runnable form of one model version: store ``to_json()`` once per version."""

    process_id: str
    spec_json: str
    spec_hash: str

    def to_json(self) -> str:
        return json.dumps(
            {"process_id": self.process_id, "spec_hash": self.spec_hash, "spec": self.spec_json}
        )

    @classmethod
    def from_json(cls, text: str) -> CompiledModel:
        data = json.loads(text)
        return cls(process_id=data["process_id"], spec_json=data["spec"], spec_hash=data["spec_hash"])


@dataclass(frozen=True)
class InstanceState:
    """One request's progress (no definition inside). Store ``to_json()``; ``spec_hash`` names the model."""

    spec_hash: str
    workflow_json: str
    serializer_version: str = SERIALIZER_VERSION

    def to_json(self) -> str:
        head = json.dumps({"format": STATE_FORMAT, "engine": ENGINE_NAME,
                           "serializer_version": self.serializer_version, "spec_hash": self.spec_hash})  # fmt: skip
        return head[:-1] + ', "workflow": ' + self.workflow_json + "}"

    @classmethod
    def from_json(cls, text: str) -> InstanceState:
        data = json.loads(text)
        if data.get("format") != STATE_FORMAT:
            raise EngineError("This is not a saved Nutag process state.")
        return cls(spec_hash=data["spec_hash"], workflow_json=json.dumps(data["workflow"]),
                   serializer_version=data["serializer_version"])  # fmt: skip


@dataclass(frozen=True)
class UserTaskInfo:
    task_id: str
    element_id: str
    name: str
    lane: str | None
    role: str | None
    documentation: str
    decision_field: str | None
    actions: list[tuple[str, str]]  # (value, label)
    due_at: datetime | None  # the earliest interrupting boundary timer: the deadline
    reminder_at: datetime | None  # the earliest non-interrupting boundary timer


@dataclass(frozen=True)
class ServiceTaskInfo:
    task_id: str
    element_id: str
    name: str
    kind: str
    lane: str | None


@dataclass(frozen=True)
class TimerInfo:
    task_id: str
    element_id: str
    name: str
    due_at: datetime
    attached_to: str | None
    interrupting: bool


@dataclass(frozen=True)
class ProcessResult:
    is_completed: bool
    end_element_id: str | None
    end_name: str | None
    data: dict[str, Any] = field(default_factory=dict)
