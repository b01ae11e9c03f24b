"""`make bench`: runs the benchmarks the issues ask for and prints one JSON object per line per figure:
{"name", "value", "unit", "rows", "database"}. Each benchmark sets up its own data in a throw-away test database
(PostgreSQL when DATABASE_URL is set) and never touches the demo database."""

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

Figure = dict[str, Any]


def _benchmarks() -> Iterator[Callable[[], list[Figure]]]:
    from nutag.processes import benchmarks as process_benchmarks

    yield lambda: [process_benchmarks.engine_step_cost(), process_benchmarks.import_and_draw_50()]
    for module_name in ("nutag.catalog.benchmarks",):
        try:
            module = __import__(module_name, fromlist=["run"])
        except ImportError:
            continue
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
        database = connection.vendor
        for benchmark in _benchmarks():
            for figure in benchmark():
                figure.setdefault("database", database)
                print(json.dumps(figure, ensure_ascii=False), flush=True)
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()


if __name__ == "__main__":
    main()
