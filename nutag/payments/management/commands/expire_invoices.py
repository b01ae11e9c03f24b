import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nutag.payments.services import invoices_expire


class Command(BaseCommand):
    help = (
        "Expire the open invoices past their time (NUTAG_INVOICE_TTL_HOURS) and cancel those no longer due."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, help="Keep running, checking every N seconds")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            closed = invoices_expire()
            if closed or not options["loop"]:
                self.stdout.write(f"Closed {closed} invoices.")
            if not options["loop"]:
                return
            time.sleep(options["loop"])
