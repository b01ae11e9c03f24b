import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nutag.catalog import transfer
from nutag.core.errors import DomainError


def report_lines(report: dict[str, Any]) -> list[str]:
    lines = [f"created: {item}" for item in report["created"]]
    lines += [f"updated: {item}" for item in report["updated"]]
    lines += [f"rejected: {item['what']}: {item['reason']}" for item in report["rejected"]]
    lines.append(
        f"{len(report['created'])} to create, {len(report['updated'])} to update, "
        f"{report['unchanged']} unchanged, {len(report['rejected'])} rejected."
    )
    return lines


class Command(BaseCommand):
    help = (
        "Import a nutag-catalogue JSON document or XLSX workbook, all or nothing. Prints the pre-check report; "
        "without --dry-run it then applies the import. Exit code 1 when the file is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="A .json or .xlsx file exported by catalogue_export (or edited since)"
        )
        parser.add_argument("--dry-run", action="store_true", help="Only print what the import would do")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            data = transfer.read_file(content, path.name)
            if options["dry_run"]:
                report = transfer.precheck(data, None).as_dict()
            else:
                report = transfer.apply(data, None).as_dict()
        except DomainError as error:
            refused = error.details.get("report")
            if refused is not None:
                self._print(refused, options["json"])
            for problem in error.details.get("problems", [])[1:]:
                self.stderr.write(problem)
            raise CommandError(error.message) from error
        self._print(report, options["json"])
        if not report["ok"]:
            raise CommandError("The file would be refused; nothing was imported.")
        if not options["dry_run"]:
            self.stderr.write("Imported." if report["created"] or report["updated"] else "Nothing to change.")

    def _print(self, report: dict[str, Any], as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(report_lines(report)))
