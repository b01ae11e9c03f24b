import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from nutag.accounts.models import UserSession


class Command(BaseCommand):
    help = "Delete the sign-in sessions past their expiry (Django's clearsessions, with a loop for the Procfile)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, help="Keep running, clearing every N seconds")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            deleted, _by_model = UserSession.objects.filter(expire_date__lt=timezone.now()).delete()
            if deleted or not options["loop"]:
                self.stdout.write(f"Deleted {deleted} expired sessions.")
            if not options["loop"]:
                return
            time.sleep(options["loop"])
