from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases import services as cases
from nutag.cases.calendar import holidays_load
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF, with_process
from nutag.catalog.models import Adoption
from nutag.catalog.tests.factories import adopt, published_version
from nutag.payments.models import Invoice
from nutag.payments.providers.qpay import forget_tokens
from nutag.processes.modeling.builder import ProcessBuilder
from nutag.processes.services import process_model_upload

DECIDE = 'decision == "{}"'


def fee_first_process() -> bytes:
    """The fee is paid before the office decides, so a refusal comes after the money (a refund is due)."""
    b = ProcessBuilder("fee_first", "Fee first", {"officer": 2})
    b.node("start", "submitted", "Submitted", "officer", 0)
    b.node("call", "collect_fee", "Collect the fee", "officer", 1, calledElement="fee_payment")
    b.node("exclusive", "paid", "Fee paid?", "officer", 2)
    b.node("user", "review", "Review the application", "officer", 3, doc="Choose approve or reject.")
    b.node("exclusive", "reviewed", "Approve?", "officer", 4)
    b.node("service", "issue", "Issue", "officer", 5, implementation="nutag:issue-result")
    b.node("end", "issued", "Issued", "officer", 6)
    b.node("service", "refuse", "Notify", "officer", 5, row=1, implementation="nutag:notify-applicant")
    b.node("end", "refused", "Refused", "officer", 6, row=1)
    b.node("end", "unpaid", "Unpaid", "officer", 3, row=1)
    b.flow("submitted", "collect_fee")
    b.flow("collect_fee", "paid")
    b.flow("paid", "review", "Paid", "payment_received == True")
    b.flow("paid", "unpaid", "Not paid", default=True)
    b.flow("review", "reviewed")
    b.flow("reviewed", "issue", "Approve", DECIDE.format("approve"))
    b.flow("reviewed", "refuse", "Reject", DECIDE.format("reject"))
    b.flow("issue", "issued")
    b.flow("refuse", "refused")
    return b.to_xml()


@pytest.fixture
def permit(world: None) -> Adoption:
    """A permit offered in soum A: review, approval, then a fee of 25,000₮, then the permit."""
    holidays_load()
    return with_process("permit", "BUS-710", fee_mnt=25000, category="business")


@pytest.fixture
def fee_first(world: None) -> Adoption:
    holidays_load()
    version = published_version(code="BUS-720", process_kind="permit", fee_mnt=5000, category="business")
    process_model_upload(owner=version, file_name="fee_first.bpmn", content=fee_first_process(), actor=None)
    return adopt(version, "6401")


@pytest.fixture
def approver(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.SUPERVISOR, "gov-6401"), (Role.OFFICER, "gov-6401"), username="approver-a")


def submitted(adoption: Adoption, citizen: User) -> Request:
    request = cases.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    cases.request_attach_document(request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF)
    return cases.request_submit(request=request, actor=citizen)


def act_until(request: Request, actor: User, *, stop: tuple[str, ...], action: str = "") -> Request:
    """Take every open step with `actor`, choosing `action` (or the first offered), until a status in `stop`."""
    for _ in range(10):
        if request.status in stop:
            return request
        item = WorkItem.objects.filter(request=request, status="open").first()
        assert item is not None, request.status
        cases.workitem_claim(item=item, actor=actor)
        chosen = action or item.actions[0]["value"]
        request = cases.request_act(
            item=item, actor=actor, action=chosen, reason="Refused" if chosen == "reject" else ""
        )
    raise AssertionError(request.status)


@pytest.fixture
def awaiting_fee(permit: Adoption, citizen: User, approver: User) -> Request:
    """A permit request approved and waiting for its fee (it has its open invoice)."""
    request = act_until(submitted(permit, citizen), approver, stop=(RequestStatus.AWAITING_PAYMENT,))
    assert request.status == RequestStatus.AWAITING_PAYMENT
    return request


def invoice_of(request: Request) -> Invoice:
    return Invoice.objects.filter(request=request).latest("id")


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.fixture(autouse=True)
def no_provider_unless_asked(settings: Any) -> None:
    """Tests reach a provider only through the `sandbox` fixture; elsewhere calls fail fast (discard port)."""
    settings.NUTAG_QPAY_BASE_URL = "http://127.0.0.1:9/v2"


@pytest.fixture
def sandbox(settings: Any, live_server: Any) -> Iterator[str]:
    """The sandbox provider served by a live server, and the QPay client configured to use it."""
    settings.NUTAG_PAYMENT_PROVIDER = "sandbox"
    settings.NUTAG_QPAY_BASE_URL = ""
    settings.NUTAG_SITE_URL = live_server.url
    forget_tokens()
    yield live_server.url
    forget_tokens()
