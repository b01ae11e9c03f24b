"""Requests at national scale: a million requests over all 330 soums and Ulaanbaatar's 9 districts (the districts
carry twenty times a rural soum's load), then the officer's queue, the citizen's request page (in process and
through gunicorn at 16 connections) and submissions through the HTTP API."""

import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from rest_framework.authtoken.models import Token

from nutag.accounts.choices import Role, UserKind
from nutag.accounts.models import RoleAssignment, User
from nutag.cases.calendar import holidays_load
from nutag.cases.models import Request
from nutag.catalog.models import Adoption, ReferenceService, ServiceVersion
from nutag.catalog.tests.factories import version_data
from nutag.organisations.demo import organisations_demo_load
from nutag.organisations.models import Organisation
from nutag.processes.demo_models import __file__ as demo_models_file
from nutag.processes.services import process_model_upload
from nutag.territory.loader import territory_load

REQUESTS = int(os.environ.get("NUTAG_BENCH_REQUESTS", "1000000"))
CITIZENS = 20_000
BUSY_DISTRICT = "1107"  # Bayangol, Ulaanbaatar
ROOT = Path(settings.BASE_DIR)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return round(statistics.median(ordered), 2), round(
        ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2
    )


@transaction.atomic
def _service() -> ServiceVersion:
    data = version_data(documents=[], fee_mnt=0)
    service = ReferenceService.objects.create(code="BENCH-LETTER")
    version = ServiceVersion.objects.create(
        service=service, number=1, status="published", search_text="bench", **data
    )
    service.current_version = version
    service.save(update_fields=["current_version"])
    model = Path(demo_models_file).parent / "reference_letter.bpmn"
    process_model_upload(
        owner=version, file_name="reference_letter.bpmn", content=model.read_bytes(), actor=None
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO catalog_adoption (service_id, version_id, derived_from_id, territory_id, organisation_id,
                   status, channels, extra_documents, extra_form_fields, note_mn, note_en, territory_path, aimag_code,
                   variance, created_at, updated_at)
               SELECT %s, %s, %s, t.id, o.id, 'offered', '["online", "operator", "khurdan"]', '[]', '[]', '', '',
                      t.path, substr(t.code, 1, 2), 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
               FROM territory_territoryunit t JOIN organisations_organisation o ON o.code = 'gov-' || t.code
               WHERE t.level IN ('soum', 'district')""",
            [service.pk, version.pk, version.pk],
        )
    return version


def _bulk_load(version: ServiceVersion) -> int:
    """Citizens and a million requests in a few set-based statements (PostgreSQL), not one save per row. Each
    citizen has a phone, as on E-Mongolia, so that each submission also queues its SMS."""
    adoptions = list(
        Adoption.objects.filter(version=version).values_list(
            "id", "territory_id", "organisation_id", "territory_path", "aimag_code"
        )
    )
    weighted = [a for a in adoptions for _ in range(20 if a[4] == "11" else 1)]
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                   is_active, date_joined, kind, register_number, full_name, phone, preferred_language,
                   totp_secret, is_totp_enabled, failed_login_count)
               SELECT '!', false, 'bench-' || i, '', '', '', false, true, now(), 'citizen',
                      'БН' || lpad(i::text, 8, '0'), 'Bench citizen ' || i, '+9769' || lpad(i::text, 7, '0'), 'mn',
                      '', false, 0
               FROM generate_series(1, %s) i""",
            [CITIZENS],
        )
        cursor.execute(
            "CREATE TEMP TABLE bench_slot (k int PRIMARY KEY, adoption int, territory int, organisation int, path text, aimag text)"
        )
        cursor.executemany(
            "INSERT INTO bench_slot VALUES (%s, %s, %s, %s, %s, %s)",
            [(k, *slot) for k, slot in enumerate(weighted)],
        )
        cursor.execute("SELECT min(id) FROM accounts_user WHERE username LIKE 'bench-%%'")
        first_user = cursor.fetchone()[0]
        cursor.execute(
            f"""INSERT INTO cases_request (number, service_id, adoption_id, service_version_id, organisation_id,
                   territory_id, territory_path, aimag_code, applicant_id, channel, status, form_data, state_json,
                   version, idempotency_key, created_at, submitted_at, closed_at, norm_due_at, statutory_due_at,
                   paused_working_days, correction_note, decision_reason, outcome, fee_mnt)
               SELECT 'B' || lpad(s.i::text, 7, '0'), {version.service_id}, b.adoption, {version.pk}, b.organisation,
                      b.territory, b.path, b.aimag, {first_user} + (s.i % {CITIZENS}),
                      (ARRAY['online','online','operator','khurdan'])[1 + s.i % 4],
                      CASE WHEN s.r < 0.15 THEN 'processing' WHEN s.r < 0.85 THEN 'completed' ELSE 'rejected' END,
                      '{{"purpose": "work"}}', '', 1, '', s.made, s.made,
                      CASE WHEN s.r < 0.15 THEN NULL ELSE s.made + interval '2 days' END,
                      s.made + interval '2 days', s.made + interval '10 days', 0, '', '', '', 0
               FROM (SELECT i, random() r, now() - random() * interval '1095 days' made,
                            floor(random() * {len(weighted)})::int k
                     FROM generate_series(1, {REQUESTS}) i OFFSET 0) s
               JOIN bench_slot b ON b.k = s.k"""
        )
        cursor.execute(
            """INSERT INTO cases_workitem (request_id, task_id, element_id, name, role, organisation_id, territory_path,
                   status, actions, decision_field, due_at, created_at)
               SELECT id, 'bench-' || id, 'check_register', 'Check the request against the register', 'officer',
                      organisation_id, territory_path, 'open',
                      '[{"value": "approve", "label": "Approve"}, {"value": "reject", "label": "Reject"}]', 'decision',
                      norm_due_at, created_at
               FROM cases_request WHERE status = 'processing'"""
        )
        # A database in service has been vacuumed: without it, autovacuum runs over the fresh million rows in the
        # middle of the measurements, and index-only scans still visit the heap.
        cursor.execute("VACUUM (ANALYZE) cases_request, cases_workitem, accounts_user")
        cursor.execute("ANALYZE")
    return Request.objects.count()


def _officer(territory_code: str) -> User:
    officer = User.objects.create_user(username=f"bench-officer-{territory_code}", kind=UserKind.STAFF)
    RoleAssignment.objects.create(
        user=officer, role=Role.OFFICER, organisation=Organisation.objects.get(code=f"gov-{territory_code}")
    )
    return officer


def _timed(client: Client, path: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return samples[5:]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shared_cache_url() -> str:
    """The production server's shared cache (REDIS_URL, else a Redis on this machine), or "" without one."""
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return ""
    return url


def _gunicorn(port: int, static_root: str) -> subprocess.Popen[bytes]:
    """The production server on the benchmark's database, with production settings (and the same secret key, so
    that sessions made here are valid there), and a shared cache when there is one, as in production."""
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DEBUG": "0",
        "NUTAG_TESTING": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "PORT": str(port),
        "WEB_CONCURRENCY": os.environ.get("NUTAG_BENCH_WORKERS", "4"),
        "NUTAG_DATA_DIR": static_root,
        "REDIS_URL": shared_cache_url(),
        "DATABASE_URL": f"postgres://{database['USER'] or 'postgres'}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def _http_times(port: int, path: str, cookie: str, runs: int, warmup: int = 3) -> list[float]:
    """Sequential requests on one connection at a time: the server's time per page plus loopback."""
    samples = []
    for _ in range(runs):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"Cookie": f"sessionid={cookie}"}
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
            response.read()
            assert response.status == 200 and response.url.endswith(path), (path, response.url)
        samples.append((time.perf_counter() - started) * 1000)
    return samples[warmup:]


def _session(user: User) -> str:
    """A session the production server accepts (made in the database it reads sessions from)."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _browser_cookies(url: str, session: str) -> str:
    """The cookies a browser sends after its first page: the session and the CSRF cookie that page set."""
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})  # noqa: S310 - our own server
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
        set_cookies = response.headers.get_all("Set-Cookie") or []
    csrf = next((c.split(";")[0] for c in set_cookies if c.startswith("csrftoken=")), "")
    return "; ".join(part for part in (f"sessionid={session}", csrf) if part)


def _wrk(url: str, cookie: str) -> float:
    """Requests per second at 16 connections; `cookie` is the session key, or a whole Cookie header."""
    header = cookie if "=" in cookie else f"sessionid={cookie}"
    output = subprocess.run(
        ["wrk", "-t2", "-c16", "-d10s", "-H", f"Cookie: {header}", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"the page did not answer 200 under load:\n{output}")
    return float(next(line.split()[1] for line in output.splitlines() if line.startswith("Requests/sec")))


def _submissions_per_second(
    port: int, token: str, seconds: float = 10.0, threads: int = 8
) -> tuple[int, float]:
    done = [0]
    deadline = time.monotonic() + seconds
    run = secrets.token_hex(4)  # fresh idempotency keys: every call is a new submission, not a replay
    lock = threading.Lock()

    def call(method: str, path: str, body: dict[str, Any] | None, key: str = "") -> dict[str, Any]:
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}",
            data=json.dumps(body or {}).encode(),
            headers=headers,
            method=method,
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
            return json.loads(response.read())

    def worker(number: int) -> None:
        sequence = 0
        while time.monotonic() < deadline:
            sequence += 1
            submitted = call(
                "POST",
                "/api/v1/requests",
                {
                    "service": "BENCH-LETTER",
                    "territory": BUSY_DISTRICT,
                    "answers": {"purpose": "work"},
                    "submit": True,
                },
                key=f"bench-{run}-{number}-{sequence}",
            )
            assert submitted["status"] == "submitted"
            with lock:
                done[0] += 1

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return done[0], done[0] / (time.monotonic() - started)


def run() -> list[dict[str, Any]]:
    if connection.vendor != "postgresql":
        return [
            {
                "name": "requests_benchmarks",
                "value": None,
                "unit": "skipped: needs DATABASE_URL=postgres://...",
                "rows": 0,
            }
        ]
    territory_load()
    organisations_demo_load()
    holidays_load()
    version = _service()
    started = time.perf_counter()
    rows = _bulk_load(version)
    load_seconds = time.perf_counter() - started
    figures: list[dict[str, Any]] = [
        {"name": "requests_bulk_load", "value": round(load_seconds, 1), "unit": "s", "rows": rows}
    ]

    officer = _officer(BUSY_DISTRICT)
    sample = list(
        Request.objects.filter(territory__code=BUSY_DISTRICT).values_list("pk", "applicant_id")[:400]
    )
    random.Random(7).shuffle(sample)
    port = _free_port()
    with tempfile.TemporaryDirectory() as static_root:
        server = _gunicorn(port, static_root)
        try:
            p50, p95 = _percentiles(
                # each of the 4 workers renders its first pages cold (templates, translations): warm up first
                _http_times(port, "/workspace/queue/", _session(officer), 110, warmup=10)
            )
            figures += [
                {"name": "queue_page_busy_district_p50", "value": p50, "unit": "ms", "rows": rows},
                {"name": "queue_page_busy_district_p95", "value": p95, "unit": "ms", "rows": rows},
            ]
            samples: list[float] = []
            for pk, applicant_id in sample[:150]:
                samples += _http_times(
                    port, f"/requests/{pk}/", _session(User.objects.get(pk=applicant_id)), 4
                )
            p50, p95 = _percentiles(samples)
            figures += [
                {"name": "citizen_request_page_p50", "value": p50, "unit": "ms", "rows": rows},
                {"name": "citizen_request_page_p95", "value": p95, "unit": "ms", "rows": rows},
            ]
            pk, applicant_id = sample[0]
            applicant = User.objects.get(pk=applicant_id)
            if shutil.which("wrk"):
                page = f"http://127.0.0.1:{port}/requests/{pk}/"
                rate = _wrk(page, _browser_cookies(page, _session(applicant)))
                figures.append(
                    {
                        "name": "citizen_request_page_throughput_gunicorn_16_connections",
                        "value": rate,
                        "unit": "requests/s",
                        "rows": rows,
                    }
                )
            token = Token.objects.create(user=applicant).key
            count, rate = _submissions_per_second(port, token)
            figures.append(
                {
                    "name": "api_submissions_per_second",
                    "value": round(rate, 1),
                    "unit": "submissions/s (gunicorn; each starts its process and queues the citizen's SMS)",
                    "rows": rows + count,
                }
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return figures
