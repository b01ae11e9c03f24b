"""Who may do what in the academy.

National trainers keep the programmes and plan tours of aimags. Trainers plan, change, cancel and record sessions
within the territory of the organisation that holds their role (a trainer of Dornogovi's governor's office in
Dornogovi, a trainer of the E-Mongolia Academy anywhere). Organisation admins see the training of their own
people; analysts see readiness figures but not names. Anonymous survey answers are never linked to a person, so
no policy can reveal one (see models/surveys.py)."""

from typing import Any

from django.db import models
from django.db.models import Q

from nutag.academy.choices import Audience
from nutag.academy.models import Participant, Programme, ServiceRating, Survey, TrainingSession, VisitPlan
from nutag.accounts.choices import Role
from nutag.core import permissions
from nutag.core.permissions import path_within, within_paths
from nutag.territory.loader import NATIONAL_CODE


def _signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated)


def is_national(user: Any, role: str) -> bool:
    return _signed_in(user) and (user.is_platform_admin or NATIONAL_CODE in user.scopes(role))


def trainer_paths(user: Any) -> list[str]:
    if not _signed_in(user):
        return []
    return [NATIONAL_CODE] if user.is_platform_admin else user.scopes(Role.TRAINER)


def may_plan_in(user: Any, territory_path: str) -> bool:
    return any(path_within(territory_path, scope) for scope in trainer_paths(user))


def readiness_paths(user: Any, *, with_names: bool) -> list[str]:
    """Territories whose readiness the user may see: trainers and organisation admins with the names of who
    still needs training, analysts as figures only."""
    if not _signed_in(user):
        return []
    if user.is_platform_admin:
        return [NATIONAL_CODE]
    roles = (Role.TRAINER, Role.ORG_ADMIN) if with_names else (Role.TRAINER, Role.ORG_ADMIN, Role.ANALYST)
    return user.scopes(*roles)


def may_create_survey(user: Any) -> bool:
    return _signed_in(user) and (
        user.is_platform_admin or user.has_role(Role.TRAINER) or user.has_role(Role.ANALYST)
    )


def audiences_of(user: Any) -> dict[str, str]:
    """The survey audiences the user belongs to, each with the aimag code the user answers from."""
    if not _signed_in(user):
        return {}
    if user.is_citizen:
        home = user.home_territory
        return {Audience.CITIZEN: home.aimag_code if home else ""}
    found: dict[str, str] = {}
    for assignment in user.role_assignments:
        if assignment.role in (Role.OFFICER, Role.OPERATOR):
            parts = assignment.organisation.territory_path.split(".")
            found.setdefault(assignment.role, parts[1] if len(parts) > 1 else "")
    return found


@permissions.register(Programme)
class ProgrammePolicy:
    """Programmes are public; national trainers keep them."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        return action == "view" or is_national(user, Role.TRAINER)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if action == "view":
            return queryset
        return queryset if is_national(user, Role.TRAINER) else queryset.none()


@permissions.register(VisitPlan)
class VisitPlanPolicy:
    """Tours of aimags are public; national trainers plan and change them (aimag trainers plan the sessions of
    their aimag within a tour's visit)."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        return action == "view" or is_national(user, Role.TRAINER)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if action == "view":
            return queryset
        return queryset if is_national(user, Role.TRAINER) else queryset.none()


@permissions.register(TrainingSession)
class TrainingSessionPolicy:
    """The timetable is public; trainers plan, change, cancel and record the sessions of their territory
    ("change", "cancel", "record")."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        return action == "view" or may_plan_in(user, obj.territory_path)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if action == "view":
            return queryset
        return queryset.filter(within_paths(trainer_paths(user), "territory_path"))


@permissions.register(Participant)
class ParticipantPolicy:
    """A participant's record: the person, the trainers of the session's territory, and the organisation admins
    over the person's organisation (their own people)."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not _signed_in(user):
            return False
        if may_plan_in(user, obj.session.territory_path):
            return True
        if action != "view":
            return False
        if obj.user_id is not None and obj.user_id == user.pk:
            return True
        return bool(obj.organisation_path) and user.has_role_over(Role.ORG_ADMIN, obj.organisation_path)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not _signed_in(user):
            return queryset.none()
        condition = within_paths(trainer_paths(user), "session__territory_path")
        if action == "view":
            condition |= Q(user=user) | within_paths(user.scopes(Role.ORG_ADMIN), "organisation_path")
        return queryset.filter(condition)


@permissions.register(Survey)
class SurveyPolicy:
    """Anyone in a survey's audience answers it; its author and platform admins change it; trainers and
    analysts read the results."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not _signed_in(user):
            return False
        if action == "change":
            return user.is_platform_admin or obj.created_by_id == user.pk
        if action == "results":
            return (
                user.is_platform_admin
                or obj.created_by_id == user.pk
                or user.has_role(Role.TRAINER)
                or user.has_role(Role.ANALYST)
            )
        if action == "answer_for_citizen":
            return Audience.CITIZEN in obj.audiences and user.has_role(Role.OPERATOR)
        return any(audience in obj.audiences for audience in audiences_of(user))

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not _signed_in(user):
            return queryset.none()
        if action == "results":
            if user.is_platform_admin or user.has_role(Role.TRAINER) or user.has_role(Role.ANALYST):
                return queryset
            return queryset.filter(created_by=user)
        ids = [
            pk
            for pk, audiences in queryset.values_list("pk", "audiences")
            if set(audiences) & set(audiences_of(user))
        ]
        return queryset.filter(pk__in=ids)


@permissions.register(ServiceRating)
class ServiceRatingPolicy:
    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not _signed_in(user) or action != "view":
            return False
        return (
            obj.request.applicant_id == user.pk
            or user.is_platform_admin
            or user.has_role(Role.ANALYST)
            or user.has_role_over(Role.ORG_ADMIN, obj.territory_path)
        )

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not _signed_in(user) or action != "view":
            return queryset.none()
        if user.is_platform_admin or user.has_role(Role.ANALYST):
            return queryset
        return queryset.filter(
            Q(request__applicant=user) | within_paths(user.scopes(Role.ORG_ADMIN), "territory_path")
        )
