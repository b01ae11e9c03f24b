from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nutag.analytics.services import rollups_rebuild, rollups_refresh


class Command(BaseCommand):
    help = "Fold the request events since the last refresh into the insights rollups (run it periodically)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, help="Repeat every N seconds (0: once).")
        parser.add_argument(
            "--rebuild", action="store_true", help="First compute the rollups again from the whole event log."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        import time

        if options["rebuild"]:
            events = rollups_rebuild(actor=None)
            if options["verbosity"]:
                self.stdout.write(f"Insights: rollups rebuilt from {events} events")
        while True:
            folded = rollups_refresh(actor=None)
            if options["verbosity"]:
                self.stdout.write(f"Insights: {folded} events folded")
            if not options["loop"]:
                break
            time.sleep(options["loop"])
