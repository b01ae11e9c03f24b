from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    CITIZEN = "citizen", _("Citizens")
    OFFICER = "officer", _("Resolving officers")
    OPERATOR = "operator", _("Operators")
    CIVIL_SERVANT = "civil_servant", _("Civil servants")


# Who answers a survey: citizens, or staff by the role they hold.
SURVEY_AUDIENCES = (Audience.CITIZEN, Audience.OFFICER, Audience.OPERATOR)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Scale")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    YES_NO = "yes_no", _("Yes or no")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class AnswerChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person, entered by an operator")


class ParticipantKind(models.TextChoices):
    STAFF = "staff", _("Staff account")
    CITIZEN = "citizen", _("Citizen without an account")
