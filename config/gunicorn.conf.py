"""Production serving: gunicorn sync workers, with persistent database connections (DB_CONN_MAX_AGE, settings)."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "sync"
timeout = 30
accesslog = "-" if os.environ.get("ACCESS_LOG") else None
