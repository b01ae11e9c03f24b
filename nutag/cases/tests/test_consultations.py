"""An officer holding a step asks another office of the aimag; that office reads the request while the question
is open and answers; the step cannot be completed meanwhile unless the question is withdrawn. The clock runs on."""

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.calendar import calendar
from nutag.cases.choices import ConsultationStatus, RequestStatus, WorkItemStatus
from nutag.cases.models import Consultation, Notification, Request, WorkItem
from nutag.cases.selectors import consultation_targets, consultations_for_office
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.permissions import may, visible_to
from nutag.organisations.models import Organisation

START = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)  # Tuesday, 10:00 in Ulaanbaatar
LAND = "dept-64-land"


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def land_officer(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.OFFICER, LAND), username="officer-land")


@pytest.fixture
def held(letter_service: Adoption, citizen: User, officer_soum_a: User) -> WorkItem:
    citizen.email = "dorj@example.mn"
    citizen.save()
    request = services.request_start(
        adoption=letter_service, applicant=citizen, actor=citizen, form_data=ANSWERS
    )
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    services.request_submit(request=request, actor=citizen, now=START)
    item = WorkItem.objects.get(request=request, status=WorkItemStatus.OPEN)
    return services.workitem_claim(item=item, actor=officer_soum_a)


def _ask(item: WorkItem, officer: User, code: str = LAND, **kwargs: Any) -> Consultation:
    return services.consultation_ask(
        item=item,
        actor=officer,
        organisation=Organisation.objects.get(code=code),
        question=kwargs.pop("question", "Is parcel 12 in the protected zone?"),
        **kwargs,
    )


def _request(item: WorkItem) -> Request:
    return Request.objects.get(pk=item.request_id)


def test_offices_that_can_be_asked_are_those_of_the_aimag_but_not_the_resolving_one(held: WorkItem) -> None:
    codes = set(consultation_targets(request=_request(held)).values_list("code", flat=True))
    assert {LAND, "gov-64", "gov-6404"} <= codes
    assert "gov-6401" not in codes  # the office resolving the request
    assert not any(code.startswith(("gov-44", "dept-44", "khurdan")) for code in codes)


def test_asked_answered_and_the_step_completed_while_the_clock_runs(
    held: WorkItem, officer_soum_a: User, land_officer: User, officer_soum_b: User
) -> None:
    before = _request(held)
    notifications = Notification.objects.count()
    consultation = _ask(held, officer_soum_a, due_working_days=5, now=START)
    assert consultation.status == ConsultationStatus.OPEN
    assert consultation.due_at == calendar.add_working_days(START, 5)
    request = _request(held)
    assert request.status == before.status and request.paused_at is None  # the clock does not stop
    assert request.norm_due_at == before.norm_due_at and request.version == before.version + 1
    assert Notification.objects.count() == notifications  # nothing for the citizen
    asked = request.events.get(kind="consultation_asked")
    assert asked.actor == officer_soum_a and not asked.is_visible_to_applicant
    assert asked.reason == "Is parcel 12 in the protected zone?" and asked.after is not None
    assert asked.after["organisation"] == LAND

    assert list(consultations_for_office(user=land_officer)) == [consultation]
    assert not consultations_for_office(user=officer_soum_b).exists()

    with pytest.raises(Conflict) as refused:
        services.request_act(item=held, actor=officer_soum_a, action="approve")
    assert refused.value.code == "consultation_open" and "Land" in refused.value.message
    assert _request(held).version == request.version
    assert WorkItem.objects.get(pk=held.pk).status == WorkItemStatus.OPEN

    answered = services.consultation_answer(
        consultation=consultation,
        actor=land_officer,
        answer="No: it is outside the zone.",
        file_name="map.pdf",
        content=PDF,
        now=START + datetime.timedelta(days=1),
    )
    assert answered.status == ConsultationStatus.ANSWERED and answered.answered_by == land_officer
    assert answered.answer_file_name == "map.pdf" and answered.answer_file_size == len(PDF)
    assert answered.answer_file.read() == PDF
    event = _request(held).events.get(kind="consultation_answered")
    assert event.actor == land_officer and event.reason == "No: it is outside the zone."
    assert not event.is_visible_to_applicant

    request = services.request_act(item=held, actor=officer_soum_a, action="approve")
    assert request.status == RequestStatus.COMPLETED


def test_an_office_not_asked_cannot_answer_and_nothing_changes(
    held: WorkItem, officer_soum_a: User, officer_soum_b: User, supervisor_a: User
) -> None:
    consultation = _ask(held, officer_soum_a)
    version = _request(held).version
    for stranger in (
        officer_soum_b,
        officer_soum_a,
        supervisor_a,
    ):  # the asking office does not answer itself
        with pytest.raises(PermissionDenied):
            services.consultation_answer(consultation=consultation, actor=stranger, answer="Yes")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN and consultation.answer == ""
    assert _request(held).version == version
    assert not _request(held).events.filter(kind="consultation_answered").exists()


def test_answers_need_words_and_a_proper_file(
    held: WorkItem, officer_soum_a: User, land_officer: User
) -> None:
    consultation = _ask(held, officer_soum_a)
    with pytest.raises(ValidationFailed):
        services.consultation_answer(consultation=consultation, actor=land_officer, answer="  ")
    with pytest.raises(ValidationFailed) as refused:
        services.consultation_answer(
            consultation=consultation, actor=land_officer, answer="See file", file_name="x.pdf", content=b"MZ"
        )
    assert "file" in refused.value.details
    with pytest.raises(Conflict):
        services.consultation_answer(
            consultation=consultation, actor=land_officer, answer="Yes", expected_version=0
        )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN and not consultation.answer_file


def test_withdrawing_the_question_lets_the_step_be_completed(
    held: WorkItem, officer_soum_a: User, land_officer: User
) -> None:
    consultation = _ask(held, officer_soum_a)
    with pytest.raises(PermissionDenied):
        services.consultation_withdraw(consultation=consultation, actor=land_officer)
    services.consultation_withdraw(consultation=consultation, actor=officer_soum_a)
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.WITHDRAWN and consultation.withdrawn_by == officer_soum_a
    with pytest.raises(Conflict):
        services.consultation_answer(consultation=consultation, actor=land_officer, answer="Late answer")
    assert not consultations_for_office(user=land_officer).exists()
    event = _request(held).events.get(kind="consultation_withdrawn")
    assert event.actor == officer_soum_a and not event.is_visible_to_applicant
    assert services.request_act(item=held, actor=officer_soum_a, action="approve").status == "completed"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"question": "   "}, "question"),
        ({"due_working_days": 0}, "due_working_days"),
        ({"due_working_days": 31}, "due_working_days"),
        ({"code": "dept-44-land"}, "organisation"),  # another aimag
        ({"code": "gov-6401"}, "organisation"),  # the resolving office itself
    ],
)
def test_bad_questions_are_refused_and_nothing_is_created(
    held: WorkItem, officer_soum_a: User, changes: dict[str, Any], field: str
) -> None:
    version = _request(held).version
    with pytest.raises(ValidationFailed) as refused:
        _ask(held, officer_soum_a, **changes)
    assert field in refused.value.details
    assert not Consultation.objects.exists() and _request(held).version == version


def test_only_the_holder_asks_and_a_stale_version_is_a_conflict(
    held: WorkItem, officer_soum_a: User, officer_soum_b: User, supervisor_a: User
) -> None:
    for stranger in (officer_soum_b, supervisor_a):
        with pytest.raises(PermissionDenied):
            _ask(held, stranger)
    with pytest.raises(Conflict):
        _ask(held, officer_soum_a, expected_version=_request(held).version - 1)
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("land_officer", {"view", "answer", "view_request"}),
        ("land_supervisor", {"view", "answer", "view_request"}),
        ("asking_officer", {"view", "view_request", "withdraw"}),
        ("supervisor_a", {"view", "view_request", "withdraw"}),
        ("officer_b", set()),
        ("citizen", set()),
        ("analyst", set()),
        ("admin_aimag", set()),
        ("welfare_officer", set()),  # another department of the same aimag
    ],
)
def test_who_may_do_what_with_a_question(
    held: WorkItem,
    officer_soum_a: User,
    land_officer: User,
    officer_soum_b: User,
    supervisor_a: User,
    citizen: User,
    analyst: User,
    admin_aimag: User,
    make_staff: Callable[..., User],
    persona: str,
    allowed: set[str],
) -> None:
    consultation = _ask(held, officer_soum_a)
    users = {
        "land_officer": land_officer,
        "land_supervisor": make_staff((Role.SUPERVISOR, LAND)),
        "asking_officer": officer_soum_a,
        "supervisor_a": supervisor_a,
        "officer_b": officer_soum_b,
        "citizen": citizen,
        "analyst": analyst,
        "admin_aimag": admin_aimag,
        "welfare_officer": make_staff((Role.OFFICER, "dept-64-social-welfare")),
    }
    user = users[persona]
    assert {
        a for a in ("view", "answer", "view_request", "withdraw") if may(user, a, consultation)
    } == allowed
    assert visible_to(user, Consultation.objects.all()).exists() == ("view" in allowed)


def test_the_office_asked_reads_the_request_only_while_the_question_is_open(
    held: WorkItem, officer_soum_a: User, land_officer: User
) -> None:
    consultation = _ask(held, officer_soum_a)
    assert may(land_officer, "view_request", consultation)
    assert not may(land_officer, "view", _request(held))  # no general access to the request
    services.consultation_answer(consultation=consultation, actor=land_officer, answer="Fine")
    consultation.refresh_from_db()
    assert may(land_officer, "view", consultation) and not may(land_officer, "view_request", consultation)
