"""Uploading process models: stored with checks, compiled definition and drawing; refused when not BPMN."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from nutag.accounts.models import User
from nutag.catalog.choices import VersionStatus
from nutag.core.errors import Conflict, ValidationFailed
from nutag.core.models import AuditEvent
from nutag.processes import engine
from nutag.processes.modeling.reader import read_bpmn
from nutag.processes.models import ProcessModel
from nutag.processes.services import process_model_upload

from .conftest import data_bytes, demo_bytes
from .factories import make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world: None) -> Any:
    return make_version("BIZ-901", "permit", status=VersionStatus.DRAFT)


def test_designer_uploads_an_executable_reference_process(draft: Any, designer: User, now: datetime) -> None:
    model = process_model_upload(
        owner=draft, file_name="permit.bpmn", content=demo_bytes("permit"), actor=designer
    )
    model.refresh_from_db()
    assert (model.version, model.adoption, model.number, model.is_current) == (draft, None, 1, True)
    assert model.is_executable and model.process_id == "permit" and model.process_name == "Permit"
    assert model.original_bytes == demo_bytes("permit")
    assert model.errors == [] and model.uploaded_by == designer
    assert model.svg.startswith("<svg") and 'aria-label="Permit"' in model.svg
    assert model.element_count > 20
    compiled = engine.CompiledModel.from_json(model.definition_json or "")
    assert compiled.spec_hash == model.spec_hash
    state = engine.start(compiled, {}, now=now)  # the stored definition runs, fee sub-process included
    assert [task.element_id for task in engine.open_user_tasks(compiled, state)] == ["review"]
    event = AuditEvent.objects.get(action="process_model.uploaded", object_id=str(model.pk))
    assert event.actor == designer and event.after["is_executable"] is True


def test_model_outside_the_subset_is_stored_drawn_and_marked_with_every_reason(
    draft: Any, designer: User
) -> None:
    model = process_model_upload(
        owner=draft, file_name="script_task.bpmn", content=data_bytes("script_task.bpmn"), actor=designer
    )
    assert not model.is_executable and model.definition_json is None and model.spec_hash == ""
    assert model.svg.startswith("<svg")
    assert model.error_count >= 1
    for problem in model.problems:
        assert set(problem) == {"element_id", "element_name", "what", "how_to_fix", "severity"}
        assert problem["what"] and problem["how_to_fix"]
    assert any("script" in problem["what"].lower() for problem in model.errors)


@pytest.mark.parametrize("name", ["malformed.bpmn", "not_bpmn.xml", "xxe.bpmn"])
def test_malformed_or_non_bpmn_file_is_refused_and_nothing_stored(
    draft: Any, designer: User, name: str
) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refusal:
        process_model_upload(owner=draft, file_name=name, content=data_bytes(name), actor=designer)
    assert refusal.value.code == "not_bpmn" and refusal.value.details["file"]
    assert not ProcessModel.objects.exists()
    assert AuditEvent.objects.count() == events


def test_empty_file_is_refused(draft: Any, designer: User) -> None:
    with pytest.raises(ValidationFailed):
        process_model_upload(owner=draft, file_name="empty.bpmn", content=b"", actor=designer)
    assert not ProcessModel.objects.exists()


def test_a_new_upload_becomes_current_and_numbers_increase(draft: Any, designer: User) -> None:
    first = process_model_upload(
        owner=draft, file_name="a.bpmn", content=demo_bytes("permit"), actor=designer
    )
    second = process_model_upload(
        owner=draft, file_name="b.bpmn", content=data_bytes("script_task.bpmn"), actor=designer
    )
    first.refresh_from_db()
    assert (first.number, first.is_current, second.number, second.is_current) == (1, False, 2, True)
    assert ProcessModel.objects.filter(version=draft, is_current=True).get() == second


def test_published_version_is_frozen_for_designers_but_not_for_the_demo_loader(
    world: None, designer: User
) -> None:
    published = make_version("BIZ-902", "permit")
    with pytest.raises(Conflict):
        process_model_upload(
            owner=published, file_name="p.bpmn", content=demo_bytes("permit"), actor=designer
        )
    assert not ProcessModel.objects.exists()
    model = process_model_upload(
        owner=published, file_name="p.bpmn", content=demo_bytes("permit"), actor=None
    )
    assert model.is_current and model.uploaded_by is None


def test_file_name_is_reduced_to_a_safe_base_name(draft: Any, designer: User) -> None:
    model = process_model_upload(
        owner=draft,
        file_name='C:\\models\\..\\my "permit".bpmn',
        content=demo_bytes("permit"),
        actor=designer,
    )
    assert model.file_name == "my permit.bpmn"


def test_export_gives_back_elements_and_layout(draft: Any, designer: User) -> None:
    content = data_bytes("camunda_style.bpmn")
    model = process_model_upload(owner=draft, file_name="c.bpmn", content=content, actor=designer)
    stored = ProcessModel.objects.get(pk=model.pk)
    assert stored.original_bytes == content
    before, after = read_bpmn(content), read_bpmn(stored.original_bytes)
    assert before.nodes == after.nodes and before.flows == after.flows
    assert before.shapes == after.shapes and before.edges == after.edges


def test_every_demo_model_imports_as_executable(draft: Any, designer: User) -> None:
    from nutag.processes.modeling.demo_models_list import DEMO_MODEL_NAMES

    for name in DEMO_MODEL_NAMES:
        model = process_model_upload(
            owner=draft, file_name=f"{name}.bpmn", content=demo_bytes(name), actor=designer
        )
        assert model.is_executable, (name, model.problems)
