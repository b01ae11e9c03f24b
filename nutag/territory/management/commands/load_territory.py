from typing import Any

from django.core.management.base import BaseCommand

from nutag.territory.loader import territory_load


class Command(BaseCommand):
    help = "Load Mongolia's aimags, soums and districts (idempotent; reports what changed)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = territory_load()
        self.stdout.write(f"Territory: {report.summary()}")
        for code in report.created[:10]:
            self.stdout.write(f"  created {code}")
        for code in report.updated:
            self.stdout.write(f"  updated {code}")
