"""Asking for documents notifies the applicant in the same transaction: rolled back, nothing is sent."""

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.calendar import holidays_load
from nutag.cases.models import DocumentRequest, Notification, Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF, with_process

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("worker")]


@pytest.fixture
def held(world: None, make_citizen: Callable[..., User], officer_soum_a: User) -> WorkItem:
    holidays_load()
    adoption = with_process("reference_letter", "CIVIL-811", fee_mnt=0)
    citizen = make_citizen()
    citizen.email, citizen.phone = "dorj@example.mn", "99112233"
    citizen.save()
    request = services.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    services.request_submit(request=request, actor=citizen)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)  # the submission's messages
    mail.outbox.clear()
    return services.workitem_claim(item=WorkItem.objects.get(request=request), actor=officer_soum_a)


def test_the_applicant_is_told_which_documents_by_email_and_sms(held: WorkItem, officer_soum_a: User) -> None:
    services.request_ask_for_documents(item=held, actor=officer_soum_a, documents=["Income statement"])
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1 and "Income statement" in mail.outbox[0].body
    sms = Notification.objects.filter(channel="sms").order_by("-id").first()
    assert sms is not None and sms.status == "sent" and "Income statement" in sms.body


def test_a_rolled_back_request_for_documents_sends_nothing(held: WorkItem, officer_soum_a: User) -> None:
    notifications, tasks = Notification.objects.count(), DBTaskResult.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.request_ask_for_documents(item=held, actor=officer_soum_a, documents=["Income statement"])
        raise RuntimeError("something later in the same change failed")
    assert Request.objects.get(pk=held.request_id).status == "processing"
    assert not DocumentRequest.objects.exists()
    assert Notification.objects.count() == notifications and DBTaskResult.objects.count() == tasks
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert mail.outbox == []
