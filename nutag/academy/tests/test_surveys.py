import datetime
from collections.abc import Callable

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from nutag.academy import survey_services
from nutag.academy.choices import Audience, QuestionKind
from nutag.academy.models import Answer, Participation, Response, Survey
from nutag.academy.survey_results import export_csv, export_xlsx, survey_results, text_answers
from nutag.academy.tests.conftest import NOW, answers_for, unit
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.models import AuditEvent


def test_a_citizen_answers_once_and_nothing_links_the_answer_to_them(
    citizen_survey: Survey, citizen: User
) -> None:
    answers = answers_for(citizen_survey, "Online", 4, True, "Faster SMS please")
    response = survey_services.survey_answer(survey=citizen_survey, actor=citizen, answers=answers, now=NOW)
    assert response.respondent is None and response.entered_by is None
    assert (response.audience, response.aimag_code, response.channel) == ("citizen", "64", "online")
    with pytest.raises(Conflict) as raised:
        survey_services.survey_answer(survey=citizen_survey, actor=citizen, answers=answers, now=NOW)
    assert raised.value.code == "already_answered" and Response.objects.count() == 1
    # No column of any academy table, and no audit event, holds the person's id or register number.
    assert not AuditEvent.objects.filter(action="academy.survey_answered").exists()
    with connection.cursor() as cursor:
        for table in ("academy_response", "academy_answer", "academy_participation"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dump = repr(cursor.fetchall())
            assert citizen.register_number not in dump and f"'{citizen.username}'" not in dump
    key = Participation.objects.get().key
    assert len(key) == 64 and str(citizen.pk) not in key[:4]


def test_an_operator_enters_answers_for_a_citizen_and_the_same_person_cannot_answer_again_online(
    citizen_survey: Survey, citizen: User, operator_soum_a: User
) -> None:
    answers = answers_for(citizen_survey, "Soum office", 2, False, "")
    response = survey_services.survey_answer(
        survey=citizen_survey,
        actor=operator_soum_a,
        answers=answers,
        citizen_register_number=citizen.register_number or "",
        citizen_soum=unit("6404"),
        now=NOW,
    )
    assert (response.channel, response.aimag_code, response.entered_by) == ("in_person", "64", None)
    with pytest.raises(Conflict):
        survey_services.survey_answer(survey=citizen_survey, actor=citizen, answers=answers, now=NOW)
    with pytest.raises(ValidationFailed):
        survey_services.survey_answer(
            survey=citizen_survey,
            actor=operator_soum_a,
            answers=answers,
            citizen_register_number="12",
            now=NOW,
        )
    assert Response.objects.count() == 1


def test_only_operators_enter_answers_for_citizens(
    citizen_survey: Survey, officer_soum_a: User, citizen: User
) -> None:
    answers = answers_for(citizen_survey, "Online", 3, True, "")
    for person in (officer_soum_a, citizen):
        with pytest.raises(PermissionDenied):
            survey_services.survey_answer(
                survey=citizen_survey,
                actor=person,
                answers=answers,
                citizen_register_number="ВЮ92110528",
                now=NOW,
            )
    with pytest.raises(PermissionDenied):
        survey_services.survey_answer(survey=citizen_survey, actor=officer_soum_a, answers=answers, now=NOW)
    assert not Response.objects.exists() and not Participation.objects.exists()


def test_answers_outside_the_open_period_or_invalid_are_refused_and_change_nothing(
    citizen_survey: Survey, citizen: User
) -> None:
    good = answers_for(citizen_survey, "Online", 4, True, "")
    with pytest.raises(Conflict) as raised:
        survey_services.survey_answer(
            survey=citizen_survey, actor=citizen, answers=good, now=NOW + datetime.timedelta(days=31)
        )
    assert raised.value.code == "survey_closed"
    with time_machine.travel(NOW - datetime.timedelta(days=2)), pytest.raises(Conflict):
        survey_services.survey_answer(survey=citizen_survey, actor=citizen, answers=good)
    bad = answers_for(citizen_survey, "Carrier pigeon", 9, "maybe", "x" * 6000)
    with pytest.raises(ValidationFailed) as raised:
        survey_services.survey_answer(survey=citizen_survey, actor=citizen, answers=bad | {"999": 1}, now=NOW)
    assert len(raised.value.details) == 5
    missing = answers_for(citizen_survey, "", None, None, "")
    with pytest.raises(ValidationFailed):
        survey_services.survey_answer(survey=citizen_survey, actor=citizen, answers=missing, now=NOW)
    assert not Response.objects.exists() and not Participation.objects.exists()


def test_a_survey_for_some_aimags_refuses_others(
    analyst: User, citizen: User, make_citizen: Callable[..., User]
) -> None:
    survey = survey_services.survey_create(
        actor=analyst,
        title="Dornogovi only",
        audiences=[Audience.CITIZEN],
        aimags=[unit("44")],
        opens_at=NOW - datetime.timedelta(days=1),
        closes_at=NOW + datetime.timedelta(days=1),
        is_anonymous=False,
    )
    question = survey_services.question_add(
        actor=analyst, survey=survey, kind=QuestionKind.YES_NO, text="OK?"
    )
    with pytest.raises(PermissionDenied):
        survey_services.survey_answer(survey=survey, actor=citizen, answers={str(question.pk): True}, now=NOW)
    neighbour = make_citizen(register_number="ЕГ01250734", soum="4401")
    response = survey_services.survey_answer(
        survey=survey, actor=neighbour, answers={str(question.pk): "yes"}, now=NOW
    )
    assert response.respondent == neighbour  # not anonymous: the respondent is kept


def test_questions_are_frozen_once_answers_arrive(
    citizen_survey: Survey, citizen: User, analyst: User
) -> None:
    survey_services.survey_answer(
        survey=citizen_survey,
        actor=citizen,
        answers=answers_for(citizen_survey, "Online", 5, True, ""),
        now=NOW,
    )
    with pytest.raises(Conflict):
        survey_services.question_add(
            actor=analyst, survey=citizen_survey, kind=QuestionKind.YES_NO, text="More?"
        )
    with pytest.raises(Conflict):
        survey_services.question_remove(actor=analyst, question=citizen_survey.questions.first())  # type: ignore[arg-type]
    assert citizen_survey.questions.count() == 4


def test_only_trainers_analysts_and_platform_admins_create_surveys_and_only_the_author_edits(
    officer_soum_a: User, admin_aimag: User, trainer_dornogovi: User, citizen_survey: Survey
) -> None:
    for person in (officer_soum_a, admin_aimag):
        with pytest.raises(PermissionDenied):
            survey_services.survey_create(
                actor=person, title="x", audiences=["citizen"], opens_at=NOW, closes_at=NOW, is_anonymous=True
            )
    with pytest.raises(PermissionDenied):
        survey_services.question_add(
            actor=trainer_dornogovi, survey=citizen_survey, kind="yes_no", text="Hm?"
        )
    with pytest.raises(ValidationFailed) as raised:
        survey_services.survey_create(
            actor=trainer_dornogovi,
            title=" ",
            audiences=["nobody"],
            opens_at=NOW,
            closes_at=NOW,
            is_anonymous=True,
        )
    assert set(raised.value.details) == {"title", "audiences", "closes_at"}
    with pytest.raises(ValidationFailed):
        survey_services.question_add(
            actor=citizen_survey.created_by,
            survey=citizen_survey,
            kind="single",
            text="One?",
            options=["a", "a"],
        )


@pytest.fixture
def answered(citizen_survey: Survey, make_citizen: Callable[..., User], operator_soum_a: User) -> Survey:
    people = [
        (make_citizen(register_number="УБ99112233", soum="6401"), ("Online", 5, True, "Шуурхай үйлчилгээ")),
        (make_citizen(register_number="ВЮ92110528", soum="6404"), ("Soum office", 3, False, "Интернэт муу")),
        (make_citizen(register_number="ЕГ01250734", soum="4401"), ("Online", 4, True, "=HYPERLINK(1)")),
    ]
    for person, values in people:
        survey_services.survey_answer(
            survey=citizen_survey, actor=person, answers=answers_for(citizen_survey, *values), now=NOW
        )
    return citizen_survey


def test_results_per_question_aimag_and_audience(answered: Survey) -> None:
    total, results = survey_results(answered)
    where, scale, yes_no, text = results
    assert total == 3
    assert [(bar.label, bar.count, bar.percent) for bar in where.bars] == [
        ("Online", 2, 67),
        ("Soum office", 1, 33),
    ]
    assert scale.mean == 4.0 and [b.count for b in scale.bars] == [0, 0, 1, 1, 1]
    assert {(row.label, row.answered, tuple(row.counts)) for row in yes_no.by_aimag} == {
        ("Bayankhongor", 2, (1, 1)),
        ("Dornogovi", 1, (1, 0)),
    }
    assert [(row.label, row.answered) for row in scale.by_audience] == [("Citizens", 3)]
    assert text.is_text and text.answered == 3


def test_free_text_search_folds_mongolian_spelling(answered: Survey) -> None:
    assert [a.text for a in text_answers(survey=answered, query="ИНТЕРНЭТ")] == ["Интернэт муу"]
    assert [a.text for a in text_answers(survey=answered, query="шуурхаи")] == []
    assert len(text_answers(survey=answered)) == 3


def test_exports_have_one_row_per_response_and_defuse_formulas(answered: Survey) -> None:
    csv_text = export_csv(answered)
    assert csv_text.count("\n") == 4 and "Where?" in csv_text
    assert "'=HYPERLINK(1)" in csv_text
    assert export_xlsx(answered)[:2] == b"PK"


def test_results_pages_and_exports_for_readers_of_results_only(
    client: Client,
    answered: Survey,
    analyst: User,
    trainer_dornogovi: User,
    admin_aimag: User,
    officer_soum_a: User,
    make_citizen: Callable[..., User],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    citizen = make_citizen(register_number="ВЮ85031412")
    urls = [
        reverse("academy:survey-results", args=[answered.pk]),
        reverse("academy:survey-export", args=[answered.pk, "csv"]),
        reverse("academy:survey-export", args=[answered.pk, "xlsx"]),
        reverse("academy:survey-texts", args=[answered.pk]) + "?q=интернэт",
    ]
    for person in (analyst, trainer_dornogovi):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 200, url
    client.force_login(analyst)
    with django_assert_max_num_queries(10):  # type: ignore[attr-defined]
        page = client.get(urls[0])
    assert 'role="img"' in page.content.decode() and "<title" in page.content.decode()
    assert client.get(reverse("academy:survey-export", args=[answered.pk, "pdf"])).status_code == 404
    for person in (admin_aimag, officer_soum_a, citizen):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)


def test_answer_page_online_and_for_a_citizen(
    client: Client, citizen_survey: Survey, citizen: User, operator_soum_a: User, officer_soum_a: User
) -> None:
    url = reverse("academy:survey-answer", args=[citizen_survey.pk])
    questions = list(citizen_survey.questions.all())
    data = {f"q{questions[0].pk}": "Online", f"q{questions[1].pk}": "4", f"q{questions[2].pk}": "yes"}
    with time_machine.travel(NOW):
        client.force_login(citizen)
        assert client.get(url).status_code == 200
        assert client.post(url, data).status_code == 302
        again = client.post(url, data)
        assert again.status_code == 200 and "already answered" in again.content.decode()
        client.force_login(officer_soum_a)
        assert client.get(url).status_code == 404
        client.force_login(operator_soum_a)
        assisted = data | {"citizen_register_number": "ВЮ92110528"}
        assert client.post(url + "?for=citizen", assisted).status_code == 302
    assert sorted(Response.objects.values_list("channel", flat=True)) == ["in_person", "online"]
    assert Answer.objects.count() == 6


def test_survey_pages_create_and_edit(client: Client, trainer_dornogovi: User, officer_soum_a: User) -> None:
    client.force_login(officer_soum_a)
    assert client.get(reverse("academy:survey-new")).status_code == 403
    assert client.get(reverse("academy:surveys")).status_code == 200
    client.force_login(trainer_dornogovi)
    response = client.post(
        reverse("academy:survey-new"),
        {
            "title": "Operators' survey",
            "audiences": ["operator"],
            "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-04-01T09:00",
            "is_anonymous": "on",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and survey.audiences == ["operator"]
    edit = reverse("academy:survey-edit", args=[survey.pk])
    client.post(edit, {"kind": "multiple", "text": "Which?", "options": "A\nB\n", "scale_max": 5})
    bad = client.post(edit, {"kind": "single", "text": "One?", "options": "A", "scale_max": 5})
    assert bad.status_code == 200 and "two different options" in bad.content.decode()
    assert list(survey.questions.values_list("options", flat=True)) == [["A", "B"]]


def test_open_surveys_are_listed_for_their_audience(
    client: Client, citizen_survey: Survey, citizen: User, make_staff: Callable[..., User]
) -> None:
    from nutag.academy.selectors import surveys_open_for

    operator = make_staff((Role.OPERATOR, "gov-6401"))
    assert surveys_open_for(user=citizen, now=NOW) == [citizen_survey]
    assert surveys_open_for(user=operator, now=NOW) == []
    assert surveys_open_for(user=citizen, now=NOW + datetime.timedelta(days=40)) == []
