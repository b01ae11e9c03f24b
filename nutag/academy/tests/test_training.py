import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nutag.academy import services
from nutag.academy.models import Participant, Programme, TrainingSession
from nutag.academy.tests.conftest import unit
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.models import AuditEvent

DAY = datetime.date(2026, 3, 2)


def _plan(actor: User, programme: Programme, territory: str, **extra: object) -> TrainingSession:
    values: dict = {"starts_on": DAY, "ends_on": DAY, "capacity": 10, "place": "Hall"} | extra
    return services.session_plan(actor=actor, programme=programme, territory=unit(territory), **values)


def test_trainer_of_dornogovi_plans_only_in_dornogovi(
    programmes: dict[str, Programme], trainer_dornogovi: User
) -> None:
    in_aimag = _plan(trainer_dornogovi, programmes["request-system"], "44")
    in_soum = _plan(trainer_dornogovi, programmes["request-system"], "4401")
    assert in_aimag.aimag_code == in_soum.aimag_code == "44" and in_aimag.trainer == trainer_dornogovi
    with pytest.raises(PermissionDenied):
        _plan(trainer_dornogovi, programmes["request-system"], "64")
    assert TrainingSession.objects.count() == 2


def test_national_trainer_plans_anywhere_and_others_cannot(
    programmes: dict[str, Programme],
    national_trainer: User,
    officer_soum_a: User,
    admin_aimag: User,
    analyst: User,
) -> None:
    for code in ("64", "6404", "44", "11"):
        _plan(national_trainer, programmes["digital-skills"], code)
    for person in (officer_soum_a, admin_aimag, analyst):
        with pytest.raises(PermissionDenied):
            _plan(person, programmes["digital-skills"], "6401")
    assert TrainingSession.objects.count() == 4


def test_a_session_needs_sensible_dates_capacity_and_place(
    programmes: dict[str, Programme], national_trainer: User
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        _plan(
            national_trainer,
            programmes["digital-skills"],
            "64",
            ends_on=DAY - datetime.timedelta(days=1),
            capacity=0,
            place=" ",
        )
    assert set(raised.value.details) == {"ends_on", "capacity", "place"}
    online = _plan(national_trainer, programmes["digital-skills"], "64", place="", is_online=True)
    assert online.is_online and TrainingSession.objects.count() == 1


def test_registration_stops_at_capacity_and_refuses_a_second_registration(
    session_64: TrainingSession, national_trainer: User, officer_soum_a: User, operator_soum_a: User
) -> None:
    first = services.participant_register(actor=national_trainer, session=session_64, user=officer_soum_a)
    assert first.organisation is not None and first.organisation.code == "gov-6401"
    with pytest.raises(Conflict) as raised:
        services.participant_register(actor=national_trainer, session=session_64, user=officer_soum_a)
    assert raised.value.code == "already_registered"
    services.participant_register(actor=national_trainer, session=session_64, full_name="Citizen Dolgor")
    with pytest.raises(Conflict) as raised:
        services.participant_register(actor=national_trainer, session=session_64, user=operator_soum_a)
    assert raised.value.code == "session_full"
    assert session_64.participants.count() == 2


def test_trainer_of_another_aimag_cannot_record_and_nothing_changes(
    session_64: TrainingSession, trainer_dornogovi: User, national_trainer: User, officer_soum_a: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.participant_register(actor=trainer_dornogovi, session=session_64, user=officer_soum_a)
    participant = services.participant_register(
        actor=national_trainer, session=session_64, user=officer_soum_a
    )
    with pytest.raises(PermissionDenied):
        services.participant_mark_attendance(actor=trainer_dornogovi, participant=participant, attended=True)
    with pytest.raises(PermissionDenied):
        services.participant_complete(actor=officer_soum_a, participant=participant)
    participant.refresh_from_db()
    assert participant.attended_at is None and participant.completed_at is None


def test_completion_needs_attendance_and_gives_a_certificate_code(
    session_64: TrainingSession, national_trainer: User, officer_soum_a: User
) -> None:
    participant = services.participant_register(
        actor=national_trainer, session=session_64, user=officer_soum_a
    )
    with pytest.raises(ValidationFailed):
        services.participant_complete(actor=national_trainer, participant=participant)
    services.participant_mark_attendance(actor=national_trainer, participant=participant, attended=True)
    done = services.participant_complete(actor=national_trainer, participant=participant)
    assert done.completed_at is not None and len(done.certificate_code or "") == 14
    with pytest.raises(Conflict):
        services.participant_mark_attendance(actor=national_trainer, participant=participant, attended=False)
    actions = set(
        AuditEvent.objects.filter(object_type="academy.participant").values_list("action", flat=True)
    )
    assert actions == {
        "academy.participant_registered",
        "academy.attendance_marked",
        "academy.programme_completed",
    }


def test_the_old_certificate_address_leads_to_the_public_verification_page(
    client: Client, certified: Participant, settings: Any
) -> None:
    settings.NUTAG_VERIFY_RATE_LIMIT = 0
    code = certified.certificate_code or ""
    page = client.get(reverse("academy:certificate", args=[code.lower().replace("-", "")]), follow=True)
    assert page.redirect_chain == [(reverse("results:verify-code", args=[code]), 302)]
    assert page.status_code == 200 and certified.full_name in page.content.decode()
    missing = client.get(reverse("academy:certificate", args=["AAAA-AAAA-AAAA"]), follow=True)
    assert certified.full_name not in missing.content.decode()
    assert "No document was issued with this code" in missing.content.decode()


def test_certificate_pdf_for_the_person_trainer_and_own_admin_only(
    client: Client,
    certified: Participant,
    officer_soum_a: User,
    national_trainer: User,
    admin_aimag: User,
    admin_other_aimag: User,
    officer_soum_b: User,
) -> None:
    url = reverse("academy:certificate-pdf", args=[certified.certificate_code])
    for person in (officer_soum_a, national_trainer, admin_aimag):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    for person in (admin_other_aimag, officer_soum_b):
        client.force_login(person)
        assert client.get(url).status_code == 404


def test_session_page_registers_and_records_for_the_trainer_only(
    client: Client,
    session_64: TrainingSession,
    national_trainer: User,
    trainer_dornogovi: User,
    make_staff: Callable[..., User],
) -> None:
    officer = make_staff((Role.OFFICER, "gov-6404"), username="officer.test")
    client.force_login(trainer_dornogovi)
    client.post(reverse("academy:session-register", args=[session_64.pk]), {"username": "officer.test"})
    assert not session_64.participants.exists()
    client.force_login(national_trainer)
    response = client.post(
        reverse("academy:session-register", args=[session_64.pk]), {"username": "officer.test"}
    )
    assert response.status_code == 302
    participant = session_64.participants.get()
    assert participant.user == officer
    response = client.post(reverse("academy:participant-action", args=[participant.pk]), {"do": "attended"})
    client.post(reverse("academy:participant-action", args=[participant.pk]), {"do": "complete"})
    participant.refresh_from_db()
    assert participant.certificate_code
    page = client.get(reverse("academy:session", args=[session_64.pk]))
    assert participant.certificate_code in page.content.decode()
    unknown = client.post(reverse("academy:session-register", args=[session_64.pk]), {"username": "nobody"})
    assert unknown.status_code == 302 and session_64.participants.count() == 1


def test_planning_page_for_trainers_only(
    client: Client, programmes: dict[str, Programme], trainer_dornogovi: User, officer_soum_a: User
) -> None:
    client.force_login(officer_soum_a)
    assert client.get(reverse("academy:session-new")).status_code == 403
    client.force_login(trainer_dornogovi)
    page = client.get(reverse("academy:session-new"))
    assert page.status_code == 200
    bad = client.post(
        reverse("academy:session-new"),
        {
            "programme": programmes["request-system"].pk,
            "territory": unit("4401").pk,
            "starts_on": "2026-03-05",
            "ends_on": "2026-03-04",
            "capacity": 5,
            "place": "Sainshand",
        },
    )
    assert bad.status_code == 200 and "ends before it starts" in bad.content.decode()
    good = client.post(
        reverse("academy:session-new"),
        {
            "programme": programmes["request-system"].pk,
            "territory": unit("4401").pk,
            "starts_on": "2026-03-05",
            "ends_on": "2026-03-05",
            "capacity": 5,
            "place": "Sainshand",
        },
    )
    assert good.status_code == 302 and TrainingSession.objects.get().territory.code == "4401"
    other_aimag = client.post(
        reverse("academy:session-new"),
        {
            "programme": programmes["request-system"].pk,
            "territory": unit("6401").pk,
            "starts_on": "2026-03-05",
            "ends_on": "2026-03-05",
            "capacity": 5,
            "place": "X",
        },
    )
    assert other_aimag.status_code == 200 and TrainingSession.objects.count() == 1


def test_programme_pages_are_public_and_bounded(
    client: Client,
    session_64: TrainingSession,
    programmes: dict[str, Programme],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    with django_assert_max_num_queries(6):  # type: ignore[attr-defined]
        assert client.get(reverse("academy:programmes")).status_code == 200
    with django_assert_max_num_queries(8):  # type: ignore[attr-defined]
        page = client.get(reverse("academy:programme", args=["request-system"]))
    assert page.status_code == 200 and "Governor" in page.content.decode()
    assert client.get(reverse("academy:programme", args=["no-such"])).status_code == 404
    assert client.get(reverse("academy:home")).status_code == 200
