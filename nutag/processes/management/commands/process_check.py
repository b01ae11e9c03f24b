"""``python manage.py process_check FILE...``: whether BPMN files import and run in Nutag, and why not."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nutag.processes.modeling.cli import run


class Command(BaseCommand):
    help = (
        "Check BPMN files without storing them: does each import, is it executable, and every reason why not."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", help="BPMN 2.0 files to check")
        parser.add_argument(
            "--library", action="append", default=[], help="a shared sub-process file (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if run(options["files"], self.stdout, options["library"]) != 0:
            raise CommandError(
                "At least one file is not a BPMN 2.0 model or could not be read.", returncode=1
            )
