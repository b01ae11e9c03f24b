from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class AdoptionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OFFERED = "offered", _("Offered")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Applicant(models.TextChoices):
    CITIZEN = "citizen", _("Citizens")
    BUSINESS = "business", _("Businesses")
    BOTH = "both", _("Citizens and businesses")


class ServiceLevel(models.TextChoices):
    AIMAG = "aimag", _("Aimag service")
    SOUM = "soum", _("Soum service")


class ResultKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    DECISION = "decision", _("Decision")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    OPERATOR = "operator", _("Through a soum operator")
    KHURDAN = "khurdan", _("At a KHURDAN point")


class ProcessKind(models.TextChoices):
    REFERENCE_LETTER = "reference_letter", _("Reference letter after one check")
    PERMIT = "permit", _("Permit with review, approval, fee and document")
    WELFARE_COMMITTEE = "welfare_committee", _("Welfare decision by a committee")
    SITE_INSPECTION_PERMIT = "site_inspection_permit", _("Permit with a site inspection")


class Category(models.TextChoices):
    LAND = "land", _("Land")
    CONSTRUCTION = "construction", _("Construction")
    ENVIRONMENT = "environment", _("Environment and nature")
    TRANSPORT = "transport", _("Transport")
    WELFARE = "welfare", _("Social welfare")
    FAMILY = "family", _("Family and children")
    ARCHIVE = "archive", _("Archives and references")
    BUSINESS = "business", _("Business and licences")
    AGRICULTURE = "agriculture", _("Herding and agriculture")
    CIVIL = "civil", _("Civil registration and residence")
    UTILITIES = "utilities", _("Utilities and waste")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture and tourism")


class LifeEvent(models.TextChoices):
    BIRTH_AND_CHILDREN = "birth_and_children", _("Having a child")
    FAMILY = "family", _("Family")
    OLD_AGE = "old_age", _("Old age")
    DISABILITY = "disability", _("Living with a disability")
    HOUSING = "housing", _("Housing")
    STARTING_BUSINESS = "starting_business", _("Starting a business")
    RUNNING_BUSINESS = "running_business", _("Running a business")
    HERDING_AND_FARMING = "herding_and_farming", _("Herding and farming")
    LAND_AND_PROPERTY = "land_and_property", _("Land and property")
    MOVING = "moving", _("Moving home")
    VEHICLES = "vehicles", _("Vehicles")
    DEATH = "death", _("Death of a relative")
    EMPLOYMENT = "employment", _("Work")
    NATURE_USE = "nature_use", _("Using nature")
    COMMUNITY_EVENTS = "community_events", _("Community events")


class ResolverKind(models.TextChoices):
    AIMAG_GOVERNOR_OFFICE = "aimag_governor_office", _("Aimag governor's office")
    SOUM_GOVERNOR_OFFICE = "soum_governor_office", _("Soum governor's office")
    DEPT_LAND = "dept_land", _("Aimag land agency")
    DEPT_SOCIAL_WELFARE = "dept_social_welfare", _("Aimag labour and welfare agency")
    DEPT_ENVIRONMENT = "dept_environment", _("Aimag environment agency")
    DEPT_TRANSPORT = "dept_transport", _("Aimag road transport centre")
    DEPT_ARCHIVE = "dept_archive", _("Aimag archive")
    DEPT_AGRICULTURE = "dept_agriculture", _("Aimag food and agriculture agency")
    DEPT_INVESTMENT = "dept_investment", _("Aimag investment and development division")
    DEPT_EDUCATION = "dept_education", _("Aimag education agency")
    DEPT_HEALTH = "dept_health", _("Aimag health agency")
    DEPT_REGISTRATION = "dept_registration", _("Aimag registration division")
    DEPT_CULTURE_TOURISM = "dept_culture_tourism", _("Aimag culture agency")


class FieldType(models.TextChoices):
    TEXT = "text", _("Short text")
    TEXTAREA = "textarea", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("One choice")
    MULTICHOICE = "multichoice", _("Several choices")
    BOOLEAN = "boolean", _("Yes or no")
    REGISTER_NUMBER = "register_number", _("Register number")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("Email")
