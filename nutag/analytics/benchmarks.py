"""Insights at national scale (PostgreSQL). NUTAG_BENCH_INSIGHT_REQUESTS closed requests (a million by default;
NUTAG_BENCH_INSIGHT_REQUESTS=10000000 for the issue's ten million) of NUTAG_BENCH_INSIGHT_SERVICES reference
services (60 by default, the busiest far busier than the rest) over every soum and district and three years of
growing use, with their events and work items; the rollups built set-based; the dashboard's p50/p95 through the
Django test client; and the time to fold 10,000 new events incrementally.

The rows are generated inside the database (INSERT … SELECT over generate_series, through a temporary staging
table), with the keys, constraints and indexes of the loaded tables dropped during the load and built again
afterwards: one sort per index and one join per foreign key instead of index updates and a trigger per row."""

import gc
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
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

REQUESTS = int(os.environ.get("NUTAG_BENCH_INSIGHT_REQUESTS", "1000000"))
SERVICES = int(os.environ.get("NUTAG_BENCH_INSIGHT_SERVICES", "60"))
NEW_REQUESTS = 5_000  # two events each: 10,000 events to fold
CITIZENS = 10_000
# The step each service's requests are decided at: services run one of four processes, by rank.
STEPS = [
    "Check the request against the register",
    "Review the application",
    "Committee decision",
    "Inspect the site",
]
STEP_OF_RANK = "(ARRAY[" + ", ".join(f"'{step}'" for step in STEPS) + "])[1 + rank % 4]"
LOADED_TABLES = ["cases_request", "cases_requestevent", "cases_workitem"]
DRAWS = 100_000  # resolution of the weighted draws of a place and of a service
WARM_UP, PAGE_LOADS = 5, 200


def _services() -> None:
    """SERVICES soum-level reference services, each offered by every soum and district governor's office."""
    with transaction.atomic():
        services = ReferenceService.objects.bulk_create(
            [ReferenceService(code=f"BENCH-INSIGHT-{rank:03d}") for rank in range(1, SERVICES + 1)]
        )
        versions = ServiceVersion.objects.bulk_create(
            [
                ServiceVersion(
                    service=service,
                    number=1,
                    status="published",
                    search_text="bench",
                    **version_data(documents=[]),
                )
                for service in services
            ]
        )
        for service, version in zip(services, versions, strict=True):
            service.current_version = version
        ReferenceService.objects.bulk_update(services, ["current_version"])
        with connection.cursor() as cursor:
            cursor.execute(
                """INSERT INTO catalog_adoption (service_id, version_id, derived_from_id, territory_id,
                       organisation_id, status, channels, extra_documents, extra_form_fields, note_mn, note_en,
                       territory_path, aimag_code, variance, created_at, updated_at)
                   SELECT v.service_id, v.id, v.id, t.id, o.id, 'offered', '["online", "operator", "khurdan"]',
                          '[]', '[]', '', '', t.path, substr(t.code, 1, 2), 0, now(), now()
                   FROM catalog_serviceversion v
                   CROSS JOIN territory_territoryunit t
                   JOIN organisations_organisation o ON o.code = 'gov-' || t.code
                   WHERE v.id = ANY(%s) AND t.level IN ('soum', 'district')""",
                [[version.pk for version in versions]],
            )
            cursor.execute(
                """INSERT INTO catalog_coveragecell (service_id, aimag_code, offering_units, lowest_version,
                       highest_version, max_variance)
                   SELECT service_id, aimag_code, count(*), 1, 1, 0 FROM catalog_adoption
                   WHERE service_id = ANY(%s) GROUP BY service_id, aimag_code""",
                [[service.pk for service in services]],
            )


def _prepare_draws() -> None:
    """Temporary tables the generator draws from: the places (soums and districts, each weighted by its share of
    its aimag's residents, so a district of the capital weighs some thirty rural soums), the services (the
    service of rank r weighs 1/r) and the adoption of each service in each place."""
    with connection.cursor() as cursor:
        for statement in (
            "DROP TABLE IF EXISTS insight_place, insight_place_draw, insight_service_draw, insight_adoption",
            """CREATE TEMP TABLE insight_place AS
               SELECT row_number() OVER (ORDER BY t.path)::int AS place, t.id AS territory_id,
                      o.id AS organisation_id, t.path AS territory_path, a.code AS aimag_code,
                      a.level = 'capital' AS is_capital,
                      -- Each aimag works at its own pace (0.6 to 2.2 times the mean), its code sets the factor.
                      0.6 + (a.code::int * 37 % 100) / 62.0 AS pace,
                      coalesce(a.population, 50000)::float / count(*) OVER (PARTITION BY a.id) AS residents
               FROM territory_territoryunit t
               JOIN territory_territoryunit a ON a.code = substr(t.code, 1, 2) AND a.level IN ('aimag', 'capital')
               JOIN organisations_organisation o ON o.code = 'gov-' || t.code
               WHERE t.level IN ('soum', 'district')""",
            f"""CREATE TEMP TABLE insight_place_draw AS
                SELECT (row_number() OVER (ORDER BY place) - 1)::int AS draw, place
                FROM insight_place, generate_series(1, greatest(1, round(
                    {DRAWS} * residents / (SELECT sum(residents) FROM insight_place))::int))""",
            f"""CREATE TEMP TABLE insight_service_draw AS
                SELECT (row_number() OVER (ORDER BY s.code) - 1)::int AS draw, s.rank
                FROM (SELECT code, row_number() OVER (ORDER BY code)::int AS rank FROM catalog_referenceservice
                      WHERE code LIKE 'BENCH-INSIGHT-%') s,
                     generate_series(1, greatest(1, round({DRAWS} / s.rank / (SELECT sum(1.0 / i)
                         FROM generate_series(1, {SERVICES}) i))::int))""",
            """CREATE TEMP TABLE insight_adoption AS
               SELECT ad.id AS adoption_id, ad.service_id, ad.version_id, p.place,
                      row_number() OVER (PARTITION BY p.place ORDER BY s.code)::int AS rank
               FROM catalog_adoption ad JOIN catalog_referenceservice s ON s.id = ad.service_id
               JOIN insight_place p ON p.territory_id = ad.territory_id
               WHERE s.code LIKE 'BENCH-INSIGHT-%'""",
            "CREATE UNIQUE INDEX ON insight_adoption (place, rank)",
            "ANALYZE insight_place, insight_place_draw, insight_service_draw, insight_adoption",
        ):
            cursor.execute(statement)


def _generate(count: int, *, recent: bool) -> None:
    """`count` closed requests (new ids after the highest), their events (submitted; for one in ten a return for
    correction and the correction; the closing decision at the step of the service's process) and one work item
    each, in set-based statements. Spread over the last three years with use doubling over them, nine in ten
    completed, the rest rejected; the capital's districts apply online more than rural soums do. When `recent`:
    over the last few days, without returns, so that each request brings exactly two events."""
    days = 3 if recent else 1095
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM accounts_user WHERE username LIKE 'insight-bench-%'")
        first_user = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(id), 0) FROM cases_request")
        first_id = cursor.fetchone()[0] + 1
        cursor.execute("SELECT count(*) FROM insight_place_draw")
        place_draws = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM insight_service_draw")
        service_draws = cursor.fetchone()[0]
        statements = [
            "DROP TABLE IF EXISTS insight_load",
            # The submission moments grow with i, as ids grow with time: sqrt(1 + 3f) - 1 makes the density of
            # requests double from the start of the window to its end.
            f"""CREATE TEMP TABLE insight_load AS
                SELECT {first_id - 1} + g.i AS id, a.adoption_id, a.service_id, a.version_id, a.rank,
                       p.territory_id,
                       p.organisation_id, p.territory_path, p.aimag_code,
                       CASE WHEN g.c < (CASE WHEN p.is_capital THEN 0.6 ELSE 0.35 END) THEN 'online'
                            WHEN g.c < (CASE WHEN p.is_capital THEN 0.9 ELSE 0.55 END) THEN 'khurdan'
                            ELSE 'operator' END AS channel,
                       g.made, least(now(), g.made + make_interval(secs => 600 + g.e * 86400 * 3 * p.pace)) AS closed,
                       g.returned, g.rejected
                FROM (SELECT i, floor(random() * {place_draws})::int AS pd,
                             floor(random() * {service_draws})::int AS sd, random() AS c,
                             -ln(1 - random()) AS e, random() < {0 if recent else 0.1} AS returned, random() < 0.1 AS rejected,
                             now() - interval '{days + 1} days' + interval '{days} days'
                                 * (sqrt(1 + 3 * i::float / {count}) - 1) + random() * interval '1 hour' AS made
                      FROM generate_series(1, {count}) i OFFSET 0) g
                JOIN insight_place_draw pd ON pd.draw = g.pd
                JOIN insight_place p ON p.place = pd.place
                JOIN insight_service_draw sd ON sd.draw = g.sd
                JOIN insight_adoption a ON a.place = p.place AND a.rank = sd.rank""",
            f"""INSERT INTO cases_request (id, number, service_id, adoption_id, service_version_id, organisation_id,
                    territory_id, territory_path, aimag_code, applicant_id, channel, status, form_data,
                    state_json, version, idempotency_key, created_at, submitted_at, closed_at, norm_due_at,
                    statutory_due_at, paused_working_days, correction_note, decision_reason, outcome, fee_mnt)
                SELECT id, 'I' || lpad(id::text, 9, '0'), service_id, adoption_id, version_id, organisation_id,
                       territory_id, territory_path, aimag_code, {first_user} + id % {CITIZENS}, channel,
                       CASE WHEN rejected THEN 'rejected' ELSE 'completed' END, '{{}}', '', 1, '',
                       made - interval '5 minutes', made, closed, made + interval '5 days',
                       made + interval '15 days', 0, '', '', '', 0
                FROM insight_load""",
            f"""INSERT INTO cases_requestevent (request_id, at, kind, status_before, status_after, step, reason,
                    is_visible_to_applicant)
                SELECT l.id, e.at, e.kind, e.status_before, e.status_after, e.step, '', true
                FROM insight_load l CROSS JOIN LATERAL (VALUES
                    (1, l.made, 'submitted', 'draft', 'submitted', ''),
                    (2, l.made + interval '1 hour', 'returned_for_correction', 'processing', 'returned',
                     'Return to the applicant for correction'),
                    (3, l.made + interval '1 day', 'corrected', 'returned', 'processing', ''),
                    (4, l.closed, 'decided', 'processing',
                     CASE WHEN l.rejected THEN 'rejected' ELSE 'completed' END, {STEP_OF_RANK})
                ) e(n, at, kind, status_before, status_after, step)
                WHERE l.returned OR e.n IN (1, 4)""",
            f"""INSERT INTO cases_workitem (request_id, task_id, element_id, name, role, organisation_id,
                    territory_path, status, actions, decision_field, due_at, created_at, completed_at)
                SELECT id, 'bench', 'check_register', {STEP_OF_RANK}, 'officer', organisation_id, territory_path, 'done',
                       '[]', 'decision', made + interval '5 days', closed - (closed - made) / 2, closed
                FROM insight_load""",
            # The requests took their ids from the generator: their sequence continues after the last.
            "SELECT setval(pg_get_serial_sequence('cases_request', 'id'), (SELECT max(id) FROM insight_load))",
            "DROP TABLE insight_load",
        ]
        for statement in statements:
            cursor.execute(statement)


@contextmanager
def _secondary_structures_deferred(tables: list[str]) -> Iterator[None]:
    """Drop the tables' keys, constraints and indexes (and the foreign keys of other tables that point at them)
    and build them again, exactly as they were, when the block ends: keys first, foreign keys last."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE (conrelid = ANY(%s::regclass[]) AND contype IN ('p', 'u', 'f'))
                  OR (confrelid = ANY(%s::regclass[]) AND contype = 'f')
               ORDER BY position(contype::text IN 'fup'), conrelid::regclass::text, conname""",
            [tables, tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
               WHERE indrelid = ANY(%s::regclass[])
                 AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))""",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    keys = [c for c in reversed(constraints) if not c[2].startswith("FOREIGN KEY")]
    foreign_keys = [c for c in constraints if c[2].startswith("FOREIGN KEY")]
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def _bulk_load(count: int) -> None:
    """The big load, in one transaction with room to sort and hash in memory."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        with _secondary_structures_deferred(LOADED_TABLES):
            _generate(count, recent=False)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(LOADED_TABLES)}")


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


def _dashboard_times(client: Client) -> tuple[float, float]:
    samples = []
    for _ in range(WARM_UP + PAGE_LOADS):
        begun = time.perf_counter()
        response = client.get("/insights/")
        samples.append((time.perf_counter() - begun) * 1000)
        assert response.status_code == 200, response.status_code
    return _percentiles(samples[WARM_UP:])


def _seconds_since(started: float, digits: int = 1) -> float:
    return round(time.perf_counter() - started, digits)


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
    _services()
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
    _prepare_draws()
    started = time.perf_counter()
    _bulk_load(REQUESTS)
    scale = f"{REQUESTS:,} requests of {SERVICES} services"
    if REQUESTS < 10_000_000:
        scale += "; NUTAG_BENCH_INSIGHT_REQUESTS=10000000 for the issue's ten million"
    figures: list[dict[str, Any]] = [
        {
            "name": "insights_bulk_load",
            "value": _seconds_since(started),
            "unit": "s",
            "rows": REQUESTS,
            "note": f"requests, their events and work items, then their indexes and constraints; {scale}",
        }
    ]
    started = time.perf_counter()
    events = rollups.rebuild()
    figures.append(
        {"name": "insights_rollup_build", "value": _seconds_since(started), "unit": "s", "rows": events}
    )
    client = Client()
    client.force_login(_analyst())
    note = f"GET /insights/ (the last twelve months, every aimag and service), {PAGE_LOADS} loads"
    p50, p95 = _dashboard_times(client)
    # A loaded Django process holds some 200,000 objects that every full garbage collection walks (about 100 ms
    # here, in one page load in 25); a server freezes them once loaded (gc.freeze), and so does this measure.
    gc.collect()
    gc.freeze()
    frozen_p50, frozen_p95 = _dashboard_times(client)
    gc.unfreeze()
    figures += [
        {"name": "insights_dashboard_p50", "value": frozen_p50, "unit": "ms", "rows": REQUESTS, "note": note},
        {
            "name": "insights_dashboard_p95",
            "value": frozen_p95,
            "unit": "ms",
            "rows": REQUESTS,
            "note": f"{note}; target under 100 ms",
        },
        {
            "name": "insights_dashboard_p95_without_gc_freeze",
            "value": p95,
            "unit": "ms",
            "rows": REQUESTS,
            "note": f"{note}, the process's objects not frozen: full garbage collections included (p50 {p50} ms)",
        },
    ]
    with transaction.atomic():
        _generate(NEW_REQUESTS, recent=True)
    started = time.perf_counter()
    folded = rollups.refresh()
    figures.append(
        {
            "name": "insights_fold_10000_new_events",
            "value": _seconds_since(started, 2),
            "unit": "s",
            "rows": folded,
            "note": "rollups brought up to date after 10,000 new events; target under 5 s",
        }
    )
    return figures
