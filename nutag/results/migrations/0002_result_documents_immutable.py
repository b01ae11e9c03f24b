from django.db import migrations

COLUMNS = [
    "request_id",
    "language",
    "verification_code",
    "title",
    "holder_name",
    "organisation_id",
    "issued_at",
    "file",
    "size",
    "sha256",
    "certificate_fingerprint",
    "is_demo",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in COLUMNS)
        schema_editor.execute(
            f"""CREATE OR REPLACE FUNCTION results_document_immutable() RETURNS trigger AS $$
                BEGIN IF {changed} THEN RAISE EXCEPTION 'result documents are immutable'; END IF;
                RETURN NEW; END; $$ LANGUAGE plpgsql"""
        )
        schema_editor.execute(
            """CREATE TRIGGER results_document_immutable BEFORE UPDATE ON results_resultdocument
               FOR EACH ROW EXECUTE FUNCTION results_document_immutable()"""
        )
    else:
        schema_editor.execute(
            f"""CREATE TRIGGER results_document_immutable BEFORE UPDATE OF {", ".join(COLUMNS)}
                ON results_resultdocument BEGIN SELECT RAISE(ABORT, 'result documents are immutable'); END"""
        )


def backward(apps, schema_editor):
    schema_editor.execute("DROP TRIGGER IF EXISTS results_document_immutable" + (
        " ON results_resultdocument" if schema_editor.connection.vendor == "postgresql" else ""
    ))
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS results_document_immutable()")


class Migration(migrations.Migration):
    dependencies = [("results", "0001_documents_and_verifications")]

    operations = [migrations.RunPython(forward, backward)]
