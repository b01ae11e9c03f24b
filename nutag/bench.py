"""`make bench`: runs the benchmarks the issues ask for and prints one JSON object per line per figure:
{"name", "value", "unit", "rows", "database"}. Each benchmark sets up its own data in a throw-away test database
(PostgreSQL when DATABASE_URL is set) and never touches the demo database. NUTAG_BENCH_ONLY=cases (or processes,
catalog) runs one group."""

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

Figure = dict[str, Any]
GROUPS = ("processes", "catalog", "cases", "results", "analytics")


def _benchmarks() -> Iterator[Callable[[], list[Figure]]]:
    only = os.environ.get("NUTAG_BENCH_ONLY", "")
    for group in GROUPS:
        if only and only != group:
            continue
        module = __import__(f"nutag.{group}.benchmarks", fromlist=["run"])
        yield module.run


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("NUTAG_TESTING", "1")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner, setup_test_environment, teardown_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        for benchmark in _benchmarks():
            for figure in benchmark():
                figure.setdefault("database", connection.vendor)
                print(json.dumps(figure, ensure_ascii=False), flush=True)
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()


if __name__ == "__main__":
    main()
