from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    """These tests read messages and pages in English; Nutag itself speaks Mongolian unless asked otherwise."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
