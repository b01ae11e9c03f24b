"""Queries the ORM writes once per process and the database runs many times.

For the hottest reads (a citizen's request page, restoring a session's user), building the SQL again on every
request costs several times what running it does. `Compiled` asks the ORM for the SQL once, with placeholder
values, and then runs it as a raw query: the same SQL the queryset would send, on SQLite and PostgreSQL alike
(PostgreSQL also prepares it: see DB_SERVER_SIDE_BINDING)."""

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class Compiled(Generic[M]):
    """`build(*placeholders)` returns the queryset; `first(*values)` runs it with `values` in their place."""

    def __init__(self, build: Callable[..., models.QuerySet[M]], placeholders: Sequence[Any]) -> None:
        self._build = build
        self._placeholders = tuple(placeholders)
        self._compiled: tuple[type[M], str] | None = None

    def _sql(self) -> tuple[type[M], str]:
        if self._compiled is None:
            queryset = self._build(*self._placeholders)
            sql, params = queryset.query.sql_with_params()
            if tuple(params) != self._placeholders:
                raise ValueError(f"The query takes {params!r}, not the placeholders {self._placeholders!r}.")
            self._compiled = (queryset.model, sql)
        return self._compiled

    def first(self, *values: Any) -> M | None:
        if len(values) != len(self._placeholders):
            raise TypeError(f"The query takes {len(self._placeholders)} values.")
        model, sql = self._sql()
        return next(iter(model._default_manager.raw(sql, values)), None)
