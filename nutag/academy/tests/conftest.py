import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone, translation

from nutag.academy import services, survey_services
from nutag.academy.choices import Audience, QuestionKind
from nutag.academy.models import Participant, Programme, Survey, TrainingSession
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases.tests.conftest import holidays, letter_service  # noqa: F401
from nutag.territory.models import TerritoryUnit

NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 10, 0))


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    """These tests read messages and pages in English; Nutag itself speaks Mongolian unless asked otherwise."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def programmes(world: None) -> dict[str, Programme]:
    found = {}
    for code, audience, roles in (
        ("request-system", Audience.OFFICER, [Role.OFFICER, Role.SUPERVISOR]),
        ("assisted-applications", Audience.OPERATOR, [Role.OPERATOR]),
        ("digital-skills", Audience.CITIZEN, []),
    ):
        found[code] = services.programme_upsert(
            actor=None,
            code=code,
            name_mn=code,
            name_en=code.replace("-", " ").title(),
            audience=audience,
            length_hours=6,
            prepares_roles=roles,
        )[0]
    return found


@pytest.fixture
def trainer_dornogovi(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.TRAINER, "gov-44"), username="trainer-44")


@pytest.fixture
def national_trainer(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.TRAINER, "e-mongolia-academy"), username="trainer-national")


def unit(code: str) -> TerritoryUnit:
    return TerritoryUnit.objects.get(code=code)


@pytest.fixture
def session_64(programmes: dict[str, Programme], national_trainer: User) -> TrainingSession:
    return services.session_plan(
        actor=national_trainer,
        programme=programmes["request-system"],
        territory=unit("64"),
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 3),
        capacity=2,
        place="Governor's office hall",
    )


@pytest.fixture
def certified(session_64: TrainingSession, national_trainer: User, officer_soum_a: User) -> Participant:
    """Officer A completed the request-system programme in Bayankhongor and holds a certificate."""
    participant = services.participant_register(
        actor=national_trainer, session=session_64, user=officer_soum_a
    )
    services.participant_mark_attendance(actor=national_trainer, participant=participant, attended=True)
    return services.participant_complete(actor=national_trainer, participant=participant)


@pytest.fixture
def citizen_survey(analyst: User) -> Survey:
    survey = survey_services.survey_create(
        actor=analyst,
        title="How do you use public services?",
        audiences=[Audience.CITIZEN],
        opens_at=NOW - datetime.timedelta(days=1),
        closes_at=NOW + datetime.timedelta(days=30),
        is_anonymous=True,
    )
    survey_services.question_add(
        actor=analyst,
        survey=survey,
        kind=QuestionKind.SINGLE,
        text="Where?",
        options=["Online", "Soum office"],
    )
    survey_services.question_add(actor=analyst, survey=survey, kind=QuestionKind.SCALE, text="How satisfied?")
    survey_services.question_add(actor=analyst, survey=survey, kind=QuestionKind.YES_NO, text="Used the app?")
    survey_services.question_add(
        actor=analyst, survey=survey, kind=QuestionKind.LONG_TEXT, text="What to improve?", is_required=False
    )
    return survey


def answers_for(survey: Survey, *values: Any) -> dict[str, Any]:
    return {str(q.pk): value for q, value in zip(survey.questions.all(), values, strict=True)}
