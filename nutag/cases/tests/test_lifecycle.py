import datetime

import pytest

from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.choices import RequestStatus, WorkItemStatus
from nutag.cases.models import Request, RequestEvent, WorkItem
from nutag.cases.numbers import is_valid
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed


def _submitted(adoption: Adoption, citizen: User, **kwargs: object) -> Request:
    request = services.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    return services.request_submit(request=request, actor=citizen, **kwargs)  # type: ignore[arg-type]


def test_citizen_applies_officer_approves_and_the_result_is_issued(
    letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    citizen.email = "dorj@example.mn"
    citizen.save()
    request = _submitted(letter_service, citizen)
    assert request.status == RequestStatus.SUBMITTED and is_valid(request.number or "")
    item = WorkItem.objects.get(request=request, status=WorkItemStatus.OPEN)
    assert item.role == "officer" and {a["value"] for a in item.actions} == {"approve", "reject"}
    services.workitem_claim(item=item, actor=officer_soum_a)
    request = services.request_act(item=item, actor=officer_soum_a, action="approve")
    assert request.status == RequestStatus.COMPLETED and request.closed_at is not None
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds[:3] == ["created", "document_added", "submitted"] and "result_issued" in kinds
    assert not WorkItem.objects.filter(request=request, status=WorkItemStatus.OPEN).exists()
    assert (
        list(request.notifications.values_list("status", flat=True)) == ["queued"] * 3
    )  # submitted, result, closed


def test_rejection_needs_a_reason_that_the_citizen_sees(
    letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    request = _submitted(letter_service, citizen)
    item = services.workitem_claim(item=WorkItem.objects.get(request=request), actor=officer_soum_a)
    with pytest.raises(ValidationFailed):
        services.request_act(item=item, actor=officer_soum_a, action="reject")
    assert Request.objects.get(pk=request.pk).status == RequestStatus.PROCESSING
    request = services.request_act(
        item=item, actor=officer_soum_a, action="reject", reason="Not registered in this soum"
    )
    assert (
        request.status == RequestStatus.REJECTED and request.decision_reason == "Not registered in this soum"
    )


def test_an_action_the_step_does_not_offer_is_refused_and_nothing_changes(
    letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    request = _submitted(letter_service, citizen)
    item = services.workitem_claim(item=WorkItem.objects.get(request=request), actor=officer_soum_a)
    version = Request.objects.get(pk=request.pk).version
    with pytest.raises(ValidationFailed):
        services.request_act(item=item, actor=officer_soum_a, action="approve_twice")
    assert Request.objects.get(pk=request.pk).version == version


def test_officer_of_another_soum_cannot_claim_or_act(
    letter_service: Adoption, citizen: User, officer_soum_b: User
) -> None:
    request = _submitted(letter_service, citizen)
    item = WorkItem.objects.get(request=request)
    with pytest.raises(PermissionDenied):
        services.workitem_claim(item=item, actor=officer_soum_b)
    with pytest.raises(PermissionDenied):
        services.request_act(item=item, actor=officer_soum_b, action="approve")
    assert WorkItem.objects.get(pk=item.pk).claimed_by is None


def test_second_claim_and_stale_action_get_conflicts(
    letter_service: Adoption, citizen: User, officer_soum_a: User, supervisor_a: User
) -> None:
    request = _submitted(letter_service, citizen)
    item = services.workitem_claim(item=WorkItem.objects.get(request=request), actor=officer_soum_a)
    with pytest.raises(Conflict):
        services.workitem_claim(item=item, actor=supervisor_a)
    stale_version = Request.objects.get(pk=request.pk).version - 1
    with pytest.raises(Conflict):
        services.request_act(
            item=item, actor=officer_soum_a, action="approve", expected_version=stale_version
        )
    services.request_act(item=item, actor=officer_soum_a, action="approve")
    with pytest.raises(Conflict):
        services.request_act(item=item, actor=officer_soum_a, action="approve")


def test_supervisor_assigns_and_the_holder_releases(
    letter_service: Adoption, citizen: User, officer_soum_a: User, supervisor_a: User, officer_soum_b: User
) -> None:
    request = _submitted(letter_service, citizen)
    item = WorkItem.objects.get(request=request)
    with pytest.raises(PermissionDenied):
        services.workitem_assign(item=item, actor=officer_soum_a, assignee=officer_soum_a)
    with pytest.raises(ValidationFailed):
        services.workitem_assign(item=item, actor=supervisor_a, assignee=officer_soum_b)
    services.workitem_assign(item=item, actor=supervisor_a, assignee=officer_soum_a)
    services.workitem_release(item=item, actor=officer_soum_a)
    assert WorkItem.objects.get(pk=item.pk).claimed_by is None


def test_submitting_twice_creates_one_request(letter_service: Adoption, citizen: User) -> None:
    first = services.request_start(
        adoption=letter_service, applicant=citizen, actor=citizen, form_data=ANSWERS, idempotency_key="k-1"
    )
    again = services.request_start(
        adoption=letter_service, applicant=citizen, actor=citizen, form_data=ANSWERS, idempotency_key="k-1"
    )
    assert first.pk == again.pk
    services.request_attach_document(request=first, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF)
    one = services.request_submit(request=first, actor=citizen)
    two = services.request_submit(request=first, actor=citizen)
    assert one.number == two.number
    assert Request.objects.count() == 1 and WorkItem.objects.count() == 1


def test_missing_answers_and_documents_block_submission(letter_service: Adoption, citizen: User) -> None:
    request = services.request_start(adoption=letter_service, applicant=citizen, actor=citizen)
    with pytest.raises(ValidationFailed) as refused:
        services.request_submit(request=request, actor=citizen)
    assert {"purpose", "document:ID_CARD"} <= set(refused.value.details)
    assert Request.objects.get(pk=request.pk).status == RequestStatus.DRAFT and not WorkItem.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("id.pdf", b"MZ\x90\x00 an executable"),
        ("photo.png", PDF),
        ("id.exe", b"%PDF-1.4"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)),
    ],
)
def test_disguised_unknown_or_too_large_files_are_refused(
    letter_service: Adoption, citizen: User, name: str, content: bytes
) -> None:
    request = services.request_start(adoption=letter_service, applicant=citizen, actor=citizen)
    with pytest.raises(ValidationFailed):
        services.request_attach_document(
            request=request, actor=citizen, code="ID_CARD", name=name, content=content
        )
    assert not request.documents.exists()


def test_operator_applies_for_a_citizen_found_by_register_number(
    letter_service: Adoption, citizen: User, operator_soum_a: User, officer_soum_b: User
) -> None:
    request = services.request_start(
        adoption=letter_service, applicant=citizen, actor=operator_soum_a, form_data=ANSWERS
    )
    assert request.channel == "operator" and request.operator == operator_soum_a
    with pytest.raises(PermissionDenied):
        services.request_start(adoption=letter_service, applicant=citizen, actor=officer_soum_b)


def test_deadlines_count_working_days_and_skip_holidays(letter_service: Adoption, citizen: User) -> None:
    # Wednesday 25 November 2026, 10:00 local; 26 November is Independence Day, then a weekend.
    moment = datetime.datetime(2026, 11, 25, 2, 0, tzinfo=datetime.UTC)
    request = _submitted(letter_service, citizen, now=moment)
    assert request.norm_due_at is not None
    # the norm is 2 working days: Friday 27 and Monday 30 November; due at the end of Monday, local time
    assert request.norm_due_at == datetime.datetime(2026, 11, 30, 15, 59, 59, tzinfo=datetime.UTC)


def test_welfare_return_for_correction_pauses_the_clock(
    welfare_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    start = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)
    request = _submitted(welfare_service, citizen, now=start)
    first_due = request.norm_due_at
    item = services.workitem_claim(
        item=WorkItem.objects.get(request=request, status="open"), actor=officer_soum_a
    )
    with pytest.raises(ValidationFailed):
        services.request_act(item=item, actor=officer_soum_a, action="return", now=start)
    request = services.request_act(
        item=item, actor=officer_soum_a, action="return", note="Attach the income statement", now=start
    )
    assert request.status == RequestStatus.RETURNED and request.paused_at == start
    back = start + datetime.timedelta(days=7)  # a week later: five working days
    request = services.request_resubmit(request=request, actor=citizen, now=back)
    assert request.status == RequestStatus.PROCESSING
    assert request.norm_due_at is not None and first_due is not None
    assert request.paused_working_days == 5 and request.norm_due_at > first_due
    assert WorkItem.objects.filter(request=request, status="open").count() == 1


def test_fee_step_waits_for_payment(
    permit_service: Adoption, citizen: User, supervisor_a: User, operator_soum_a: User
) -> None:
    request = _submitted(permit_service, citizen)
    steps = []
    while request.status not in (
        RequestStatus.AWAITING_PAYMENT,
        RequestStatus.REJECTED,
        RequestStatus.COMPLETED,
    ):
        item = WorkItem.objects.filter(request=request, status="open").first()
        assert item is not None, request.status
        steps.append(item.role)
        services.workitem_claim(item=item, actor=supervisor_a)
        request = services.request_act(item=item, actor=supervisor_a, action=item.actions[0]["value"])
    assert "supervisor" in steps  # the permit's approval is the supervisor's
    assert request.status == RequestStatus.AWAITING_PAYMENT and request.fee_mnt == 25000
    with pytest.raises(ValidationFailed):
        services.request_record_payment(
            request=request, actor=operator_soum_a, amount_mnt=100, reference="R-1"
        )
    request = services.request_record_payment(
        request=request, actor=operator_soum_a, amount_mnt=25000, reference="R-1"
    )
    assert request.status in (RequestStatus.PROCESSING, RequestStatus.COMPLETED)


def test_request_events_are_append_only(letter_service: Adoption, citizen: User) -> None:
    from django.db import DatabaseError, transaction

    request = _submitted(letter_service, citizen)
    with pytest.raises(DatabaseError), transaction.atomic():
        RequestEvent.objects.filter(request=request).update(kind="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        RequestEvent.objects.filter(request=request).delete()


def test_a_free_service_passes_its_fee_step_without_waiting(
    holidays: None, citizen: User, supervisor_a: User
) -> None:
    from nutag.cases.tests.conftest import with_process

    adoption = with_process("permit", "BUS-701", fee_mnt=0, category="business")
    request = _submitted(adoption, citizen)
    while request.status in (RequestStatus.SUBMITTED, RequestStatus.PROCESSING) and request.work_items.filter(
        status="open"
    ):
        item = services.workitem_claim(
            item=request.work_items.filter(status="open").first(), actor=supervisor_a
        )
        request = services.request_act(item=item, actor=supervisor_a, action=item.actions[0]["value"])
    assert request.status != RequestStatus.AWAITING_PAYMENT
    assert not request.events.filter(kind="fee_requested").exists()
