from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from nutag.processes import engine

DATA = Path(__file__).resolve().parent / "data"
MODELS = Path(__file__).resolve().parents[1] / "demo_models"
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def demo_bytes(name: str) -> bytes:
    return (MODELS / f"{name}.bpmn").read_bytes()


def data_bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


@cache
def compiled(name: str) -> engine.CompiledModel:
    return engine.compile_model(demo_bytes(name), library=[demo_bytes("fee_payment")])


@pytest.fixture
def now() -> datetime:
    return MONDAY


@pytest.fixture
def permit_version(world: None) -> Any:
    """A published permit service with its reference process, adopted in soum B (aimag 64) and in a soum
    of the other aimag (44)."""
    from nutag.processes.services import process_model_upload

    from .factories import make_adoption, make_version

    version = make_version("BIZ-900", "permit")
    process_model_upload(owner=version, file_name="permit.bpmn", content=demo_bytes("permit"), actor=None)
    make_adoption(version, "6404")
    make_adoption(version, "4401")
    return version


@pytest.fixture
def adoption_b(permit_version: Any) -> Any:
    return permit_version.adoptions.get(territory__code="6404")


@pytest.fixture
def adoption_other(permit_version: Any) -> Any:
    return permit_version.adoptions.get(territory__code="4401")
