from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nutag.analytics.services import rollups_refresh


class Command(BaseCommand):
    help = "Fold the request events since the last refresh into the insights rollups (run it periodically)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, help="Repeat every N seconds (0: once).")

    def handle(self, *args: Any, **options: Any) -> None:
        import time

        while True:
            folded = rollups_refresh(actor=None)
            if options["verbosity"]:
                self.stdout.write(f"Insights: {folded} events folded")
            if not options["loop"]:
                break
            time.sleep(options["loop"])
