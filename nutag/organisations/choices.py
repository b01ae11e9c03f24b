from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    NATIONAL_AGENCY = "national_agency", _("National agency")
    AIMAG_GOVERNOR_OFFICE = "aimag_governor_office", _("Aimag governor's office")
    SOUM_GOVERNOR_OFFICE = "soum_governor_office", _("Soum governor's office")
    AIMAG_DEPARTMENT = "aimag_department", _("Aimag department")
    KHURDAN_POINT = "khurdan_point", _("KHURDAN service point")
    UNIT = "unit", _("Unit of an organisation")


class Department(models.TextChoices):
    """The aimag departments that resolve local services; an organisation of kind aimag_department has one."""

    LAND = "land", _("Land administration, construction and urban development")
    SOCIAL_WELFARE = "social_welfare", _("Labour and social welfare")
    ENVIRONMENT = "environment", _("Environment and tourism")
    TRANSPORT = "transport", _("Road transport centre")
    ARCHIVE = "archive", _("State archive")
    AGRICULTURE = "agriculture", _("Food and agriculture")
    INVESTMENT = "investment", _("Investment and development policy")
    EDUCATION = "education", _("Education and culture")
    HEALTH = "health", _("Health")
    REGISTRATION = "registration", _("State registration")
    CULTURE_TOURISM = "culture_tourism", _("Culture and tourism")
