"""Insights at national scale (PostgreSQL): NUTAG_BENCH_INSIGHT_REQUESTS closed requests (ten million by
default) over every soum and district and three years, loaded with INSERT … SELECT generate_series (two or three
events and one work item each); the rollups built set-based; the dashboard's p50/p95 through the Django test
client; and the time to fold 10,000 new events incrementally."""

import os
import statistics
import time
from typing import Any

from django.db import connection, transaction
from django.test import Client

from nutag.accounts.choices import Role, UserKind
from nutag.accounts.models import RoleAssignment, User
from nutag.analytics import rollups
from nutag.catalog.models import ReferenceService, ServiceVersion
from nutag.catalog.tests.factories import version_data
from nutag.organisations.demo import organisations_demo_load
from nutag.organisations.models import Organisation
from nutag.territory.loader import territory_load

REQUESTS = int(os.environ.get("NUTAG_BENCH_INSIGHT_REQUESTS", "10000000"))
NEW_REQUESTS = 5_000  # two events each: 10,000 events to fold
CITIZENS = 1_000
STEP = "Check the request against the register"


@transaction.atomic
def _service() -> ServiceVersion:
    service = ReferenceService.objects.create(code="BENCH-INSIGHT")
    version = ServiceVersion.objects.create(
        service=service, number=1, status="published", search_text="bench", **version_data(documents=[])
    )
    service.current_version = version
    service.save(update_fields=["current_version"])
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO catalog_adoption (service_id, version_id, derived_from_id, territory_id, organisation_id,
                   status, channels, extra_documents, extra_form_fields, note_mn, note_en, territory_path, aimag_code,
                   variance, created_at, updated_at)
               SELECT %s, %s, %s, t.id, o.id, 'offered', '["online", "operator", "khurdan"]', '[]', '[]', '', '',
                      t.path, substr(t.code, 1, 2), 0, now(), now()
               FROM territory_territoryunit t JOIN organisations_organisation o ON o.code = 'gov-' || t.code
               WHERE t.level IN ('soum', 'district')""",
            [service.pk, version.pk, version.pk],
        )
        cursor.execute(
            "INSERT INTO catalog_coveragecell (service_id, aimag_code, offering_units, lowest_version,"
            " highest_version, max_variance) SELECT service_id, aimag_code, count(*), 1, 1, 0"
            " FROM catalog_adoption WHERE service_id = %s GROUP BY service_id, aimag_code",
            [service.pk],
        )
    return version


def _load(version: ServiceVersion, count: int, first_number: int, recent: bool) -> None:
    """`count` closed requests, their events (submitted, a return for one in ten, the closing decision) and one
    work item each, in set-based statements. Each aimag works at its own pace (its code sets the factor)."""
    window = "interval '3 days'" if recent else "interval '1095 days'"
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM accounts_user WHERE username LIKE 'insight-bench-%%'")
        first_user = cursor.fetchone()[0]
        cursor.execute(
            f"""CREATE TEMP TABLE IF NOT EXISTS insight_slot AS
                SELECT row_number() OVER (ORDER BY a.id) - 1 AS k, a.id AS adoption, a.territory_id,
                       a.organisation_id, a.territory_path, a.aimag_code
                FROM catalog_adoption a WHERE a.service_id = {version.service_id}"""
        )
        cursor.execute("SELECT count(*) FROM insight_slot")
        slots = cursor.fetchone()[0]
        cursor.execute(
            f"""INSERT INTO cases_request (number, service_id, adoption_id, service_version_id, organisation_id,
                   territory_id, territory_path, aimag_code, applicant_id, channel, status, form_data, state_json,
                   version, idempotency_key, created_at, submitted_at, closed_at, norm_due_at, statutory_due_at,
                   paused_working_days, correction_note, decision_reason, outcome, fee_mnt)
               SELECT 'I' || lpad(s.i::text, 9, '0'), {version.service_id}, b.adoption, {version.pk},
                      b.organisation_id, b.territory_id, b.territory_path, b.aimag_code,
                      {first_user} + (s.i % {CITIZENS}), (ARRAY['online','online','operator','khurdan'])[1 + s.i % 4],
                      CASE WHEN s.i % 10 = 3 THEN 'rejected' ELSE 'completed' END, '{{}}', '', 1, '',
                      s.made, s.made, s.made + s.took, s.made + interval '5 days', s.made + interval '15 days',
                      0, '', '', '', 0
               FROM (SELECT i, now() - random() * {window} - interval '1 day' AS made,
                            floor(random() * {slots})::int AS k,
                            make_interval(secs => 600 + (-ln(1 - random()) * 86400 * 3)) AS took
                     FROM generate_series({first_number}, {first_number + count - 1}) i OFFSET 0) s
               JOIN insight_slot b ON b.k = s.k"""
        )
        where = f"r.number >= 'I{first_number:09d}' AND r.number <= 'I{first_number + count - 1:09d}'"
        cursor.execute(
            f"""INSERT INTO cases_requestevent (request_id, at, kind, status_before, status_after, step, reason,
                   is_visible_to_applicant)
               SELECT r.id, r.submitted_at, 'submitted', 'draft', 'submitted', '', '', true
               FROM cases_request r WHERE {where}
               UNION ALL
               SELECT r.id, r.submitted_at + interval '1 hour', 'returned_for_correction', '', 'returned',
                      'Return to the applicant for correction', '', true
               FROM cases_request r WHERE {where} AND r.id % 10 = 1 AND NOT {recent}
               UNION ALL
               SELECT r.id, r.closed_at, 'decided', 'processing', r.status, '{STEP}', '', true
               FROM cases_request r WHERE {where}"""
        )
        cursor.execute(
            f"""INSERT INTO cases_workitem (request_id, task_id, element_id, name, role, organisation_id,
                   territory_path, status, actions, decision_field, due_at, created_at, completed_at)
               SELECT r.id, 'bench', 'check_register', '{STEP}', 'officer', r.organisation_id, r.territory_path,
                      'done', '[]', 'decision', r.norm_due_at,
                      r.closed_at - (r.closed_at - r.submitted_at) / 2, r.closed_at
               FROM cases_request r WHERE {where}"""
        )


def _analyst() -> User:
    analyst = User.objects.create_user(username="insight-bench-analyst", kind=UserKind.STAFF)
    RoleAssignment.objects.create(
        user=analyst, role=Role.ANALYST, organisation=Organisation.objects.get(code="e-mongolia-academy")
    )
    return analyst


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return round(statistics.median(ordered), 1), round(
        ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1
    )


def run() -> list[dict[str, Any]]:
    if connection.vendor != "postgresql":
        return [
            {
                "name": "insights_benchmarks",
                "value": None,
                "unit": "skipped: needs DATABASE_URL=postgres://...",
                "rows": 0,
            }
        ]
    territory_load()
    organisations_demo_load()
    version = _service()
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                   is_active, date_joined, kind, full_name, phone, preferred_language, totp_secret,
                   is_totp_enabled, failed_login_count)
               SELECT '!', false, 'insight-bench-' || i, '', '', '', false, true, now(), 'citizen', '', '', 'mn',
                      '', false, 0
               FROM generate_series(1, %s) i""",
            [CITIZENS],
        )
    started = time.perf_counter()
    with transaction.atomic():
        _load(version, REQUESTS, 1, recent=False)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figures: list[dict[str, Any]] = [
        {
            "name": "insights_bulk_load",
            "value": round(time.perf_counter() - started, 1),
            "unit": "s",
            "rows": REQUESTS,
        }
    ]
    started = time.perf_counter()
    events = rollups.rebuild()
    figures.append(
        {
            "name": "insights_rollup_build",
            "value": round(time.perf_counter() - started, 1),
            "unit": "s",
            "rows": events,
        }
    )
    client = Client()
    client.force_login(_analyst())
    samples = []
    for _ in range(65):
        begun = time.perf_counter()
        response = client.get("/insights/")
        samples.append((time.perf_counter() - begun) * 1000)
        assert response.status_code == 200, response.status_code
    p50, p95 = _percentiles(samples[5:])
    figures += [
        {"name": "insights_dashboard_p50", "value": p50, "unit": "ms", "rows": REQUESTS},
        {"name": "insights_dashboard_p95", "value": p95, "unit": "ms", "rows": REQUESTS},
    ]
    with transaction.atomic():
        _load(version, NEW_REQUESTS, REQUESTS + 1, recent=True)
    started = time.perf_counter()
    folded = rollups.refresh()
    figures.append(
        {
            "name": "insights_fold_10000_new_events",
            "value": round(time.perf_counter() - started, 2),
            "unit": "s",
            "rows": folded,
        }
    )
    return figures
