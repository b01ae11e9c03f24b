from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nutag.catalog import transfer
from nutag.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Export the catalogue (reference services, all their versions, and adoptions) as a nutag-catalogue "
        "JSON document or an XLSX workbook; see docs/catalogue-format.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--service", default="", help="Code of one reference service, e.g. LAND-001")
        parser.add_argument("--format", choices=["json", "xlsx"], default="", help="Default: from --output")
        parser.add_argument("--output", required=True, help="File to write; - writes JSON to standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        output: str = options["output"]
        kind = options["format"] or ("xlsx" if output.lower().endswith(".xlsx") else "json")
        if output == "-" and kind == "xlsx":
            raise CommandError("An XLSX workbook cannot go to standard output; name a file with --output.")
        try:
            exported = transfer.catalogue_export_file(actor=None, service_code=options["service"], kind=kind)
        except DomainError as error:
            raise CommandError(error.message) from error
        if output == "-":
            self.stdout.write(exported.content.decode("utf-8"))
            return
        try:
            Path(output).write_bytes(exported.content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from error
        self.stderr.write(f"Exported the catalogue to {output} ({kind}).")
