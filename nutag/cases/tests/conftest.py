from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases.calendar import holidays_load
from nutag.catalog.models import Adoption
from nutag.catalog.tests.factories import adopt, published_version
from nutag.processes.services import process_model_upload

DEMO_MODELS = Path(__file__).resolve().parents[2] / "processes" / "demo_models"


def with_process(kind: str, code: str, territory: str = "6401", **overrides: Any) -> Adoption:
    version = published_version(code=code, process_kind=kind, **overrides)
    process_model_upload(
        owner=version,
        file_name=f"{kind}.bpmn",
        content=(DEMO_MODELS / f"{kind}.bpmn").read_bytes(),
        actor=None,
    )
    return adopt(version, territory)


@pytest.fixture
def holidays(world: None) -> None:
    holidays_load()


@pytest.fixture
def letter_service(holidays: None) -> Adoption:
    """A reference letter offered in soum A (6401), free, with one required document."""
    return with_process("reference_letter", "CIVIL-700", fee_mnt=0)


@pytest.fixture
def paperless_letter(holidays: None) -> Adoption:
    """The reference letter without documents to upload: one call can apply and submit."""
    return with_process("reference_letter", "CIVIL-701", fee_mnt=0, documents=[])


@pytest.fixture
def welfare_service(holidays: None) -> Adoption:
    return with_process("welfare_committee", "WELF-700", fee_mnt=0, category="welfare")


@pytest.fixture
def permit_service(holidays: None) -> Adoption:
    return with_process("permit", "BUS-700", fee_mnt=25000, category="business")


@pytest.fixture
def supervisor_a(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.SUPERVISOR, "gov-6401"), (Role.OFFICER, "gov-6401"), username="supervisor-a2")


ANSWERS = {"purpose": "work"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
