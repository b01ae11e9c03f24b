from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

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
