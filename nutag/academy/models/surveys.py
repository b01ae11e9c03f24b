"""Surveys. For an anonymous survey no answer is linked to a person, not even in a hidden column: the response
row has no respondent, no operator and only the day it came in; whether a person already answered is kept in
`Participation` as a keyed hash of (survey, person) that cannot be reversed without the server's secret and
that holds no reference to the response (see academy.participation)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nutag.academy.choices import AnswerChannel, QuestionKind
from nutag.territory.models import TerritoryUnit


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audiences = models.JSONField(_("audience"), default=list)
    aimags = models.ManyToManyField(
        TerritoryUnit,
        verbose_name=_("aimags"),
        blank=True,
        related_name="+",
        help_text=_("None chosen: all aimags."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    is_anonymous = models.BooleanField(_("anonymous"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="survey_dates"),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    options = models.JSONField(_("options"), default=list, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("scale from 1 to"), default=5)
    is_required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="question_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class Participation(models.Model):
    """That someone answered a survey, as a keyed hash only: no person, no time, no response."""

    key = models.CharField(max_length=64, primary_key=True)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.key[:8]}"


class Response(models.Model):
    """One completed questionnaire. `respondent` and `entered_by` stay empty for anonymous surveys."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    audience = models.CharField(_("audience"), max_length=20)
    aimag_code = models.CharField(_("aimag"), max_length=4, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=AnswerChannel.choices)
    submitted_on = models.DateField(_("submitted on"))
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["submitted_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="response_once_per_respondent",
            ),
        ]
        indexes = [models.Index(fields=["survey", "aimag_code"], name="response_survey_aimag_idx")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{str(self.id)[:8]}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choices = models.JSONField(default=list, blank=True)
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.display}"

    @property
    def display(self) -> str:
        if self.choices:
            return "; ".join(str(choice) for choice in self.choices)
        if self.number is not None:
            return str(self.number)
        return self.text
