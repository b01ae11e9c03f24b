import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nutag.catalog.selectors import coverage_summary
from nutag.territory.models import TerritoryUnit


class Command(BaseCommand):
    help = "Print how many reference services each aimag offers, and how many distinct services are offered anywhere."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--aimag", default="", help="National code of one aimag, e.g. 64 for Bayankhongor"
        )
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        aimag = options["aimag"]
        if aimag and not TerritoryUnit.objects.filter(code=aimag, level__in=["aimag", "capital"]).exists():
            raise CommandError(
                f"No aimag has the code {aimag!r}; codes are two digits, e.g. 64 for Bayankhongor."
            )
        coverage = coverage_summary(aimag_code=aimag)
        if options["json"]:
            payload = {
                "aimags": [
                    {
                        "code": unit.code,
                        "name_mn": unit.name_mn,
                        "name_en": unit.name_en,
                        "offered": coverage.per_aimag[unit.code],
                    }
                    for unit in coverage.aimags
                ],
                "distinct_total": coverage.distinct_total,
                "catalogue_size": coverage.catalogue_size,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        width = max((len(unit.name_en) for unit in coverage.aimags), default=10)
        self.stdout.write(f"{'code':<5} {'aimag':<{width}} {'offered':>7}")
        for unit in sorted(coverage.aimags, key=lambda u: u.name_en):
            self.stdout.write(f"{unit.code:<5} {unit.name_en:<{width}} {coverage.per_aimag[unit.code]:>7}")
        label = "distinct services offered in this aimag" if aimag else "distinct services offered anywhere"
        self.stdout.write(
            f"{label}: {coverage.distinct_total} (of {coverage.catalogue_size} in the catalogue)"
        )
