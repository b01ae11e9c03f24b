"""Two people acting on one request at the same moment, in real threads with their own database connections:
exactly one wins, the other gets a clear conflict, and nothing is half-done."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import close_old_connections, connection

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.calendar import holidays_load
from nutag.cases.models import Request, RequestEvent, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF, with_process
from nutag.core.errors import Conflict, PermissionDenied

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("concurrency")]


def _race(*actions: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = action()
        except Exception as error:
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def submitted(world: None, make_citizen: Callable[..., User]) -> Request:
    if connection.vendor != "postgresql":
        pytest.skip(
            "real concurrency runs on PostgreSQL (CI's second pass); the in-memory SQLite test database locks whole tables"
        )
    holidays_load()
    adoption = with_process("reference_letter", "CIVIL-800", fee_mnt=0)
    citizen = make_citizen()
    request = services.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    return services.request_submit(request=request, actor=citizen)


def test_two_officers_claiming_one_step_at_once_one_wins(
    submitted: Request, make_staff: Callable[..., User]
) -> None:
    first = make_staff((Role.OFFICER, "gov-6401"), username="race-1")
    second = make_staff((Role.OFFICER, "gov-6401"), username="race-2")
    item = WorkItem.objects.get(request=submitted)
    results = _race(
        lambda: services.workitem_claim(item=item, actor=first),
        lambda: services.workitem_claim(item=item, actor=second),
    )
    wins = [r for r in results if isinstance(r, WorkItem)]
    losses = [r for r in results if isinstance(r, Conflict)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert WorkItem.objects.get(pk=item.pk).claimed_by_id == wins[0].claimed_by.pk


def test_two_decisions_on_one_step_at_once_one_wins(
    submitted: Request, make_staff: Callable[..., User]
) -> None:
    officer = make_staff((Role.OFFICER, "gov-6401"), (Role.SUPERVISOR, "gov-6401"), username="race-3")
    item = services.workitem_claim(item=WorkItem.objects.get(request=submitted), actor=officer)
    version = Request.objects.get(pk=submitted.pk).version
    results = _race(
        lambda: services.request_act(item=item, actor=officer, action="approve", expected_version=version),
        lambda: services.request_act(
            item=item, actor=officer, action="reject", reason="no", expected_version=version
        ),
    )
    wins = [r for r in results if isinstance(r, Request)]
    assert len(wins) == 1, results
    assert all(isinstance(r, Conflict | PermissionDenied) for r in results if not isinstance(r, Request)), (
        results
    )
    final = Request.objects.get(pk=submitted.pk)
    assert final.status == wins[0].status
    assert RequestEvent.objects.filter(request=final, kind="decided").count() == 1


def test_a_submission_and_its_retry_at_the_same_moment_make_one_request(
    world: None, make_citizen: Callable[..., User]
) -> None:
    """A client retries before the first call has answered: both calls insert, the second waits on the
    idempotency key's unique index until the first commits, then returns the request the first made."""
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency runs on PostgreSQL (CI's second pass)")
    holidays_load()
    adoption = with_process("reference_letter", "CIVIL-801", fee_mnt=0, documents=[])
    citizen = make_citizen()

    def apply() -> Request:
        return services.request_apply(
            adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS, idempotency_key="tap-race"
        )

    results = _race(apply, apply)
    assert all(isinstance(r, Request) for r in results), results
    assert results[0].pk == results[1].pk and Request.objects.count() == 1
    assert RequestEvent.objects.filter(kind="submitted").count() == 1
    assert WorkItem.objects.count() == 1
