"""Readiness: of the officers who resolve each offered service, and of the operators of each soum, how many
completed a programme that prepares for their role — and who still needs training.

An officer resolves a service when they hold the officer role in the adoption's delivering organisation; an
operator belongs to a soum through an organisation of that soum, or a KHURDAN point of the aimag (counted in
the aimag's centre soum, where the points are). A person is ready for a role once they completed any programme
whose `prepares_roles` includes it. A constant number of queries, whatever the size of the territory."""

from dataclasses import dataclass, field

from django.db.models import Q

from nutag.academy.models import Participant, Programme
from nutag.accounts.choices import Role
from nutag.accounts.models import RoleAssignment
from nutag.catalog.choices import AdoptionStatus
from nutag.catalog.models import Adoption
from nutag.core.permissions import path_within, within_paths
from nutag.organisations.choices import OrganisationKind
from nutag.organisations.models import Organisation
from nutag.territory.choices import LOCAL_LEVELS, TOP_LEVELS
from nutag.territory.models import TerritoryUnit

ROLES = (Role.OFFICER, Role.OPERATOR)


@dataclass
class Tally:
    people: set[int] = field(default_factory=set)
    trained: set[int] = field(default_factory=set)

    def add(self, user_id: int, is_trained: bool) -> None:
        self.people.add(user_id)
        if is_trained:
            self.trained.add(user_id)

    @property
    def total(self) -> int:
        return len(self.people)

    @property
    def done(self) -> int:
        return len(self.trained)

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.total) if self.people else None


@dataclass
class UnitRow:
    unit: TerritoryUnit | None  # None: the aimag's own organisations
    officers: Tally = field(default_factory=Tally)
    operators: Tally = field(default_factory=Tally)


@dataclass
class ServiceRow:
    adoption: Adoption
    officers: Tally = field(default_factory=Tally)


@dataclass
class Untrained:
    user_id: int
    full_name: str
    username: str
    role: str
    organisation: Organisation
    soum: TerritoryUnit | None
    programmes: list[Programme]

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


@dataclass
class AimagReadiness:
    aimag: TerritoryUnit
    officers: Tally = field(default_factory=Tally)
    operators: Tally = field(default_factory=Tally)
    units: dict[str, UnitRow] = field(default_factory=dict)
    services: list[ServiceRow] = field(default_factory=list)
    untrained: dict[tuple[int, str], Untrained] = field(default_factory=dict)

    @property
    def needs_training(self) -> list[Untrained]:
        return sorted(
            self.untrained.values(), key=lambda p: (p.soum.path if p.soum else "", p.role, p.full_name)
        )


def readiness_for(*, paths: list[str], aimag_code: str = "") -> dict[str, AimagReadiness]:
    """Readiness of every aimag within `paths` (the territories the reader may see), or of one aimag."""
    units = TerritoryUnit.objects.filter(within_paths(paths, "path") | _above(paths))
    if aimag_code:
        units = units.filter(within_paths([f"MN.{aimag_code}"], "path"))
    units = units.filter(level__in=[*TOP_LEVELS, *LOCAL_LEVELS])
    by_path = {unit.path: unit for unit in units}
    result = {
        unit.code: AimagReadiness(aimag=unit, units={"": UnitRow(unit=None)})
        for unit in by_path.values()
        if unit.level in TOP_LEVELS
    }
    for unit in by_path.values():
        if unit.level in LOCAL_LEVELS and unit.aimag_code in result:
            result[unit.aimag_code].units[unit.code] = UnitRow(unit=unit)
    if not result:
        return {}
    scope = within_paths(paths, "organisation__territory_path")
    if aimag_code:
        scope &= within_paths([f"MN.{aimag_code}"], "organisation__territory_path")
    adoptions = list(
        Adoption.objects.filter(scope, status=AdoptionStatus.OFFERED, aimag_code__in=result)
        .select_related("service", "version", "territory", "organisation")
        .order_by("territory_path", "service__code")
    )
    assignments = list(
        RoleAssignment.objects.filter(scope, role__in=ROLES, is_active=True, user__is_active=True)
        .select_related("organisation", "user")
        .order_by("user__full_name", "user_id")
    )
    programmes = list(Programme.objects.filter(is_active=True))
    preparing = {role: [p for p in programmes if role in p.prepares_roles] for role in ROLES}
    completed = set(
        Participant.objects.filter(
            user_id__in={a.user_id for a in assignments}, completed_at__isnull=False
        ).values_list("user_id", "session__programme_id")
    )
    ready = {
        (user_id, role)
        for user_id, programme_id in completed
        for role in ROLES
        if any(p.pk == programme_id for p in preparing[role])
    }
    officers_of: dict[int, list[RoleAssignment]] = {}
    for assignment in assignments:
        aimag = _aimag_code(assignment.organisation.territory_path)
        if aimag not in result:
            continue
        report = result[aimag]
        if assignment.role == Role.OPERATOR:
            row = _unit_row(report, assignment.organisation)
            is_ready = (assignment.user_id, Role.OPERATOR) in ready
            row.operators.add(assignment.user_id, is_ready)
            report.operators.add(assignment.user_id, is_ready)
            if not is_ready:
                _note_untrained(report, assignment, row.unit, preparing[Role.OPERATOR])
        else:
            officers_of.setdefault(assignment.organisation_id, []).append(assignment)
    for adoption in adoptions:
        report = result[adoption.aimag_code]
        service_row = ServiceRow(adoption=adoption)
        report.services.append(service_row)
        for assignment in officers_of.get(adoption.organisation_id, []):
            is_ready = (assignment.user_id, Role.OFFICER) in ready
            service_row.officers.add(assignment.user_id, is_ready)
            report.officers.add(assignment.user_id, is_ready)
            row = _unit_row(report, assignment.organisation)
            row.officers.add(assignment.user_id, is_ready)
            if not is_ready:
                _note_untrained(report, assignment, row.unit, preparing[Role.OFFICER])
    return result


def _above(paths: list[str]) -> Q:
    """The aimags above soum-level scopes, so that a soum's admin still sees the aimag it belongs to."""
    aimags = {".".join(path.split(".")[:2]) for path in paths if path.count(".") >= 2}
    return Q(path__in=aimags) if aimags else Q(pk__in=[])


def _aimag_code(path: str) -> str:
    parts = path.split(".")
    return parts[1] if len(parts) > 1 else ""


def _unit_row(report: AimagReadiness, organisation: Organisation) -> UnitRow:
    for row in report.units.values():
        if row.unit is not None and path_within(organisation.territory_path, row.unit.path):
            return row
    if organisation.kind == OrganisationKind.KHURDAN_POINT:
        for row in report.units.values():
            if row.unit is not None and row.unit.name_mn == report.aimag.centre_mn:
                return row
    return report.units[""]


def _note_untrained(
    report: AimagReadiness,
    assignment: RoleAssignment,
    soum: TerritoryUnit | None,
    programmes: list[Programme],
) -> None:
    key = (assignment.user_id, assignment.role)
    if key not in report.untrained:
        report.untrained[key] = Untrained(
            user_id=assignment.user_id,
            full_name=assignment.user.full_name or assignment.user.username,
            username=assignment.user.username,
            role=assignment.role,
            organisation=assignment.organisation,
            soum=soum,
            programmes=programmes,
        )
