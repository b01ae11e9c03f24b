"""Notifications are written and queued in the transaction of the change: a rolled-back change sends nothing, a
committed one is sent by the worker."""

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.calendar import holidays_load
from nutag.cases.models import Notification, Request
from nutag.cases.tests.conftest import ANSWERS, PDF, with_process

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("worker")]


@pytest.fixture
def draft(world: None, make_citizen: Callable[..., User]) -> Request:
    holidays_load()
    adoption = with_process("reference_letter", "CIVIL-810", fee_mnt=0)
    citizen = make_citizen()
    citizen.email, citizen.phone = "dorj@example.mn", "99112233"
    citizen.save()
    request = services.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    return request


def test_a_committed_submission_is_notified_by_email_and_sms(draft: Request) -> None:
    submitted = services.request_submit(request=draft, actor=draft.applicant)
    assert DBTaskResult.objects.count() == 2
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1 and str(submitted.number) in mail.outbox[0].subject
    sms = Notification.objects.get(channel="sms")
    assert sms.status == "sent" and sms.provider_reference.startswith("dev-") and sms.address == "99112233"


def test_a_rolled_back_submission_sends_nothing(draft: Request) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        services.request_submit(request=draft, actor=draft.applicant)
        raise RuntimeError("something later in the same change failed")
    assert Request.objects.get(pk=draft.pk).status == "draft"
    assert not Notification.objects.exists() and not DBTaskResult.objects.exists()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert mail.outbox == []
