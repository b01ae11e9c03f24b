"""Coverage matrix at national scale: 2,000 reference services, every one adopted by all 330 soums."""

import statistics
import time
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from nutag.catalog.models import Adoption, ReferenceService, ServiceVersion
from nutag.catalog.services import coverage_refresh
from nutag.catalog.tests.factories import version_data
from nutag.core.text import fold

SERVICES = 2000


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@transaction.atomic
def _load() -> int:
    content = version_data()
    services = ReferenceService.objects.bulk_create(
        [ReferenceService(code=f"BENCH-{number:04d}") for number in range(SERVICES)], batch_size=1000
    )
    now = timezone.now()
    versions = ServiceVersion.objects.bulk_create(
        [
            ServiceVersion(
                service=service,
                number=1,
                status="published",
                published_at=now,
                search_text=fold(f"{service.code} {content['name_mn']}"),
                **content,
            )
            for service in services
        ],
        batch_size=1000,
    )
    for service, version in zip(services, versions, strict=True):
        service.current_version = version
    ReferenceService.objects.bulk_update(services, ["current_version"], batch_size=1000)
    # One statement builds every soum's adoption of every service: far faster than saving rows one by one.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO catalog_adoption (service_id, version_id, derived_from_id, territory_id, organisation_id,
                status, channels, extra_documents, extra_form_fields, note_mn, note_en, territory_path, aimag_code,
                variance, created_at, updated_at)
            SELECT v.service_id, v.id, v.id, t.id, o.id, 'offered', '["online"]', '[]', '[]', '', '', t.path,
                   substr(t.code, 1, 2), 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
            FROM catalog_serviceversion v
            CROSS JOIN territory_territoryunit t
            JOIN organisations_organisation o ON o.code = 'gov-' || t.code
            WHERE t.level = 'soum' AND v.service_id IN (SELECT id FROM catalog_referenceservice WHERE code LIKE 'BENCH-%%')
            """
        )
    coverage_refresh()
    return Adoption.objects.count()


def run() -> list[dict[str, Any]]:
    from nutag.organisations.demo import organisations_demo_load
    from nutag.territory.loader import territory_load

    territory_load()
    organisations_demo_load()
    started = time.perf_counter()
    adoptions = _load()
    load_seconds = time.perf_counter() - started
    client = Client()
    samples = []
    for run_number in range(40):
        started = time.perf_counter()
        response = client.get("/coverage/", {"page": 1 + run_number % 5})
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200
        if run_number >= 5:
            samples.append(elapsed)
    started = time.perf_counter()
    client.get("/coverage/", {"format": "csv"}).getvalue()
    export_ms = (time.perf_counter() - started) * 1000
    return [
        {
            "name": "coverage_matrix_page_p50",
            "value": round(statistics.median(samples), 1),
            "unit": "ms",
            "rows": adoptions,
        },
        {
            "name": "coverage_matrix_page_p95",
            "value": round(_percentile(samples, 0.95), 1),
            "unit": "ms",
            "rows": adoptions,
        },
        {"name": "coverage_matrix_csv_export", "value": round(export_ms, 1), "unit": "ms", "rows": adoptions},
        {
            "name": "coverage_load_2000_services_x_330_soums",
            "value": round(load_seconds, 2),
            "unit": "s",
            "rows": adoptions,
        },
    ]
