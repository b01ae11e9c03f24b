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
    params: list[Any]  # the query's parameters: its constants, and the placeholders' places
    slots: list[int]  # where each placeholder's value goes in `params`
    fields: list[str]  # attribute names of the model's columns, in the row's order
    start: int
    end: int
    annotations: dict[str, int]
    converters: dict[int, tuple[list[Any], Any]]
    related: list[Any]  # select_related's populators: they keep no state between rows


class Compiled(Generic[M]):
    """`build(*placeholders)` returns the queryset; `first(*values)` and `all(*values)` run it with `values` in
    the placeholders' places. Each placeholder must be a value the query holds nowhere else (the query's other
    parameters are its constants, fixed at the first call: never `timezone.now()`). Values reach the database as
    given, without the field's conversion: use placeholders for ints and strings compared for equality only, not
    for dates, decimals or lookups that transform the value (`contains`: the first call then refuses it)."""

    def __init__(self, build: Callable[..., models.QuerySet[M]], placeholders: Sequence[Any]) -> None:
        self._build = build
        self._placeholders = tuple(placeholders)
        self._plan: _Plan[M] | None = None

    def _compile(self) -> _Plan[M]:
        if self._plan is None:
            queryset = self._build(*self._placeholders)
            compiler = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS)
            sql, params = compiler.as_sql()
            slots = []
            for placeholder in self._placeholders:
                places = [
                    i for i, p in enumerate(params) if type(p) is type(placeholder) and p == placeholder
                ]
                if len(places) != 1:
                    raise ValueError(f"The placeholder {placeholder!r} is not one of the query's {params!r}.")
                slots.append(places[0])
            info = compiler.klass_info
            if info is None:
                raise ValueError("Compiled queries read model instances.")
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            self._plan = _Plan(
                model=queryset.model,
                sql=sql,
                params=list(params),
                slots=slots,
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
        found = self._rows(values, one=True)
        return self._instance(found[0]) if found else None

    def all(self, *values: Any) -> list[M]:
        return [self._instance(row) for row in self._rows(values, one=False)]

    def _rows(self, values: tuple[Any, ...], *, one: bool) -> list[Any]:
        if len(values) != len(self._placeholders):
            raise TypeError(f"The query takes {len(self._placeholders)} values.")
        plan = self._compile()
        params = list(plan.params)
        for slot, value in zip(plan.slots, values, strict=True):
            params[slot] = value
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(plan.sql, params)
            if one:
                row = cursor.fetchone()
                return [row] if row is not None else []
            return list(cursor.fetchall())

    def _instance(self, found: Any) -> M:
        plan = self._compile()
        connection = connections[DEFAULT_DB_ALIAS]
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
