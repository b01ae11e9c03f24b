"""An officer holding a step asks the applicant for more documents: the request waits with its clock stopped, the
step stays with the officer, and the applicant (or their operator) uploads and sends the documents."""

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.choices import RequestStatus, WorkItemStatus
from nutag.cases.models import DocumentRequest, Notification, Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed

# Tuesday 1 December 2026, 10:00 in Ulaanbaatar; no public holiday until the 29th.
START = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)
ASKED = ["Income statement", "Marriage certificate"]


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _held(adoption: Adoption, applicant: User, officer: User, actor: User | None = None) -> WorkItem:
    """A submitted request whose step the officer has taken."""
    request = services.request_start(
        adoption=adoption, applicant=applicant, actor=actor or applicant, form_data=ANSWERS
    )
    services.request_attach_document(
        request=request, actor=actor or applicant, code="ID_CARD", name="id.pdf", content=PDF
    )
    services.request_submit(request=request, actor=actor or applicant, now=START)
    item = WorkItem.objects.get(request=request, status=WorkItemStatus.OPEN)
    return services.workitem_claim(item=item, actor=officer)


def _fresh(item: WorkItem) -> Request:
    return Request.objects.get(pk=item.request_id)


def test_documents_asked_sent_and_the_clock_moves_by_the_working_days_waited(
    letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    citizen.email = "dorj@example.mn"
    citizen.save()
    item = _held(letter_service, citizen, officer_soum_a)
    submitted = _fresh(item)
    # The norm is 2 working days: due at the end of Thursday 3 December, local time.
    assert submitted.norm_due_at == datetime.datetime(2026, 12, 3, 15, 59, 59, tzinfo=datetime.UTC)
    item_due = WorkItem.objects.get(pk=item.pk).due_at

    request = services.request_ask_for_documents(
        item=item, actor=officer_soum_a, documents=ASKED, note="Both from this year", now=START
    )
    assert (
        request.status == RequestStatus.DOCUMENTS_REQUESTED and request.e_mongolia_status == "FILE_REQUESTED"
    )
    assert request.paused_at == START
    asked = DocumentRequest.objects.get(request=request)
    assert [d["name"] for d in asked.documents] == ASKED and asked.requested_by == officer_soum_a
    still = WorkItem.objects.get(pk=item.pk)
    assert (
        still.status == WorkItemStatus.OPEN and still.claimed_by == officer_soum_a
    )  # the process did not move
    event = request.events.get(kind="documents_requested")
    assert event.actor == officer_soum_a and event.is_visible_to_applicant
    assert "Income statement" in event.reason and "Both from this year" in event.reason
    notification = Notification.objects.filter(request=request).order_by("-id").first()
    assert notification is not None and "Marriage certificate" in notification.body

    for code, name in zip(asked.codes, ("income.pdf", "marriage.png"), strict=True):
        content = PDF if name.endswith(".pdf") else b"\x89PNG\r\n\x1a\n0000"
        services.request_attach_document(
            request=request, actor=citizen, code=code, name=name, content=content
        )
    back = START + datetime.timedelta(days=7)  # Tuesday 8 December: five working days later
    request = services.request_send_documents(request=request, actor=citizen, now=back)

    assert request.status == RequestStatus.PROCESSING and request.paused_at is None
    assert request.paused_working_days == 5
    # 2 + 5 working days from Tuesday 1 December: Thursday 10 December, end of the day local time.
    assert request.norm_due_at == datetime.datetime(2026, 12, 10, 15, 59, 59, tzinfo=datetime.UTC)
    assert submitted.statutory_due_at is not None and request.statutory_due_at is not None
    assert request.statutory_due_at > submitted.statutory_due_at
    moved = WorkItem.objects.get(pk=item.pk)
    assert item_due is not None and moved.due_at is not None and moved.due_at > item_due
    assert moved.status == WorkItemStatus.OPEN and moved.claimed_by == officer_soum_a
    asked.refresh_from_db()
    assert asked.status == "sent" and asked.sent_by == citizen and asked.sent_at == back
    sent = request.events.get(kind="documents_sent")
    assert sent.actor == citizen and sent.after is not None and sent.after["paused_working_days"] == 5
    assert {d["name"] for d in sent.after["documents"]} == {"income.pdf", "marriage.png"}

    request = services.request_act(item=moved, actor=officer_soum_a, action="approve")
    assert request.status == RequestStatus.COMPLETED


@pytest.mark.parametrize("documents", [[], ["", "   "]])
def test_naming_no_document_changes_nothing(
    letter_service: Adoption, citizen: User, officer_soum_a: User, documents: list[str]
) -> None:
    item = _held(letter_service, citizen, officer_soum_a)
    before = _fresh(item)
    with pytest.raises(ValidationFailed) as refused:
        services.request_ask_for_documents(item=item, actor=officer_soum_a, documents=documents)
    assert "documents" in refused.value.details
    after = _fresh(item)
    assert (after.status, after.version, after.paused_at) == (before.status, before.version, None)
    assert (
        not DocumentRequest.objects.exists() and not after.events.filter(kind="documents_requested").exists()
    )


def test_sending_with_nothing_or_not_everything_uploaded_is_refused(
    letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    item = _held(letter_service, citizen, officer_soum_a)
    request = services.request_ask_for_documents(item=item, actor=officer_soum_a, documents=ASKED)
    with pytest.raises(ValidationFailed) as refused:
        services.request_send_documents(request=request, actor=citizen)
    assert refused.value.message == "Upload the documents asked for before sending them."
    assert len(refused.value.details) == 2
    codes = DocumentRequest.objects.get().codes
    services.request_attach_document(request=request, actor=citizen, code=codes[0], name="a.pdf", content=PDF)
    version = _fresh(item).version
    with pytest.raises(ValidationFailed) as refused:
        services.request_send_documents(request=request, actor=citizen)
    assert list(refused.value.details) == [f"document:{codes[1]}"]
    after = _fresh(item)
    assert after.status == RequestStatus.DOCUMENTS_REQUESTED and after.version == version
    assert after.paused_at is not None and DocumentRequest.objects.get().status == "open"


def test_uploads_must_be_of_a_document_asked_for_and_pass_the_usual_checks(
    letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    item = _held(letter_service, citizen, officer_soum_a)
    request = services.request_ask_for_documents(item=item, actor=officer_soum_a, documents=ASKED)
    code = DocumentRequest.objects.get().codes[0]
    with pytest.raises(ValidationFailed):
        services.request_attach_document(
            request=request, actor=citizen, code="ASKED9-9", name="a.pdf", content=PDF
        )
    with pytest.raises(ValidationFailed):
        services.request_attach_document(
            request=request, actor=citizen, code=code, name="a.pdf", content=b"MZ\x90 not a pdf"
        )
    assert not request.documents.filter(code=code).exists()


def test_only_the_holder_of_the_step_asks_and_a_stale_version_is_a_conflict(
    letter_service: Adoption, citizen: User, officer_soum_a: User, officer_soum_b: User, supervisor_a: User
) -> None:
    item = _held(letter_service, citizen, officer_soum_a)
    version = _fresh(item).version
    for stranger in (officer_soum_b, supervisor_a, citizen):
        with pytest.raises(PermissionDenied):
            services.request_ask_for_documents(item=item, actor=stranger, documents=ASKED)
    with pytest.raises(Conflict):
        services.request_ask_for_documents(
            item=item, actor=officer_soum_a, documents=ASKED, expected_version=version - 1
        )
    assert _fresh(item).version == version and not DocumentRequest.objects.exists()
    services.request_ask_for_documents(
        item=item, actor=officer_soum_a, documents=ASKED, expected_version=version
    )
    with pytest.raises(Conflict):  # already waiting for documents
        services.request_ask_for_documents(item=item, actor=officer_soum_a, documents=["Another"])
    assert DocumentRequest.objects.count() == 1


def test_only_the_applicant_or_their_operator_sends(
    letter_service: Adoption,
    citizen: User,
    officer_soum_a: User,
    operator_soum_a: User,
    make_citizen: Callable[..., User],
) -> None:
    item = _held(letter_service, citizen, officer_soum_a, actor=operator_soum_a)
    request = services.request_ask_for_documents(
        item=item, actor=officer_soum_a, documents=["Income statement"]
    )
    code = DocumentRequest.objects.get().codes[0]
    services.request_attach_document(
        request=request, actor=operator_soum_a, code=code, name="i.pdf", content=PDF
    )
    for stranger in (make_citizen(register_number="УБ99112233"), officer_soum_a):
        with pytest.raises(PermissionDenied):
            services.request_send_documents(request=request, actor=stranger)
    assert _fresh(item).status == RequestStatus.DOCUMENTS_REQUESTED
    request = services.request_send_documents(request=request, actor=operator_soum_a)
    assert request.status == RequestStatus.PROCESSING
    with pytest.raises(Conflict):  # sending again: nothing is waiting any more
        services.request_send_documents(request=request, actor=citizen)


def test_the_officer_may_decide_without_the_documents_and_the_wait_ends(
    letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    item = _held(letter_service, citizen, officer_soum_a)
    services.request_ask_for_documents(item=item, actor=officer_soum_a, documents=ASKED, now=START)
    later = START + datetime.timedelta(days=2)  # Thursday: two working days
    request = services.request_act(
        item=item, actor=officer_soum_a, action="reject", reason="The documents did not come", now=later
    )
    assert request.status == RequestStatus.REJECTED and request.paused_at is None
    assert request.paused_working_days == 2
    assert DocumentRequest.objects.get().status == "closed"
    decided = request.events.get(kind="decided")
    assert decided.status_before == RequestStatus.DOCUMENTS_REQUESTED
