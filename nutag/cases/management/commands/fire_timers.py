import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nutag.cases.selectors import requests_due_for_timers
from nutag.cases.services import request_fire_timers


class Command(BaseCommand):
    help = "Fire the process timers that are due (reminders, escalations, correction deadlines)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, help="Keep running, checking every N seconds")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            fired = 0
            for request in requests_due_for_timers():
                try:
                    request_fire_timers(request=request)
                    fired += 1
                except Exception as error:
                    self.stderr.write(f"{request}: {error}")
            if fired or not options["loop"]:
                self.stdout.write(f"Fired the timers of {fired} requests.")
            if not options["loop"]:
                return
            time.sleep(options["loop"])
