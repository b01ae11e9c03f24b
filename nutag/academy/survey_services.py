"""Every change of a survey: creating it, its questions, and answering it (online or entered by an operator)."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.academy.choices import (
    CHOICE_KINDS,
    SURVEY_AUDIENCES,
    AnswerChannel,
    Audience,
    QuestionKind,
)
from nutag.academy.models import Answer, Participation, Question, Response, Survey
from nutag.academy.participation import participation_key, person_key
from nutag.academy.permissions import audiences_of, may_create_survey
from nutag.accounts.models import User
from nutag.accounts.register_number import InvalidRegisterNumber
from nutag.accounts.register_number import parse as parse_register_number
from nutag.core import audit
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.permissions import require
from nutag.core.text import fold
from nutag.territory.models import TerritoryUnit

TEXT_LIMITS = {QuestionKind.SHORT_TEXT: 200, QuestionKind.LONG_TEXT: 5000}
YES, NO = "yes", "no"


@transaction.atomic
def survey_create(
    *,
    actor: User | None,
    title: str,
    audiences: list[str],
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    is_anonymous: bool,
    description: str = "",
    aimags: list[TerritoryUnit] | None = None,
) -> Survey:
    if actor is not None and not may_create_survey(actor):
        raise PermissionDenied(_("Trainers and analysts create surveys."))
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the survey a title.")
    if not audiences or set(audiences) - set(SURVEY_AUDIENCES):
        errors["audiences"] = _("Choose who answers: citizens, officers or operators.")
    if closes_at <= opens_at:
        errors["closes_at"] = _("The survey closes after it opens.")
    if any(not unit.is_top_level for unit in aimags or []):
        errors["aimags"] = _("Choose aimags only.")
    if errors:
        raise ValidationFailed(_("The survey cannot be created."), details=errors)
    survey = Survey.objects.create(
        title=title.strip(),
        description=description.strip(),
        audiences=sorted(set(audiences)),
        opens_at=opens_at,
        closes_at=closes_at,
        is_anonymous=is_anonymous,
        created_by=actor,
    )
    survey.aimags.set(aimags or [])
    audit.record(
        actor=actor,
        action="academy.survey_created",
        obj=survey,
        after={"audiences": survey.audiences, "is_anonymous": is_anonymous},
    )
    return survey


def _refuse_if_answered(survey: Survey) -> None:
    if Response.objects.filter(survey=survey).exists():
        raise Conflict(
            _("The survey has answers: its questions can no longer change."), code="survey_answered"
        )


@transaction.atomic
def question_add(
    *,
    actor: User | None,
    survey: Survey,
    kind: str,
    text: str,
    options: list[str] | None = None,
    scale_max: int = 5,
    is_required: bool = True,
) -> Question:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    require(actor, "change", survey, _("Only the survey's author changes its questions."))
    _refuse_if_answered(survey)
    cleaned = [option.strip() for option in options or [] if option.strip()]
    errors: dict[str, str] = {}
    if kind not in QuestionKind.values:
        errors["kind"] = _("Unknown kind of question.")
    if not text.strip():
        errors["text"] = _("Write the question.")
    if kind in CHOICE_KINDS and (len(cleaned) < 2 or len(set(cleaned)) != len(cleaned)):
        errors["options"] = _("Give at least two different options.")
    if kind == QuestionKind.SCALE and not 2 <= scale_max <= 10:
        errors["scale_max"] = _("A scale goes from 1 to between 2 and 10.")
    if errors:
        raise ValidationFailed(_("The question cannot be added."), details=errors)
    last = survey.questions.order_by("-position").values_list("position", flat=True).first() or 0
    question = Question.objects.create(
        survey=survey,
        position=last + 1,
        kind=kind,
        text=text.strip(),
        options=cleaned if kind in CHOICE_KINDS else [],
        scale_max=scale_max if kind == QuestionKind.SCALE else 5,
        is_required=is_required,
    )
    audit.record(
        actor=actor, action="academy.question_added", obj=question, after={"kind": kind, "text": text}
    )
    return question


@transaction.atomic
def question_remove(*, actor: User | None, question: Question) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    require(actor, "change", survey, _("Only the survey's author changes its questions."))
    _refuse_if_answered(survey)
    audit.record(actor=actor, action="academy.question_removed", obj=question, before={"text": question.text})
    question.delete()


def _clean_value(question: Question, raw: Any) -> dict[str, Any] | None:
    """The stored form of one answer, None when left empty; raises ValueError with a message when invalid."""
    if raw is None or raw == "" or raw == []:
        return None
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        if raw not in question.options:
            raise ValueError(_("Choose one of the options."))
        return {"choices": [raw]}
    if kind == QuestionKind.MULTIPLE:
        values = raw if isinstance(raw, list) else [raw]
        if any(value not in question.options for value in values):
            raise ValueError(_("Choose among the options."))
        return {"choices": [option for option in question.options if option in values]}
    if kind == QuestionKind.YES_NO:
        if raw in (True, YES, "true"):
            return {"choices": [YES]}
        if raw in (False, NO, "false"):
            return {"choices": [NO]}
        raise ValueError(_("Answer yes or no."))
    if kind == QuestionKind.SCALE:
        try:
            number = int(raw)
        except (TypeError, ValueError):
            raise ValueError(_("Give a number.")) from None
        if isinstance(raw, bool) or not 1 <= number <= question.scale_max:
            raise ValueError(_("Give a number from 1 to %(max)s.") % {"max": question.scale_max})
        return {"number": number}
    text = str(raw).strip()
    if len(text) > TEXT_LIMITS[QuestionKind(kind)]:
        raise ValueError(_("At most %(limit)s characters.") % {"limit": TEXT_LIMITS[QuestionKind(kind)]})
    return {"text": text, "search_text": fold(text)} if text else None


def _respondent(
    survey: Survey, actor: User, citizen_register_number: str, citizen_soum: TerritoryUnit | None
) -> tuple[str, str, str, str, User | None]:
    """(audience, aimag code, channel, person key, respondent account) of an answer, or a refusal."""
    if citizen_register_number:
        require(actor, "answer_for_citizen", survey, _("Only operators enter a citizen's answers."))
        try:
            number = parse_register_number(citizen_register_number).value
        except InvalidRegisterNumber as error:
            raise ValidationFailed(str(error), details={"citizen_register_number": str(error)}) from None
        account = User.objects.filter(register_number=number).first()
        aimag = citizen_soum.aimag_code if citizen_soum else ""
        if not aimag and account is not None and account.home_territory is not None:
            aimag = account.home_territory.aimag_code
        return Audience.CITIZEN, aimag, AnswerChannel.IN_PERSON, person_key(register_number=number), account
    mine = {
        audience: aimag for audience, aimag in audiences_of(actor).items() if audience in survey.audiences
    }
    if not mine:
        raise PermissionDenied(_("This survey is not for you."))
    audience = sorted(mine)[0]
    return audience, mine[audience], AnswerChannel.ONLINE, person_key(user=actor), actor


def survey_answer(
    *,
    survey: Survey,
    actor: User,
    answers: dict[str, Any],
    citizen_register_number: str = "",
    citizen_soum: TerritoryUnit | None = None,
    now: datetime.datetime | None = None,
) -> Response:
    """Record one person's answers: online by the person, or entered by an operator for a citizen interviewed in
    person (with the citizen's register number, used only to refuse a second answer)."""
    moment = now or timezone.now()
    if not survey.opens_at <= moment < survey.closes_at:
        raise Conflict(_("The survey is not open."), code="survey_closed")
    audience, aimag_code, channel, person, account = _respondent(
        survey, actor, citizen_register_number, citizen_soum
    )
    allowed_aimags = set(survey.aimags.values_list("code", flat=True))
    if allowed_aimags and aimag_code not in allowed_aimags:
        raise PermissionDenied(_("This survey is for other aimags."))
    questions = list(survey.questions.all())
    known = {str(question.pk) for question in questions}
    errors: dict[str, str] = {key: _("No such question.") for key in map(str, answers) if key not in known}
    cleaned: dict[int, dict[str, Any]] = {}
    for question in questions:
        try:
            value = _clean_value(question, answers.get(str(question.pk)))
        except ValueError as error:
            errors[str(question.pk)] = str(error)
            continue
        if value is None and question.is_required:
            errors[str(question.pk)] = _("This question needs an answer.")
        elif value is not None:
            cleaned[question.pk] = value
    if not questions:
        raise Conflict(_("The survey has no questions yet."), code="survey_empty")
    if errors:
        raise ValidationFailed(_("Some answers need attention."), details=errors)
    key = participation_key(survey_id=survey.pk, person=person)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Participation.objects.create(key=key, survey=survey)
        except IntegrityError:
            raise Conflict(
                _("This person has already answered the survey."), code="already_answered"
            ) from None
        identified = not survey.is_anonymous
        response = Response.objects.create(
            survey=survey,
            audience=audience,
            aimag_code=aimag_code,
            channel=channel,
            submitted_on=timezone.localdate(moment),
            respondent=account if identified else None,
            entered_by=actor if identified and channel == AnswerChannel.IN_PERSON else None,
        )
        Answer.objects.bulk_create(
            Answer(response=response, question_id=question_id, **value)
            for question_id, value in cleaned.items()
        )
        if identified:
            audit.record(
                actor=actor, action="academy.survey_answered", obj=response, after={"channel": channel}
            )
    return response
