"""Queries the ORM writes once per process and the database runs many times.

For the hottest reads (a citizen's request page, restoring a session's user), building the SQL again on every
request costs several times what running it does. `Compiled` asks the ORM's compiler once for the SQL (with
placeholder values), the columns and their converters, and then runs the SQL on a cursor and builds the instance
the way the queryset would: the same SQL and the same objects, on SQLite and PostgreSQL alike (PostgreSQL also
prepares it: see DB_SERVER_SIDE_BINDING)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.query import get_related_populators

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class _Plan(Generic[M]):
    model: type[M]
    sql: str
    fields: list[str]  # attribute names of the model's columns, in the row's order
    start: int
    end: int
    annotations: dict[str, int]
    converters: dict[int, tuple[list[Any], Any]]
    related: list[Any]  # select_related's populators: they keep no state between rows


class Compiled(Generic[M]):
    """`build(*placeholders)` returns the queryset; `first(*values)` runs it with `values` in their place."""

    def __init__(self, build: Callable[..., models.QuerySet[M]], placeholders: Sequence[Any]) -> None:
        self._build = build
        self._placeholders = tuple(placeholders)
        self._plan: _Plan[M] | None = None

    def _compile(self) -> _Plan[M]:
        if self._plan is None:
            queryset = self._build(*self._placeholders)
            compiler = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS)
            sql, params = compiler.as_sql()
            if tuple(params) != self._placeholders:
                raise ValueError(f"The query takes {params!r}, not the placeholders {self._placeholders!r}.")
            info = compiler.klass_info
            if info is None:
                raise ValueError("Compiled queries read model instances.")
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            self._plan = _Plan(
                model=queryset.model,
                sql=sql,
                fields=[column[0].target.attname for column in compiler.select[start:end]],
                start=start,
                end=end,
                annotations=dict(compiler.annotation_col_map or {}),
                converters=compiler.get_converters(
                    [column[0] for column in compiler.select[: compiler.col_count]]
                ),
                related=get_related_populators(info, compiler.select, DEFAULT_DB_ALIAS),  # type: ignore[call-arg]  # stubs of a later Django
            )
        return self._plan

    def first(self, *values: Any) -> M | None:
        if len(values) != len(self._placeholders):
            raise TypeError(f"The query takes {len(self._placeholders)} values.")
        plan = self._compile()
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, values)
            found = cursor.fetchone()
        if found is None:
            return None
        row = list(found)
        for position, (converters, expression) in plan.converters.items():
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        instance = plan.model.from_db(DEFAULT_DB_ALIAS, plan.fields, row[plan.start : plan.end])
        for populator in plan.related:
            populator.populate(row, instance)
        for name, position in plan.annotations.items():
            setattr(instance, name, row[position])
        return instance
