"""Every change to the catalogue: versions of reference services and their local adoptions."""

from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.accounts.choices import Role
from nutag.catalog import schema
from nutag.catalog.choices import AdoptionStatus, ServiceLevel, VersionStatus
from nutag.catalog.models import CONTENT_FIELDS, Adoption, CoverageCell, ReferenceService, ServiceVersion
from nutag.core import audit
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.permissions import require
from nutag.core.text import fold
from nutag.organisations.models import Organisation
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit

ADOPTION_FIELDS = [
    "status",
    "channels",
    "fee_mnt",
    "service_norm_days",
    "extra_documents",
    "extra_form_fields",
    "organisation",
    "version",
    "note_mn",
    "note_en",
]
STATUS_MOVES = {
    AdoptionStatus.PLANNED: {AdoptionStatus.OFFERED, AdoptionStatus.WITHDRAWN},
    AdoptionStatus.OFFERED: {AdoptionStatus.SUSPENDED, AdoptionStatus.WITHDRAWN},
    AdoptionStatus.SUSPENDED: {AdoptionStatus.OFFERED, AdoptionStatus.WITHDRAWN},
    AdoptionStatus.WITHDRAWN: {AdoptionStatus.PLANNED},
}


def _content(version: ServiceVersion) -> dict[str, Any]:
    return {name: getattr(version, name) for name in CONTENT_FIELDS}


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationFailed(problems[0], details={"problems": problems})


def version_apply_content(version: ServiceVersion, data: dict[str, Any]) -> None:
    """Set a version's content fields from `data` (validated by the caller) and refresh its search text."""
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(version, name, data[name])
    version.search_text = fold(
        " ".join(
            [
                version.service.code,
                version.name_mn,
                version.name_en,
                version.description_mn,
                version.description_en,
            ]
        )
    )


@transaction.atomic
def service_create(*, code: str, data: dict[str, Any], actor: Any) -> ServiceVersion:
    """A new reference service with its first draft version."""
    if actor is not None and not (actor.has_role(Role.DESIGNER) or actor.is_platform_admin):
        raise PermissionDenied(_("Only service designers keep the reference catalogue."))
    if not schema.CODE_PATTERN.match(code or ""):
        raise ValidationFailed(
            _("The code must be capital Latin letters, digits and hyphens, e.g. LAND-001.")
        )
    if ReferenceService.objects.filter(code=code).exists():
        raise Conflict(_("A service with the code %(code)s exists already.") % {"code": code})
    _refuse(schema.version_problems(data))
    service = ReferenceService.objects.create(code=code)
    version = ServiceVersion(service=service, number=1, created_by=actor if actor and actor.pk else None)
    version_apply_content(version, data)
    version.save()
    audit.record(actor=actor, action="service.created", obj=version, after=_content(version))
    return version


@transaction.atomic
def version_update(*, version: ServiceVersion, data: dict[str, Any], actor: Any) -> ServiceVersion:
    """Change a draft. Published and retired versions are frozen: change them by starting a new draft."""
    version = ServiceVersion.objects.select_for_update().select_related("service").get(pk=version.pk)
    require(actor, "change", version)
    if not version.is_editable:
        raise Conflict(
            _("Version %(number)s is %(status)s and cannot change; start a new draft.")
            % {"number": version.number, "status": version.get_status_display()}
        )
    before = _content(version)
    merged = {**before, **{k: v for k, v in data.items() if k in CONTENT_FIELDS}}
    _refuse(schema.version_problems(merged))
    version_apply_content(version, merged)
    version.save()
    after = _content(version)
    changed = {k: v for k, v in after.items() if before[k] != v}
    if changed:
        audit.record(
            actor=actor,
            action="version.updated",
            obj=version,
            before={k: before[k] for k in changed},
            after=changed,
        )
    return version


@transaction.atomic
def version_start_draft(*, service: ReferenceService, actor: Any) -> ServiceVersion:
    """A new draft copied from the newest version; there is at most one draft at a time."""
    service = ReferenceService.objects.select_for_update().get(pk=service.pk)
    newest = service.versions.order_by("-number").first()
    assert newest is not None
    require(actor, "change", newest)
    if newest.status == VersionStatus.DRAFT:
        raise Conflict(
            _("This service already has a draft (version %(number)s).") % {"number": newest.number}
        )
    draft = ServiceVersion(
        service=service, number=newest.number + 1, created_by=actor if actor and actor.pk else None
    )
    version_apply_content(draft, _content(newest))
    draft.save()
    audit.record(actor=actor, action="version.draft_started", obj=draft, after={"from": newest.number})
    return draft


@transaction.atomic
def version_publish(*, version: ServiceVersion, actor: Any) -> ServiceVersion:
    """Validate and freeze a draft; it becomes the service's current version. Adoptions of older versions are
    then behind (see selectors.adoption_lag)."""
    version = ServiceVersion.objects.select_for_update().select_related("service").get(pk=version.pk)
    require(actor, "publish", version)
    if version.status != VersionStatus.DRAFT:
        raise Conflict(_("Only a draft can be published."))
    _refuse(schema.publish_problems(_content(version)))
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor if actor and actor.pk else None
    version.save(update_fields=["status", "published_at", "published_by"])
    ReferenceService.objects.filter(pk=version.service_id).update(current_version=version)
    audit.record(actor=actor, action="version.published", obj=version, after={"number": version.number})
    return version


@transaction.atomic
def version_retire(*, version: ServiceVersion, actor: Any, reason: str = "") -> ServiceVersion:
    version = ServiceVersion.objects.select_for_update().get(pk=version.pk)
    require(actor, "publish", version)
    if version.status != VersionStatus.PUBLISHED:
        raise Conflict(_("Only a published version can be retired."))
    if version.adoptions.filter(status=AdoptionStatus.OFFERED).exists():
        raise Conflict(_("Aimags or soums still offer this version; they must move to a newer one first."))
    version.status = VersionStatus.RETIRED
    version.save(update_fields=["status"])
    newest = version.service.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()
    ReferenceService.objects.filter(pk=version.service_id).update(current_version=newest)
    audit.record(actor=actor, action="version.retired", obj=version, reason=reason)
    return version


def adoption_variance(adoption: Adoption) -> int:
    """The number of local differences from the adopted version: fee, norm, channels, each extra document and
    each extra form field count one."""
    version = adoption.version
    count = len(adoption.extra_documents) + len(adoption.extra_form_fields)
    count += adoption.fee_mnt is not None and adoption.fee_mnt != version.fee_mnt
    count += (
        adoption.service_norm_days is not None and adoption.service_norm_days != version.service_norm_days
    )
    count += sorted(adoption.channels) != sorted(version.channels)
    return count


def adoption_local_problems(version: ServiceVersion, details: dict[str, Any]) -> list[str]:
    """What is wrong with an adoption's local details (fee, norm, channels, extra documents and fields)."""
    problems: list[str] = []
    fee = details.get("fee_mnt")
    if fee is not None:
        if not isinstance(fee, int) or isinstance(fee, bool) or fee < 0:
            problems.append(_("The fee is a whole number of tögrögs, 0 or more."))
        elif fee != version.fee_mnt and not version.fee_is_locally_adjustable:
            problems.append(_("The fee of this service is set nationally and cannot be changed locally."))
    norm = details.get("service_norm_days")
    if norm is not None and (not isinstance(norm, int) or not 1 <= norm <= version.statutory_deadline_days):
        problems.append(
            _("The local service norm must be 1 to %(max)s working days (the statutory deadline).")
            % {"max": version.statutory_deadline_days}
        )
    channels = details.get("channels")
    if channels is not None and (not channels or any(c not in version.channels for c in channels)):
        problems.append(_("Channels must be some of those the reference version allows."))
    problems += schema.document_problems(details.get("extra_documents", []), where="extra documents")
    known = {f["name"] for f in version.form if isinstance(f, dict) and "name" in f}
    problems += schema.form_problems(
        details.get("extra_form_fields", []), where="extra form", known_names=known
    )
    return problems


def adoption_placement_problems(
    version: ServiceVersion, territory: TerritoryUnit, organisation: Organisation
) -> list[str]:
    """Whether this territory may adopt this version, delivered by this organisation."""
    problems = []
    if territory.level not in _expected_level(version):
        problems.append(
            _("This is a %(level)s; it is adopted by that level of territory.")
            % {"level": version.get_level_display()}
        )
    if not territory.contains(organisation.jurisdiction) and not organisation.jurisdiction.contains(
        territory
    ):
        problems.append(_("The delivering organisation must work in this aimag or soum."))
    return problems


def _expected_level(version: ServiceVersion) -> set[str]:
    if version.level == ServiceLevel.AIMAG:
        return {Level.AIMAG, Level.CAPITAL}
    return {Level.SOUM, Level.DISTRICT}


@transaction.atomic
def adoption_create(
    *,
    version: ServiceVersion,
    territory: TerritoryUnit,
    organisation: Organisation,
    actor: Any,
    status: str = AdoptionStatus.PLANNED,
    **details: Any,
) -> Adoption:
    """An aimag or soum adopts a published version, delivered by one of its organisations."""
    if actor is not None and not (
        actor.is_platform_admin or actor.has_role_over(Role.ORG_ADMIN, territory.path)
    ):
        raise PermissionDenied(_("You may adopt services only within your own aimag or soum."))
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationFailed(_("Only a published version can be adopted."))
    _refuse(adoption_placement_problems(version, territory, organisation))
    if status not in (AdoptionStatus.PLANNED, AdoptionStatus.OFFERED):
        raise ValidationFailed(_("A new adoption is planned or offered."))
    details.setdefault("channels", list(version.channels))
    _refuse(adoption_local_problems(version, details))
    if Adoption.objects.filter(service_id=version.service_id, territory=territory).exists():
        raise Conflict(_("%(place)s has adopted this service already.") % {"place": territory})
    adoption = Adoption(
        service_id=version.service_id,
        version=version,
        derived_from=version,
        territory=territory,
        organisation=organisation,
        status=status,
        territory_path=territory.path,
        aimag_code=territory.aimag_code,
        **{k: v for k, v in details.items() if k in ADOPTION_FIELDS},
    )
    adoption.variance = adoption_variance(adoption)
    adoption.save()
    coverage_refresh(service_ids=[adoption.service_id])
    audit.record(
        actor=actor,
        action="adoption.created",
        obj=adoption,
        territory_path=territory.path,
        after=audit.snapshot(adoption, ADOPTION_FIELDS),
    )
    return adoption


@transaction.atomic
def adoption_update(*, adoption: Adoption, actor: Any, **details: Any) -> Adoption:
    """Change the local details, or move the adoption to a newer published version of its service."""
    adoption = Adoption.objects.select_for_update().select_related("version", "territory").get(pk=adoption.pk)
    require(actor, "change", adoption)
    before = audit.snapshot(adoption, ADOPTION_FIELDS)
    version = ServiceVersion.objects.get(pk=details.pop("version", adoption.version).pk)
    if version.service_id != adoption.service_id or version.status != VersionStatus.PUBLISHED:
        raise ValidationFailed(_("An adoption can move only to a published version of its own service."))
    current = {
        k: getattr(adoption, k)
        for k in ("channels", "fee_mnt", "service_norm_days", "extra_documents", "extra_form_fields")
    }
    merged = {**current, **details}
    _refuse(adoption_local_problems(version, merged))
    moved = adoption.version_id != version.pk
    adoption.version = version
    for key, value in merged.items():
        setattr(adoption, key, value)
    adoption.variance = adoption_variance(adoption)
    adoption.save()
    coverage_refresh(service_ids=[adoption.service_id])
    if moved:
        from nutag.processes.services import process_variance_refresh  # processes builds on the catalogue

        process_variance_refresh(adoption_ids=[adoption.pk])
    after = audit.snapshot(adoption, ADOPTION_FIELDS)
    audit.record(
        actor=actor,
        action="adoption.updated",
        obj=adoption,
        territory_path=adoption.territory_path,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    return adoption


@transaction.atomic
def adoption_set_status(*, adoption: Adoption, status: str, actor: Any, reason: str = "") -> Adoption:
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    require(actor, "change", adoption)
    if status not in STATUS_MOVES.get(AdoptionStatus(adoption.status), set()):
        raise Conflict(
            _("An adoption that is %(now)s cannot become %(then)s.")
            % {"now": adoption.get_status_display(), "then": AdoptionStatus(status).label}
        )
    before = adoption.status
    adoption.status = status
    adoption.save(update_fields=["status", "updated_at"])
    coverage_refresh(service_ids=[adoption.service_id])
    audit.record(
        actor=actor,
        action="adoption.status_changed",
        obj=adoption,
        territory_path=adoption.territory_path,
        before={"status": before},
        after={"status": status},
        reason=reason,
    )
    return adoption


def coverage_refresh(*, service_ids: list[int] | None = None) -> None:
    """Recompute the coverage cells of these services (all when None) from their offered adoptions."""
    cells = Adoption.objects.filter(status=AdoptionStatus.OFFERED)
    stale = CoverageCell.objects.all()
    if service_ids is not None:
        cells = cells.filter(service_id__in=service_ids)
        stale = stale.filter(service_id__in=service_ids)
    rows = cells.values("service_id", "aimag_code").annotate(
        units=Count("id"), low=Min("version__number"), high=Max("version__number"), variance=Max("variance")
    )
    stale.delete()
    CoverageCell.objects.bulk_create(
        [
            CoverageCell(
                service_id=row["service_id"],
                aimag_code=row["aimag_code"],
                offering_units=row["units"],
                lowest_version=row["low"],
                highest_version=row["high"],
                max_variance=row["variance"],
            )
            for row in rows
        ],
        batch_size=2000,
    )
