"""Timers of the process, fired by the worker with a controlled clock: reminders, and a correction never made."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption

START = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)  # a Tuesday morning in Ulaanbaatar


def _submit(adoption: Adoption, citizen: User) -> Request:
    request = services.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    return services.request_submit(request=request, actor=citizen, now=START)


def test_a_reminder_fires_after_one_working_day_and_the_work_stays_open(
    letter_service: Adoption, citizen: User
) -> None:
    request = _submit(letter_service, citizen)
    assert request.next_timer_at is not None
    too_early = services.request_fire_timers(request=request, now=START + datetime.timedelta(hours=2))
    assert not too_early.events.filter(kind="staff_reminded").exists()
    later = services.request_fire_timers(request=request, now=START + datetime.timedelta(days=2))
    assert later.events.filter(kind="staff_reminded").count() == 1
    assert later.status == RequestStatus.SUBMITTED
    assert WorkItem.objects.filter(request=request, status="open").count() == 1


def test_a_correction_not_made_in_time_expires_the_request(
    welfare_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    request = _submit(welfare_service, citizen)
    item = services.workitem_claim(
        item=WorkItem.objects.get(request=request, status="open"), actor=officer_soum_a
    )
    request = services.request_act(
        item=item, actor=officer_soum_a, action="return", note="Add the income statement", now=START
    )
    assert request.status == RequestStatus.RETURNED
    expired = services.request_fire_timers(request=request, now=START + datetime.timedelta(days=60))
    assert expired.status == RequestStatus.EXPIRED and expired.closed_at is not None
    assert not WorkItem.objects.filter(request=request, status="open").exists()


def test_the_timer_command_fires_what_is_due(letter_service: Adoption, citizen: User) -> None:
    request = _submit(letter_service, citizen)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Request.objects.filter(pk=request.pk).update(next_timer_at=an_hour_ago)
    out = StringIO()
    call_command("fire_timers", stdout=out)
    assert "Fired the timers of 1 requests." in out.getvalue()
