"""Changing and cancelling sessions: the trainers of the session's territory only, within the rules, audited; a
cancelled session takes no registrations and its registered people are told."""

import datetime
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from nutag.academy import services
from nutag.academy.models import Participant, Programme, TrainingSession
from nutag.academy.tasks import session_cancellation_send
from nutag.academy.tests.conftest import unit
from nutag.accounts.models import User
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.models import AuditEvent

D = datetime.date


class RecordingSms:
    """An SMS provider for these tests: keeps what would be sent."""

    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, *, phone: str, text: str) -> str:
        self.sent.append((phone, text))
        return "test"


def _values(session: TrainingSession, **changes: Any) -> dict[str, Any]:
    values = {
        "programme": session.programme,
        "territory": session.territory,
        "starts_on": session.starts_on,
        "ends_on": session.ends_on,
        "capacity": session.capacity,
        "place": session.place,
        "is_online": session.is_online,
    }
    return values | changes


def _form(session: TrainingSession, **changes: Any) -> dict[str, Any]:
    values = _values(session, **changes)
    return {
        "programme": values["programme"].pk,
        "territory": values["territory"].pk,
        "starts_on": f"{values['starts_on']:%Y-%m-%d}",
        "ends_on": f"{values['ends_on']:%Y-%m-%d}",
        "capacity": values["capacity"],
        "place": values["place"],
    }


@pytest.fixture
def session_44(programmes: dict[str, Programme], trainer_dornogovi: User) -> TrainingSession:
    return services.session_plan(
        actor=trainer_dornogovi,
        programme=programmes["assisted-applications"],
        territory=unit("4401"),
        starts_on=D(2026, 4, 6),
        ends_on=D(2026, 4, 6),
        capacity=10,
        place="Sainshand library",
    )


def test_trainer_of_one_aimag_changes_only_the_sessions_of_that_aimag(
    session_44: TrainingSession, session_64: TrainingSession, trainer_dornogovi: User
) -> None:
    changed = services.session_update(
        actor=trainer_dornogovi, session=session_44, **_values(session_44, capacity=12, territory=unit("44"))
    )
    assert (changed.capacity, changed.aimag_code, changed.territory_path) == (12, "44", "MN.44")
    with pytest.raises(PermissionDenied):
        services.session_update(
            actor=trainer_dornogovi, session=session_64, **_values(session_64, capacity=9)
        )
    with pytest.raises(PermissionDenied):
        services.session_update(
            actor=trainer_dornogovi, session=session_44, **_values(session_44, territory=unit("6401"))
        )
    with pytest.raises(PermissionDenied):
        services.session_cancel(actor=trainer_dornogovi, session=session_64, reason="Not mine")
    session_64.refresh_from_db()
    session_44.refresh_from_db()
    assert session_64.capacity == 2 and not session_64.is_cancelled and session_44.aimag_code == "44"
    event = AuditEvent.objects.get(action="academy.session_changed")
    assert event.actor == trainer_dornogovi and (event.before or {})["capacity"] == 10


@pytest.mark.parametrize("persona", ["trainer_dornogovi", "admin_aimag", "analyst", "officer_soum_a"])
def test_others_cannot_change_or_cancel_a_session_on_its_pages(
    client: Client, session_64: TrainingSession, persona: str, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(persona))
    edit = reverse("academy:session-edit", args=[session_64.pk])
    cancel = reverse("academy:session-cancel", args=[session_64.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, _form(session_64, capacity=40)).status_code == 403
    assert client.get(cancel).status_code == 403
    assert client.post(cancel, {"reason": "No"}).status_code == 403
    page = client.get(reverse("academy:session", args=[session_64.pk])).content.decode()
    assert edit not in page and cancel not in page
    session_64.refresh_from_db()
    assert session_64.capacity == 2 and not session_64.is_cancelled
    assert not AuditEvent.objects.filter(
        action__in=["academy.session_changed", "academy.session_cancelled"]
    ).exists()


def test_places_never_drop_below_the_people_registered(
    client: Client,
    session_64: TrainingSession,
    national_trainer: User,
    officer_soum_a: User,
    operator_soum_a: User,
) -> None:
    for person in (officer_soum_a, operator_soum_a):
        services.participant_register(actor=national_trainer, session=session_64, user=person)
    with pytest.raises(ValidationFailed) as raised:
        services.session_update(actor=national_trainer, session=session_64, **_values(session_64, capacity=1))
    assert "2 people are registered" in raised.value.details["capacity"]
    client.force_login(national_trainer)
    edit = reverse("academy:session-edit", args=[session_64.pk])
    assert 'value="Governor&#x27;s office hall"' in client.get(edit).content.decode()
    response = client.post(edit, _form(session_64, capacity=1, place="Elsewhere"))
    assert response.status_code == 200 and "2 people are registered" in response.content.decode()
    backwards = client.post(edit, _form(session_64, ends_on=D(2026, 3, 1)))
    assert backwards.status_code == 200 and "ends before it starts" in backwards.content.decode()
    session_64.refresh_from_db()
    assert (session_64.capacity, session_64.place, session_64.ends_on) == (
        2,
        "Governor's office hall",
        D(2026, 3, 3),
    )
    assert client.post(edit, _form(session_64, capacity=3, place="Elsewhere")).status_code == 302
    session_64.refresh_from_db()
    assert (session_64.capacity, session_64.place) == (3, "Elsewhere")


def test_a_certified_session_keeps_what_its_certificates_print(
    client: Client, certified: Participant, national_trainer: User
) -> None:
    session = certified.session
    with pytest.raises(ValidationFailed) as raised:
        services.session_update(
            actor=national_trainer,
            session=session,
            **_values(session, starts_on=D(2026, 3, 3), place="Another hall"),
        )
    assert set(raised.value.details) == {"starts_on", "place"}
    services.session_update(actor=national_trainer, session=session, **_values(session, capacity=30))
    session.refresh_from_db()
    assert (session.capacity, session.starts_on) == (30, D(2026, 3, 2))
    with pytest.raises(Conflict) as refused:
        services.session_cancel(actor=national_trainer, session=session, reason="Too late")
    assert refused.value.code == "has_completions"
    client.force_login(national_trainer)
    cancel = reverse("academy:session-cancel", args=[session.pk])
    assert cancel not in client.get(reverse("academy:session", args=[session.pk])).content.decode()
    page = client.get(cancel).content.decode()
    assert "cannot be cancelled" in page and 'name="reason"' not in page
    assert client.post(cancel, {"reason": "Too late"}).status_code == 200
    session.refresh_from_db()
    assert not session.is_cancelled


def test_cancelling_tells_the_registered_people_and_stops_registration(
    session_44: TrainingSession,
    trainer_dornogovi: User,
    make_staff: Callable[..., User],
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    operator = make_staff(("operator", "gov-4401"), username="operator.sainshand")
    operator.email = "operator@example.mn"
    operator.save()
    staff = services.participant_register(actor=trainer_dornogovi, session=session_44, user=operator)
    citizen = services.participant_register(
        actor=trainer_dornogovi, session=session_44, full_name="Б. Цэрэндулам", phone="99112233"
    )
    services.participant_register(actor=trainer_dornogovi, session=session_44, full_name="Unreachable")
    with pytest.raises(ValidationFailed):
        services.session_cancel(actor=trainer_dornogovi, session=session_44, reason="  ")
    assert not TrainingSession.objects.get(pk=session_44.pk).is_cancelled
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(actor=trainer_dornogovi, session=session_44, reason="The hall is flooded")
    assert DBTaskResult.objects.count() == 2  # the person with neither e-mail nor phone is not queued
    event = AuditEvent.objects.get(action="academy.session_cancelled")
    assert (event.actor, event.reason, event.territory_path) == (
        trainer_dornogovi,
        "The hall is flooded",
        "MN.44.4401",
    )

    settings.NUTAG_SMS_PROVIDER = f"{__name__}.RecordingSms"
    RecordingSms.sent.clear()
    session_cancellation_send.call(participant_id=staff.pk)
    session_cancellation_send.call(participant_id=citizen.pk)
    assert [m.to for m in mail.outbox] == [["operator@example.mn"]]
    assert "The hall is flooded" in mail.outbox[0].body
    assert [phone for phone, _text in RecordingSms.sent] == ["99112233"]

    for refused in (
        lambda: services.participant_register(actor=trainer_dornogovi, session=session_44, full_name="Late"),
        lambda: services.participant_mark_attendance(
            actor=trainer_dornogovi, participant=staff, attended=True
        ),
        lambda: services.session_update(actor=trainer_dornogovi, session=session_44, **_values(session_44)),
        lambda: services.session_cancel(actor=trainer_dornogovi, session=session_44, reason="Again"),
    ):
        with pytest.raises(Conflict):
            refused()
    assert session_44.participants.count() == 3
    assert not Participant.objects.filter(attended_at__isnull=False).exists()


def test_cancelling_on_the_page(
    client: Client, session_44: TrainingSession, trainer_dornogovi: User, officer_soum_a: User
) -> None:
    participant = services.participant_register(
        actor=trainer_dornogovi, session=session_44, user=officer_soum_a
    )
    client.force_login(trainer_dornogovi)
    detail = reverse("academy:session", args=[session_44.pk])
    cancel = reverse("academy:session-cancel", args=[session_44.pk])
    assert cancel in client.get(detail).content.decode()
    page = client.get(cancel)
    assert page.status_code == 200 and "Cancel the session" in page.content.decode()
    empty = client.post(cancel, {"reason": ""})
    assert empty.status_code == 200 and "This field is required" in empty.content.decode()
    assert not TrainingSession.objects.get(pk=session_44.pk).is_cancelled
    assert client.post(cancel, {"reason": "The trainer is ill"}).status_code == 302
    shown = client.get(detail).content.decode()
    assert "cancelled" in shown and "The trainer is ill" in shown
    assert reverse("academy:session-register", args=[session_44.pk]) not in shown
    assert reverse("academy:session-edit", args=[session_44.pk]) not in shown
    late = client.post(reverse("academy:session-register", args=[session_44.pk]), {"full_name": "Late comer"})
    assert late.status_code == 302 and session_44.participants.count() == 1
    assert client.get(reverse("academy:session-edit", args=[session_44.pk])).status_code == 302
    client.force_login(officer_soum_a)  # the participant sees it among their training
    home = client.get(reverse("academy:home")).content.decode()
    assert "session cancelled" in home and participant.full_name in home


def test_the_trainer_of_a_session_trains_in_its_territory(
    session_44: TrainingSession,
    trainer_dornogovi: User,
    national_trainer: User,
    make_staff: Callable[..., User],
) -> None:
    trainer_bayankhongor = make_staff(("trainer", "gov-64"), username="trainer-64")
    with pytest.raises(ValidationFailed) as raised:
        services.session_update(
            actor=trainer_dornogovi, session=session_44, trainer=trainer_bayankhongor, **_values(session_44)
        )
    assert "trainer" in raised.value.details
    services.session_update(
        actor=trainer_dornogovi, session=session_44, trainer=national_trainer, **_values(session_44)
    )
    session_44.refresh_from_db()
    assert session_44.trainer == national_trainer
    assert session_44.organiser is not None and session_44.organiser.code == "e-mongolia-academy"
