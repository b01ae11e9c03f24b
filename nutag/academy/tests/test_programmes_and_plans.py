"""Keeping the programmes and planning tours of aimags: national trainers only, bad input changes nothing."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nutag.academy import services
from nutag.academy.choices import Audience
from nutag.academy.demo import FIRST_ROUND
from nutag.academy.models import Programme, TrainingSession, Visit, VisitPlan
from nutag.academy.tests.conftest import unit
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.models import AuditEvent

D = datetime.date
PROGRAMME = {
    "name_mn": "Шинэ хөтөлбөр",
    "name_en": "New programme",
    "audience": Audience.OPERATOR,
    "length_hours": 4,
    "prepares_roles": [Role.OPERATOR],
}
NOT_NATIONAL = ["trainer_dornogovi", "admin_aimag", "analyst", "officer_soum_a"]


def _visits(*rows: tuple[str, datetime.date, datetime.date]) -> list[Any]:
    return [(unit(code), start, end) for code, start, end in rows]


def _plan_post(name: str, rows: list[tuple[str, str, str]], total: int = 10) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name_mn": name,
        "name_en": name,
        "visits-TOTAL_FORMS": str(total),
        "visits-INITIAL_FORMS": "0",
        "visits-MIN_NUM_FORMS": "0",
        "visits-MAX_NUM_FORMS": "40",
    }
    for index, (code, start, end) in enumerate(rows):
        data[f"visits-{index}-aimag"] = str(unit(code).pk)
        data[f"visits-{index}-starts_on"] = start
        data[f"visits-{index}-ends_on"] = end
    return data


# Programmes -----------------------------------------------------------------------------------------------------


def test_national_trainer_creates_and_retires_a_programme_and_it_is_audited(
    programmes: dict[str, Programme], national_trainer: User
) -> None:
    programme = services.programme_create(actor=national_trainer, code="khurdan-points", **PROGRAMME)
    assert programme.prepares_roles == [Role.OPERATOR]
    with pytest.raises(Conflict):
        services.programme_create(actor=national_trainer, code="khurdan-points", **PROGRAMME)
    changed = services.programme_update(
        actor=national_trainer, programme=programme, **(PROGRAMME | {"length_hours": 6}), is_active=False
    )
    assert (changed.length_hours, changed.is_active) == (6, False)
    event = AuditEvent.objects.filter(object_type="academy.programme", action="academy.programme_saved").get(
        object_id=str(programme.pk)
    )
    assert event.before is not None and event.after is not None
    assert (event.before["length_hours"], event.after["length_hours"]) == (4, 6)
    with pytest.raises(ValidationFailed) as raised:
        services.session_plan(
            actor=national_trainer,
            programme=changed,
            territory=unit("64"),
            starts_on=D(2026, 3, 2),
            ends_on=D(2026, 3, 2),
            capacity=5,
            place="Hall",
        )
    assert "programme" in raised.value.details


def test_bad_programme_input_is_refused_and_nothing_changes(
    programmes: dict[str, Programme], national_trainer: User
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.programme_create(
            actor=national_trainer,
            code="Not a code",
            **(PROGRAMME | {"length_hours": 0, "prepares_roles": ["wizard"]}),
        )
    assert set(raised.value.details) == {"code"}
    with pytest.raises(ValidationFailed) as raised:
        services.programme_update(
            actor=national_trainer,
            programme=programmes["request-system"],
            **(PROGRAMME | {"name_en": " ", "length_hours": 0, "prepares_roles": ["wizard"]}),
        )
    assert set(raised.value.details) == {"name_en", "length_hours", "prepares_roles"}
    programme = Programme.objects.get(code="request-system")
    assert programme.name_en == "Request System" and programme.length_hours == 6
    assert Programme.objects.count() == 3


@pytest.mark.parametrize("persona", NOT_NATIONAL)
def test_only_national_trainers_keep_programmes(
    client: Client, programmes: dict[str, Programme], persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=user, code="sneaky", **PROGRAMME)
    client.force_login(user)
    assert client.get(reverse("academy:programme-new")).status_code == 403
    refused = client.post(reverse("academy:programme-new"), {"code": "sneaky", **PROGRAMME})
    assert refused.status_code == 403
    edit = reverse("academy:programme-edit", args=["request-system"])
    assert client.get(edit).status_code == 403
    assert client.post(edit, PROGRAMME).status_code == 403
    assert Programme.objects.count() == 3
    assert Programme.objects.get(code="request-system").name_en == "Request System"
    page = client.get(reverse("academy:programme", args=["request-system"])).content.decode()
    assert edit not in page


def test_programme_pages_for_the_national_trainer(
    client: Client, programmes: dict[str, Programme], national_trainer: User
) -> None:
    client.force_login(national_trainer)
    assert reverse("academy:programme-new") in client.get(reverse("academy:programmes")).content.decode()
    bad = client.post(
        reverse("academy:programme-new"),
        {"code": "request-system", **PROGRAMME, "prepares_roles": "operator"},
    )
    assert bad.status_code == 200 and "already exists" in bad.content.decode()
    created = client.post(
        reverse("academy:programme-new"),
        {"code": "khurdan-points", **PROGRAMME, "prepares_roles": "operator"},
    )
    assert created.status_code == 302 and created["Location"] == reverse(
        "academy:programme", args=["khurdan-points"]
    )
    edit = reverse("academy:programme-edit", args=["khurdan-points"])
    assert "Шинэ хөтөлбөр" in client.get(edit).content.decode()
    changed = client.post(edit, {**PROGRAMME, "name_en": "KHURDAN points", "prepares_roles": "operator"})
    assert changed.status_code == 302
    programme = Programme.objects.get(code="khurdan-points")
    assert programme.name_en == "KHURDAN points" and not programme.is_active  # "Taught" left unticked
    listing = client.get(reverse("academy:programmes")).content.decode()
    assert "KHURDAN points" in listing and "no longer taught" in listing


# Visit plans ----------------------------------------------------------------------------------------------------


def test_tour_of_ten_aimags_like_the_first_round_planned_on_the_page(
    client: Client, national_trainer: User
) -> None:
    client.force_login(national_trainer)
    page = client.get(reverse("academy:plan-new"))
    assert page.status_code == 200 and page.content.decode().count('name="visits-') >= 30
    rows = [(code, f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}") for code, start, end in FIRST_ROUND]
    response = client.post(reverse("academy:plan-new"), _plan_post("First round", rows))
    assert response.status_code == 302
    plan = VisitPlan.objects.get()
    assert (plan.starts_on, plan.ends_on) == (D(2023, 11, 20), D(2023, 12, 2)) and plan.visits.count() == 10
    assert AuditEvent.objects.filter(action="academy.visit_plan_created", object_id=str(plan.pk)).exists()
    detail = client.get(reverse("academy:plan", args=[plan.pk])).content.decode()
    assert f"{reverse('academy:session-new')}?plan={plan.pk}&amp;territory=64" in detail


def test_bad_tours_are_refused_and_nothing_is_saved(client: Client, national_trainer: User) -> None:
    client.force_login(national_trainer)
    twice = _plan_post("Twice", [("64", "2026-05-04", "2026-05-05"), ("64", "2026-05-06", "2026-05-06")])
    response = client.post(reverse("academy:plan-new"), twice)
    assert response.status_code == 200 and "one visit per aimag" in response.content.decode()
    backwards = _plan_post("Backwards", [("44", "2026-05-04", "2026-05-01")])
    response = client.post(reverse("academy:plan-new"), backwards)
    assert response.status_code == 200 and "ends before it starts" in response.content.decode()
    empty = client.post(reverse("academy:plan-new"), _plan_post("Empty", []))
    assert empty.status_code == 200 and "at least one aimag" in empty.content.decode()
    with pytest.raises(ValidationFailed) as raised:
        services.visit_plan_create(
            actor=national_trainer,
            name_mn="Сум",
            name_en="Soum",
            visits=_visits(("6401", D(2026, 5, 4), D(2026, 5, 4))),
        )
    assert "not an aimag" in raised.value.details["visits"][0]
    assert not VisitPlan.objects.exists() and not Visit.objects.exists()


@pytest.mark.parametrize("persona", NOT_NATIONAL)
def test_only_national_trainers_plan_tours(
    client: Client, national_trainer: User, persona: str, request: pytest.FixtureRequest
) -> None:
    plan = services.visit_plan_create(
        actor=national_trainer,
        name_mn="Аялал",
        name_en="Tour",
        visits=_visits(("44", D(2026, 5, 4), D(2026, 5, 5))),
    )
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.visit_plan_update(actor=user, plan=plan, name_mn="X", name_en="X", visits=[])
    client.force_login(user)
    assert client.get(reverse("academy:plan-new")).status_code == 403
    assert (
        client.post(
            reverse("academy:plan-new"), _plan_post("X", [("44", "2026-05-04", "2026-05-04")])
        ).status_code
        == 403
    )
    assert client.get(reverse("academy:plan-edit", args=[plan.pk])).status_code == 403
    assert client.post(reverse("academy:plan-edit", args=[plan.pk]), _plan_post("X", [])).status_code == 403
    assert VisitPlan.objects.get().name_en == "Tour" and Visit.objects.count() == 1


def test_a_tour_keeps_the_days_of_its_sessions(
    programmes: dict[str, Programme], national_trainer: User, trainer_dornogovi: User
) -> None:
    plan = services.visit_plan_create(
        actor=national_trainer,
        name_mn="Аялал",
        name_en="Tour",
        visits=_visits(("64", D(2026, 5, 4), D(2026, 5, 5)), ("44", D(2026, 5, 7), D(2026, 5, 7))),
    )
    session = services.session_plan(
        actor=trainer_dornogovi,
        programme=programmes["request-system"],
        territory=unit("4401"),
        starts_on=D(2026, 5, 7),
        ends_on=D(2026, 5, 7),
        capacity=10,
        place="Sainshand",
        plan=plan,
    )
    assert session.visit is not None and session.visit.aimag.code == "44"
    assert session.organiser is not None and session.organiser.code == "gov-44"
    moved = _visits(("64", D(2026, 5, 4), D(2026, 5, 5)), ("44", D(2026, 5, 8), D(2026, 5, 9)))
    with pytest.raises(ValidationFailed) as raised:
        services.visit_plan_update(
            actor=national_trainer, plan=plan, name_mn="Аялал", name_en="Tour", visits=moved
        )
    assert "2026-05-07" in raised.value.details["visits"][0]
    dropped = _visits(("64", D(2026, 5, 4), D(2026, 5, 5)))
    with pytest.raises(ValidationFailed):
        services.visit_plan_update(
            actor=national_trainer, plan=plan, name_mn="Аялал", name_en="Tour", visits=dropped
        )
    assert list(plan.visits.order_by("starts_on").values_list("aimag__code", "ends_on")) == [
        ("64", D(2026, 5, 5)),
        ("44", D(2026, 5, 7)),
    ]
    wider = _visits(
        ("64", D(2026, 5, 4), D(2026, 5, 5)),
        ("44", D(2026, 5, 6), D(2026, 5, 8)),
        ("46", D(2026, 5, 10), D(2026, 5, 10)),
    )
    services.visit_plan_update(
        actor=national_trainer, plan=plan, name_mn="Аялал 2", name_en="Tour 2", visits=wider
    )
    plan.refresh_from_db()
    assert (plan.name_en, plan.ends_on, plan.visits.count()) == ("Tour 2", D(2026, 5, 10), 3)
    services.session_cancel(actor=trainer_dornogovi, session=session, reason="Snow storm")
    services.visit_plan_update(
        actor=national_trainer, plan=plan, name_mn="Аялал", name_en="Tour", visits=dropped
    )
    assert plan.visits.get().aimag.code == "64"
    assert TrainingSession.objects.get().visit is None  # the cancelled session stays, outside the tour


def test_sessions_in_a_tour_fall_within_its_visit(
    programmes: dict[str, Programme], national_trainer: User, client: Client
) -> None:
    plan = services.visit_plan_create(
        actor=national_trainer,
        name_mn="Аялал",
        name_en="Tour",
        visits=_visits(("64", D(2026, 5, 4), D(2026, 5, 5))),
    )
    values: dict[str, Any] = {
        "programme": programmes["request-system"],
        "capacity": 5,
        "place": "Hall",
        "plan": plan,
    }
    with pytest.raises(ValidationFailed) as raised:
        services.session_plan(
            actor=national_trainer,
            territory=unit("6401"),
            starts_on=D(2026, 5, 5),
            ends_on=D(2026, 5, 6),
            **values,
        )
    assert "2026-05-04" in raised.value.details["starts_on"]
    with pytest.raises(ValidationFailed) as raised:
        services.session_plan(
            actor=national_trainer,
            territory=unit("44"),
            starts_on=D(2026, 5, 4),
            ends_on=D(2026, 5, 4),
            **values,
        )
    assert "plan" in raised.value.details
    assert not TrainingSession.objects.exists()
    client.force_login(national_trainer)
    form = client.get(reverse("academy:session-new"), {"plan": plan.pk, "territory": "64"}).content.decode()
    assert 'value="2026-05-04"' in form and 'value="2026-05-05"' in form
    response = client.post(
        reverse("academy:session-new"),
        {
            "programme": programmes["request-system"].pk,
            "plan": plan.pk,
            "territory": unit("6401").pk,
            "starts_on": "2026-05-06",
            "ends_on": "2026-05-06",
            "capacity": 5,
            "place": "Library",
        },
    )
    assert response.status_code == 200 and "must fall within these days" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_plan_pages_are_public_and_bounded(
    client: Client, national_trainer: User, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for index in range(3):
        services.visit_plan_create(
            actor=national_trainer,
            name_mn=f"Аялал {index}",
            name_en=f"Tour {index}",
            visits=_visits(("64", D(2026, 5, 4), D(2026, 5, 5)), ("44", D(2026, 5, 6), D(2026, 5, 6))),
        )
    with django_assert_max_num_queries(4):
        page = client.get(reverse("academy:plans"))
    assert page.status_code == 200 and "Tour 2" in page.content.decode()
    assert reverse("academy:plan-new") not in page.content.decode()
