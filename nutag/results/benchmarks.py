"""Result documents: how many are issued per second (render, sign, store: the work the issue-result task does
inside the officer's approval), and how many verification requests per second the production server answers
(gunicorn and wrk on PostgreSQL; in process on SQLite)."""

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from nutag.accounts.choices import Role, UserKind
from nutag.accounts.models import RoleAssignment, User
from nutag.cases import services as cases
from nutag.cases.calendar import holidays_load
from nutag.cases.models import Request
from nutag.catalog.tests.factories import adopt, published_version
from nutag.organisations.demo import organisations_demo_load
from nutag.organisations.models import Organisation
from nutag.processes.demo_models import __file__ as demo_models_file
from nutag.processes.services import process_model_upload
from nutag.results.models import ResultDocument
from nutag.results.services import document_issue
from nutag.territory.loader import territory_load

DOCUMENTS = int(os.environ.get("NUTAG_BENCH_DOCUMENTS", "200"))
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _requests(count: int) -> tuple[list[Request], User]:
    territory_load()
    organisations_demo_load()
    holidays_load()
    version = published_version(code="BENCH-RESULT", process_kind="reference_letter", fee_mnt=0)
    model = Path(demo_models_file).parent / "reference_letter.bpmn"
    process_model_upload(
        owner=version, file_name="reference_letter.bpmn", content=model.read_bytes(), actor=None
    )
    adoption = adopt(version, "6401")
    officer = User.objects.create_user(
        username="bench-result-officer", kind=UserKind.STAFF, full_name="Б. Болд"
    )
    RoleAssignment.objects.create(
        user=officer, role=Role.OFFICER, organisation=Organisation.objects.get(code="gov-6401")
    )
    made = []
    for number in range(count):
        citizen = User.objects.create_user(
            username=f"bench-result-{number}",
            kind=UserKind.CITIZEN,
            register_number=f"УБ{number:08d}",
            full_name=f"Өлзийбаяр Түмэнжаргал {number}",
        )
        request = cases.request_start(
            adoption=adoption, applicant=citizen, actor=citizen, form_data={"purpose": "work"}
        )
        cases.request_attach_document(
            request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
        )
        made.append(cases.request_submit(request=request, actor=citizen))
    return made, officer


def _issued_per_second(requests: list[Request], officer: User) -> float:
    with transaction.atomic():  # the first document builds the font cache and the demo authority
        document_issue(request=requests[0], language="mn", now=timezone.now(), officer=officer)
    started = time.perf_counter()
    for request in requests[1:]:
        with transaction.atomic():
            document_issue(request=request, language="mn", now=timezone.now(), officer=officer)
    return (len(requests) - 1) / (time.perf_counter() - started)


def _in_process_rate(path: str, seconds: float = 5.0) -> tuple[float, int]:
    client = Client()
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        done += 1
    return done / (time.perf_counter() - started), done


def _gunicorn_rates(path: str) -> tuple[float, float]:
    """Verification, and /health on the same server as the machine's baseline for one Django request."""
    from nutag.cases.benchmarks import _free_port, _gunicorn, _wrk

    # The limiter stays on (its counting is part of the cost) with a ceiling wrk never reaches.
    os.environ["NUTAG_VERIFY_RATE_LIMIT"] = "1000000"
    os.environ["NUTAG_VERIFY_RATE_WINDOW_SECONDS"] = "1"
    port = _free_port()
    with tempfile.TemporaryDirectory() as static_root:
        server = _gunicorn(port, static_root)
        try:
            return _wrk(f"http://127.0.0.1:{port}{path}", ""), _wrk(f"http://127.0.0.1:{port}/health", "")
        finally:
            server.terminate()
            server.wait(timeout=30)


def run() -> list[dict[str, Any]]:
    requests, officer = _requests(DOCUMENTS)
    figures: list[dict[str, Any]] = [
        {
            "name": "documents_issued_per_second",
            "value": round(_issued_per_second(requests, officer), 1),
            "unit": "documents/s (render, sign, store; one process)",
            "rows": ResultDocument.objects.count(),
        }
    ]
    code = ResultDocument.objects.values_list("verification_code", flat=True).first()
    path = f"/api/v1/documents/verify/{code}"
    if connection.vendor == "postgresql" and shutil.which("wrk"):
        rate, baseline = _gunicorn_rates(path)
        unit = "requests/s (gunicorn, wrk 16 connections, each logged and rate-checked)"
        figures.append(
            {
                "name": "health_requests_per_second_same_server",
                "value": baseline,
                "unit": "requests/s",
                "rows": 0,
            }
        )
    else:
        previous = getattr(settings, "NUTAG_VERIFY_RATE_LIMIT", None)
        settings.NUTAG_VERIFY_RATE_LIMIT = 1_000_000
        try:
            rate, _count = _in_process_rate(path)
        finally:
            settings.NUTAG_VERIFY_RATE_LIMIT = previous
        unit = "requests/s (in-process test client, one thread)"
    figures.append(
        {
            "name": "verification_requests_per_second",
            "value": round(rate, 1),
            "unit": unit,
            "rows": ResultDocument.objects.count(),
        }
    )
    return figures
