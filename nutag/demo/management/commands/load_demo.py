from typing import Any

from django.core.management.base import BaseCommand

from nutag.academy.demo import academy_demo_load
from nutag.accounts.demo import personas_demo_load
from nutag.analytics.demo import requests_demo_load
from nutag.cases.calendar import holidays_load
from nutag.cases.demo import waiting_requests_demo_load
from nutag.catalog.demo import catalogue_demo_load
from nutag.organisations.demo import organisations_demo_load
from nutag.processes.demo import processes_demo_load
from nutag.territory.loader import territory_load


class Command(BaseCommand):
    help = "Load reference data and the demo data set (idempotent: a second run changes nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = territory_load()
        self.stdout.write(f"Territory: {report.summary()}")
        self.stdout.write(f"Public holidays: {holidays_load()} added")
        self.stdout.write(f"Organisations: {organisations_demo_load()} created or changed")
        self.stdout.write(f"Personas: {personas_demo_load()} created")
        services, adoptions = catalogue_demo_load()
        self.stdout.write(f"Catalogue: {services} services and {adoptions} adoptions created")
        self.stdout.write(f"Process models: {processes_demo_load()} attached or changed")
        self.stdout.write(f"Academy: {academy_demo_load()} records created")
        self.stdout.write(f"A year of simulated requests: {requests_demo_load()} created")
        self.stdout.write(
            f"Requests waiting in the demo officers' queues: {waiting_requests_demo_load()} submitted"
        )
