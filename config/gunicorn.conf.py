"""Production serving: gunicorn sync workers, with persistent database connections (DB_CONN_MAX_AGE, settings)."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "sync"
timeout = 30
accesslog = "-" if os.environ.get("ACCESS_LOG") else None


def post_worker_init(worker: object) -> None:
    """Move everything the app loaded at start into the collector's permanent generation: a full collection then
    walks only what requests create, instead of pausing a request for 100 ms or more now and then (measured on the
    insights dashboard)."""
    import gc

    gc.freeze()
