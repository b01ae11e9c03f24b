"""Database triggers that make a table append-only: UPDATE and DELETE are refused for everyone, raw SQL and
admins included. Used by migrations of audit-like tables."""

from typing import Any

from django.db import migrations


def _statements(table: str, vendor: str, forward: bool) -> list[str]:
    if vendor == "postgresql":
        if forward:
            return [
                f"""CREATE OR REPLACE FUNCTION {table}_refuse() RETURNS trigger AS $$
                    BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql""",
                f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION {table}_refuse()""",
            ]
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_refuse()",
        ]
    if forward:
        return [
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",
            f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",
        ]
    return [f"DROP TRIGGER IF EXISTS {table}_no_update", f"DROP TRIGGER IF EXISTS {table}_no_delete"]


def append_only(table: str) -> migrations.RunPython:
    def forward(apps: Any, schema_editor: Any) -> None:
        for statement in _statements(table, schema_editor.connection.vendor, True):
            schema_editor.execute(statement)

    def backward(apps: Any, schema_editor: Any) -> None:
        for statement in _statements(table, schema_editor.connection.vendor, False):
            schema_editor.execute(statement)

    return migrations.RunPython(forward, backward)


APPEND_ONLY_TABLES = ["core_auditevent", "cases_requestevent"]


def triggers_drop(connection: Any) -> None:
    with connection.cursor() as cursor:
        for table in APPEND_ONLY_TABLES:
            for statement in _statements(table, connection.vendor, False):
                cursor.execute(statement)


def triggers_create(connection: Any) -> None:
    with connection.cursor() as cursor:
        for table in APPEND_ONLY_TABLES:
            for statement in _statements(table, connection.vendor, True):
                cursor.execute(statement)
