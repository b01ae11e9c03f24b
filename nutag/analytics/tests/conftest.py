import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases.calendar import holidays_load
from nutag.cases.choices import RequestStatus, WorkItemStatus
from nutag.cases.models import Request, RequestEvent, WorkItem
from nutag.cases.numbers import new_number
from nutag.cases.tests.conftest import with_process
from nutag.catalog.models import Adoption

UTC = datetime.UTC


@pytest.fixture
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def holidays(world: None) -> None:
    holidays_load()


@pytest.fixture
def letter_service(holidays: None) -> Adoption:
    return with_process("reference_letter", "CIVIL-700", fee_mnt=0)


@pytest.fixture
def welfare_service(holidays: None) -> Adoption:
    return with_process("welfare_committee", "WELF-700", fee_mnt=0, category="welfare")


@pytest.fixture
def aimag_analyst(make_staff: Callable[..., User]) -> User:
    """Leadership of Bayankhongor (64): an analyst of the aimag governor's office."""
    return make_staff((Role.ANALYST, "gov-64"), username="analyst-64")


@pytest.fixture
def make_closed(citizen: User) -> Callable[..., Request]:
    """A request closed by hand: submitted at `submitted`, closed `days` later, with one timed step."""

    def make(
        adoption: Adoption,
        *,
        submitted: datetime.datetime,
        hours: float,
        channel: str = "online",
        status: str = RequestStatus.COMPLETED,
        returned: bool = False,
        norm_hours: float = 72,
        deadline_hours: float = 240,
        step_hours: float = 2,
    ) -> Request:
        closed = submitted + datetime.timedelta(hours=hours)
        request = Request.objects.create(
            number=new_number(),
            service_id=adoption.service_id,
            adoption=adoption,
            service_version=adoption.version,
            organisation=adoption.organisation,
            territory=adoption.territory,
            territory_path=adoption.territory_path,
            aimag_code=adoption.aimag_code,
            applicant=citizen,
            channel=channel,
            status=status,
            submitted_at=submitted,
            closed_at=closed,
            norm_due_at=submitted + datetime.timedelta(hours=norm_hours),
            statutory_due_at=submitted + datetime.timedelta(hours=deadline_hours),
        )
        step = "Check the request against the register"
        opened = closed - datetime.timedelta(hours=step_hours)
        item = WorkItem.objects.create(
            request=request,
            task_id="t",
            element_id="check_register",
            name=step,
            role="officer",
            organisation=adoption.organisation,
            territory_path=adoption.territory_path,
            status=WorkItemStatus.DONE,
            completed_at=closed,
        )
        WorkItem.objects.filter(pk=item.pk).update(created_at=opened)

        def event(at: datetime.datetime, kind: str, before: str, after: str, step: str = "") -> None:
            RequestEvent.objects.create(
                request=request, at=at, kind=kind, status_before=before, status_after=after, step=step
            )

        event(submitted, "submitted", "draft", "submitted")
        if returned:
            event(
                submitted + datetime.timedelta(minutes=1), "returned_for_correction", "", "returned", "Return"
            )
            event(submitted + datetime.timedelta(minutes=2), "corrected", "returned", "processing")
        event(opened, "claimed", "processing", "processing", step)
        event(closed, "decided", "processing", status, step)
        if status == RequestStatus.COMPLETED:
            event(closed, "result_issued", "", status, "Issue the reference letter")
        return request

    return make
