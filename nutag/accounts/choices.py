from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    OFFICER = "officer", _("Resolving officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    DESIGNER = "designer", _("Service designer")
    ANALYST = "analyst", _("Analyst")
    TRAINER = "trainer", _("Trainer")
    PLATFORM_ADMIN = "platform_admin", _("Platform admin")


class UserKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    STAFF = "staff", _("Staff")
