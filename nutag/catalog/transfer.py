"""Export and import of the catalogue: reference services, their versions and their adoptions.

The exchanged document is "nutag-catalogue" version 1 (docs/catalogue-format.md), as JSON or as an XLSX workbook
(transfer_xlsx.py). An import is planned first (`precheck`: what would be created, updated, left alone or
rejected, and why) and then applied all or nothing (`apply`). Records match by code; an import never deletes.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nutag.accounts.choices import Role
from nutag.catalog import schema, services
from nutag.catalog.choices import AdoptionStatus, VersionStatus
from nutag.catalog.models import CONTENT_FIELDS, Adoption, ReferenceService, ServiceVersion
from nutag.core import audit
from nutag.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from nutag.core.permissions import may, visible_to
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit

FORMAT = "nutag-catalogue"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 10 * 1024 * 1024
IMPORT_REASON = "catalogue import"

SERVICE_KEYS = {"code", "versions", "adoptions"}
VERSION_KEYS = {"number", "status", *CONTENT_FIELDS}
LOCAL_DETAIL_KEYS = [
    "channels",
    "fee_mnt",
    "service_norm_days",
    "extra_documents",
    "extra_form_fields",
    "note_mn",
    "note_en",
]
ADOPTION_KEYS = {"territory", "organisation", "version", "derived_from", "status", *LOCAL_DETAIL_KEYS}
# Status changes an import may make to an existing version; anything else is done in the catalogue pages.
# Empty texts that mean the same as an absent key: a spreadsheet cannot tell the two apart.
OPTIONAL_TEXTS = {"description_mn", "description_en", "help_mn", "help_en"}
VERSION_STATUS_MOVES = {
    (VersionStatus.DRAFT, VersionStatus.PUBLISHED),
    (VersionStatus.PUBLISHED, VersionStatus.RETIRED),
}


# Export -------------------------------------------------------------------------------------------------------


def _require_staff(actor: Any) -> None:
    """Commands run as the system (None); everyone else must be signed-in staff."""
    if actor is None:
        return
    if not getattr(actor, "is_authenticated", False) or actor.is_citizen or not actor.is_active:
        raise PermissionDenied(_("Only signed-in staff may export the catalogue."))


def version_as_dict(version: ServiceVersion) -> dict[str, Any]:
    return {"number": version.number, "status": version.status} | {
        name: getattr(version, name) for name in CONTENT_FIELDS
    }


def adoption_as_dict(adoption: Adoption) -> dict[str, Any]:
    return {
        "territory": adoption.territory.code,
        "organisation": adoption.organisation.code,
        "version": adoption.version.number,
        "derived_from": adoption.derived_from.number,
        "status": adoption.status,
        **{key: getattr(adoption, key) for key in LOCAL_DETAIL_KEYS},
    }


def catalogue_export(*, actor: Any, service_code: str = "") -> dict[str, Any]:
    """The whole catalogue, or one service, with the versions and adoptions `actor` may see (all for None)."""
    _require_staff(actor)
    services_qs = ReferenceService.objects.order_by("code")
    if service_code:
        services_qs = services_qs.filter(code=service_code)
    versions = ServiceVersion.objects.filter(service__in=services_qs).select_related("service")
    adoptions = Adoption.objects.filter(service__in=services_qs).select_related(
        "service", "version", "derived_from", "territory", "organisation"
    )
    if actor is not None:
        versions = visible_to(actor, versions)
        adoptions = visible_to(actor, adoptions)
    by_code: dict[str, dict[str, Any]] = {}
    for version in versions.order_by("service__code", "number"):
        entry = by_code.setdefault(version.service.code, {"code": version.service.code, "versions": []})
        entry["versions"].append(version_as_dict(version))
    for entry in by_code.values():
        entry["adoptions"] = []
    for adoption in adoptions.order_by("service__code", "territory__code"):
        if adoption.service.code in by_code:
            by_code[adoption.service.code]["adoptions"].append(adoption_as_dict(adoption))
    if service_code and not by_code:
        raise NotFound(_("No service you may see has the code %(code)s.") % {"code": service_code})
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "services": [by_code[code] for code in sorted(by_code)],
    }


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def catalogue_export_file(*, actor: Any, service_code: str = "", kind: str = "json") -> ExportFile:
    """The export as a file to download: kind "json" or "xlsx"."""
    from nutag.catalog.transfer_xlsx import write_workbook

    data = catalogue_export(actor=actor, service_code=service_code)
    stamp = timezone.localdate().isoformat()
    stem = f"nutag-catalogue-{service_code.lower() + '-' if service_code else ''}{stamp}"
    if kind == "xlsx":
        return ExportFile(write_workbook(data), XLSX_CONTENT_TYPE, f"{stem}.xlsx")
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return ExportFile(content, JSON_CONTENT_TYPE, f"{stem}.json")


# Reading files ------------------------------------------------------------------------------------------------


def check_envelope(data: Any) -> None:
    """The outer shape of a catalogue document; anything else is the wrong kind of file."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationFailed(
            _('This is not a Nutag catalogue: its "format" must be "%(format)s".') % {"format": FORMAT}
        )
    if data.get("version") != FORMAT_VERSION:
        raise ValidationFailed(
            _("This catalogue file has format version %(found)s; Nutag reads version %(known)s.")
            % {"found": data.get("version"), "known": FORMAT_VERSION}
        )
    if not isinstance(data.get("services"), list):
        raise ValidationFailed(_('A catalogue file needs a list of "services".'))


def read_json(content: bytes) -> dict[str, Any]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ValidationFailed(_("The file is not text in UTF-8, so it is not a JSON catalogue.")) from error
    except RecursionError as error:
        raise ValidationFailed(_("The JSON in the file is nested too deeply.")) from error
    except json.JSONDecodeError as error:
        raise ValidationFailed(
            _("The file is not valid JSON: %(problem)s at line %(line)s, column %(column)s.")
            % {"problem": error.msg, "line": error.lineno, "column": error.colno}
        ) from error
    check_envelope(data)
    return data


def read_file(content: bytes, filename: str = "") -> dict[str, Any]:
    """A catalogue document from an uploaded file, recognised by its content (not its name)."""
    from nutag.catalog.transfer_xlsx import read_workbook

    if len(content) > MAX_FILE_BYTES:
        raise ValidationFailed(
            _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise ValidationFailed(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        return read_workbook(content)
    if head.startswith(b"%PDF"):
        raise ValidationFailed(_("This is a PDF document; upload a catalogue exported as JSON or XLSX."))
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ValidationFailed(_("The file is named as an Excel workbook, but its content is not one."))
    if head[:1] in (b"{", b"["):
        return read_json(content)
    raise ValidationFailed(_("The file is neither a JSON catalogue nor an XLSX workbook."))


# The import plan ----------------------------------------------------------------------------------------------


@dataclass
class Report:
    """What an import does (or would do): labels of created and updated records, the number left unchanged,
    and what was rejected with the reason."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [{"what": what, "reason": reason} for what, reason in self.rejected],
        }


@dataclass
class _VersionChange:
    number: int
    status: str
    content: dict[str, Any]
    existing: ServiceVersion | None


@dataclass
class _AdoptionChange:
    territory: TerritoryUnit
    organisation: Organisation
    version_number: int
    derived_from_number: int
    status: str
    details: dict[str, Any]
    existing: Adoption | None


@dataclass
class _ServiceChange:
    code: str
    service: ReferenceService | None
    versions: list[_VersionChange] = field(default_factory=list)
    adoptions: list[_AdoptionChange] = field(default_factory=list)


@dataclass
class _Plan:
    report: Report = field(default_factory=Report)
    changes: list[_ServiceChange] = field(default_factory=list)


def _problems_text(problems: Iterable[str]) -> str:
    return " ".join(problems)


def _content_type_problems(content: dict[str, Any]) -> list[str]:
    """Types and lengths the database needs but schema.version_problems does not look at."""
    problems: list[str] = []
    for name in CONTENT_FIELDS:
        model_field = ServiceVersion._meta.get_field(name)
        value = content[name]
        if isinstance(model_field, models.BooleanField):
            if not isinstance(value, bool):
                problems.append(_("%(key)s must be true or false.") % {"key": name})
        elif isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
            if not isinstance(value, str):
                problems.append(_("%(key)s must be text.") % {"key": name})
            elif model_field.max_length and len(value) > model_field.max_length:
                problems.append(
                    _("%(key)s is longer than %(max)s characters.")
                    % {"key": name, "max": model_field.max_length}
                )
    return problems


def _comparable(value: Any) -> Any:
    """`value` with empty optional texts of documents and form fields left out, for comparison."""
    if isinstance(value, list):
        return [
            {k: v for k, v in item.items() if not (k in OPTIONAL_TEXTS and v == "")}
            if isinstance(item, dict)
            else item
            for item in value
        ]
    return value


def _differs(before: Any, after: Any) -> bool:
    return bool(_comparable(before) != _comparable(after))


def _is_whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def require_importer(actor: Any) -> None:
    """Designers import reference content, organisation admins adoptions; commands run as the system (None)."""
    if actor is None:
        return
    if (
        not getattr(actor, "is_authenticated", False)
        or actor.is_citizen
        or not actor.is_active
        or not (actor.is_platform_admin or actor.has_role(Role.DESIGNER) or actor.has_role(Role.ORG_ADMIN))
    ):
        raise PermissionDenied(_("Only service designers and organisation admins may import the catalogue."))


class _Planner:
    """Compares a catalogue document with the database; never writes."""

    def __init__(self, data: dict[str, Any], actor: Any) -> None:
        self.data = data
        self.actor = actor
        self.plan = _Plan()
        self.report = self.plan.report
        items = [s for s in data["services"] if isinstance(s, dict)]
        codes = [s["code"] for s in items if isinstance(s.get("code"), str)]
        adoptions = [
            a
            for s in items
            if isinstance(s.get("adoptions"), list)
            for a in s["adoptions"]
            if isinstance(a, dict)
        ]
        territory_codes = {str(a.get("territory")) for a in adoptions}
        organisation_codes = {str(a.get("organisation")) for a in adoptions}
        self.services = {
            s.code: s for s in ReferenceService.objects.filter(code__in=codes).prefetch_related("versions")
        }
        self.territories = {t.code: t for t in TerritoryUnit.objects.filter(code__in=territory_codes)}
        self.organisations = {
            o.code: o
            for o in Organisation.objects.filter(code__in=organisation_codes).select_related("jurisdiction")
        }
        # service code -> territory code -> adoption
        self.adoptions: dict[str, dict[str, Adoption]] = {}
        for adoption in Adoption.objects.filter(service__code__in=codes).select_related(
            "service", "version", "derived_from", "territory", "organisation"
        ):
            self.adoptions.setdefault(adoption.service.code, {})[adoption.territory.code] = adoption
        self.may_design = actor is None or may(actor, "change", ServiceVersion())

    def reject(self, what: str, reason: str) -> None:
        self.report.rejected.append((what, reason))

    def run(self) -> _Plan:
        seen: set[str] = set()
        for index, item in enumerate(self.data["services"], start=1):
            where = _("service %(index)s in the file") % {"index": index}
            if not isinstance(item, dict):
                self.reject(where, _("Each service must be an object."))
                continue
            code = item.get("code")
            if not isinstance(code, str) or not schema.CODE_PATTERN.match(code):
                self.reject(
                    where, _("The code must be capital Latin letters, digits and hyphens, e.g. LAND-001.")
                )
                continue
            if code in seen:
                self.reject(code, _("The service appears twice in the file."))
                continue
            seen.add(code)
            unknown = sorted(set(item) - SERVICE_KEYS)
            if unknown:
                self.reject(code, _("Unknown keys: %(keys)s.") % {"keys": ", ".join(unknown)})
                continue
            versions, adoptions = item.get("versions", []), item.get("adoptions", [])
            if not isinstance(versions, list) or not isinstance(adoptions, list):
                self.reject(code, _('"versions" and "adoptions" must be lists.'))
                continue
            self._service(code, versions, adoptions)
        return self.plan

    # Services and versions

    def _service(self, code: str, versions: list[Any], adoptions: list[Any]) -> None:
        service = self.services.get(code)
        change = _ServiceChange(code=code, service=service)
        if service is None:
            if not versions:
                self.reject(code, _("A new service needs at least one version."))
                return
            if not self.may_design:
                self.reject(code, _("Only service designers may add reference services."))
                return
            self.report.created.append(_("service %(code)s") % {"code": code})
        # number -> (status, version with its content) once the import is done; None: rejected in this file
        final: dict[int, tuple[str, ServiceVersion] | None] = {}
        if service is not None:
            final = {v.number: (v.status, v) for v in service.versions.all()}
        retiring: list[int] = []
        numbers_in_file: set[int] = set()
        for index, item in enumerate(versions, start=1):
            number = item.get("number") if isinstance(item, dict) else None
            label = (
                _("%(code)s version %(number)s") % {"code": code, "number": number}
                if _is_whole(number)
                else _("%(code)s version %(index)s in the file") % {"code": code, "index": index}
            )
            if not isinstance(item, dict) or not _is_whole(number) or number < 1:
                self.reject(label, _("A version must be an object with a whole positive number."))
                continue
            if number in numbers_in_file:
                self.reject(label, _("The version appears twice in the file."))
                continue
            numbers_in_file.add(number)
            outcome = self._version(change, label, number, item)
            final[number] = outcome
            existing = service.versions.all() if service else []
            if (
                outcome
                and outcome[0] == VersionStatus.RETIRED
                and any(v.number == number and v.status == VersionStatus.PUBLISHED for v in existing)
            ):
                retiring.append(number)
        statuses = [entry[0] for entry in final.values() if entry]
        if statuses.count(VersionStatus.DRAFT) > 1:
            self.reject(
                code,
                _("A service has at most one draft; after this import it would have %(count)s.")
                % {"count": statuses.count(VersionStatus.DRAFT)},
            )
        offered_on = self._adoptions(change, adoptions, final)
        for number in retiring:
            if number in offered_on:
                self.reject(
                    _("%(code)s version %(number)s") % {"code": code, "number": number},
                    _("Aimags or soums still offer this version; they must move to a newer one first."),
                )
        if change.versions or change.adoptions or service is None:
            self.plan.changes.append(change)

    def _version(
        self, change: _ServiceChange, label: str, number: int, item: dict[str, Any]
    ) -> tuple[str, ServiceVersion] | None:
        problems: list[str] = []
        missing = [name for name in CONTENT_FIELDS if name not in item]
        unknown = sorted(set(item) - VERSION_KEYS)
        if missing:
            problems.append(_("Missing fields: %(fields)s.") % {"fields": ", ".join(missing)})
        if unknown:
            problems.append(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)})
        status = item.get("status")
        if not isinstance(status, str) or status not in VersionStatus.values:
            problems.append(
                _("The status must be one of %(known)s.") % {"known": ", ".join(VersionStatus.values)}
            )
        if problems or not isinstance(status, str):
            self.reject(label, _problems_text(problems))
            return None
        content = {name: item[name] for name in CONTENT_FIELDS}
        problems = _content_type_problems(content)
        problems += (
            schema.publish_problems(content)
            if status == VersionStatus.PUBLISHED
            else schema.version_problems(content)
        )
        if problems:
            self.reject(label, _problems_text(dict.fromkeys(problems)))
            return None
        proposed = ServiceVersion(number=number, status=status, **content)
        existing = (
            next((v for v in change.service.versions.all() if v.number == number), None)
            if change.service
            else None
        )
        if existing is None:
            if not self.may_design:
                self.reject(label, _("Only service designers may add versions of reference services."))
                return None
            self.report.created.append(label)
            change.versions.append(_VersionChange(number, status, content, None))
            return (status, proposed)
        changed = [name for name in CONTENT_FIELDS if _differs(getattr(existing, name), content[name])]
        if not changed and existing.status == status:
            self.report.unchanged += 1
            return (status, existing)
        if changed and existing.status != VersionStatus.DRAFT:
            self.reject(
                label,
                _(
                    "Version %(number)s is %(status)s and differs from the file (%(fields)s): published versions are frozen; add a new version number."
                )
                % {"number": number, "status": existing.get_status_display(), "fields": ", ".join(changed)},
            )
            return None
        if existing.status != status and (existing.status, status) not in VERSION_STATUS_MOVES:
            self.reject(
                label,
                _(
                    "An import can publish a draft or retire a published version, not make a %(now)s version %(then)s."
                )
                % {"now": existing.get_status_display(), "then": VersionStatus(status).label},
            )
            return None
        if not self.may_design:
            self.reject(label, _("Only service designers may change reference services."))
            return None
        fields = changed + (["status"] if existing.status != status else [])
        self.report.updated.append(f"{label} ({', '.join(fields)})")
        change.versions.append(_VersionChange(number, status, content, existing))
        return (status, proposed)

    # Adoptions

    def _adoptions(
        self, change: _ServiceChange, items: list[Any], final: dict[int, tuple[str, ServiceVersion] | None]
    ) -> set[int]:
        """Plans the adoptions of one service; returns the version numbers offered once the import is done."""
        code = change.code
        # territory code -> (version number, status) once the import is done
        outcome = {
            territory: (a.version.number, a.status) for territory, a in self.adoptions.get(code, {}).items()
        }
        seen: set[str] = set()
        for index, item in enumerate(items, start=1):
            territory_code = item.get("territory") if isinstance(item, dict) else None
            if not isinstance(item, dict) or not isinstance(territory_code, str):
                self.reject(
                    _("%(code)s adoption %(index)s in the file") % {"code": code, "index": index},
                    _("An adoption must be an object with the code of its aimag or soum."),
                )
                continue
            label = _("%(code)s in %(territory)s") % {"code": code, "territory": territory_code}
            if territory_code in seen:
                self.reject(label, _("The adoption appears twice in the file."))
                continue
            seen.add(territory_code)
            planned = self._adoption(change, label, territory_code, item, final)
            if planned is not None:
                outcome[territory_code] = (planned.version_number, planned.status)
        return {number for number, status in outcome.values() if status == AdoptionStatus.OFFERED}

    def _adoption(
        self,
        change: _ServiceChange,
        label: str,
        territory_code: str,
        item: dict[str, Any],
        final: dict[int, tuple[str, ServiceVersion] | None],
    ) -> _AdoptionChange | None:
        unknown = sorted(set(item) - ADOPTION_KEYS)
        if unknown:
            self.reject(label, _("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)})
            return None
        territory = self.territories.get(territory_code)
        if territory is None:
            self.reject(label, _("No aimag or soum has the code %(code)s.") % {"code": territory_code})
            return None
        organisation = self.organisations.get(str(item.get("organisation")))
        if organisation is None:
            self.reject(
                label, _("No organisation has the code %(code)s.") % {"code": item.get("organisation")}
            )
            return None
        number = item.get("version")
        if not _is_whole(number) or number not in final:
            self.reject(
                label,
                _("Version %(number)s of %(code)s is neither in the file nor in the catalogue.")
                % {"number": number, "code": change.code},
            )
            return None
        target = final[number]
        if target is None:
            self.reject(label, _("Its version %(number)s was rejected.") % {"number": number})
            return None
        version_status, version = target
        existing = self.adoptions.get(change.code, {}).get(territory_code)
        status = item.get("status", existing.status if existing else AdoptionStatus.PLANNED)
        problems: list[str] = []
        if status not in AdoptionStatus.values:
            problems.append(
                _("The status must be one of %(known)s.") % {"known": ", ".join(AdoptionStatus.values)}
            )
        if version_status == VersionStatus.DRAFT:
            problems.append(_("Only a published version can be adopted."))
        elif status == AdoptionStatus.OFFERED and version_status != VersionStatus.PUBLISHED:
            problems.append(_("Only a published version can be offered."))
        problems += services.adoption_placement_problems(version, territory, organisation)
        derived_from = item.get("derived_from", existing.derived_from.number if existing else number)
        if existing is not None and derived_from != existing.derived_from.number:
            problems.append(
                _("derived_from records the version first adopted (%(number)s) and cannot change.")
                % {"number": existing.derived_from.number}
            )
        elif existing is None and (not _is_whole(derived_from) or not final.get(derived_from)):
            problems.append(_("derived_from must be a version of the service in the file or the catalogue."))
        details: dict[str, Any] = {
            "channels": list(version.channels),
            "fee_mnt": None,
            "service_norm_days": None,
            "extra_documents": [],
            "extra_form_fields": [],
            "note_mn": "",
            "note_en": "",
        }
        if existing is not None:
            details = {key: getattr(existing, key) for key in LOCAL_DETAIL_KEYS}
        details |= {key: item[key] for key in LOCAL_DETAIL_KEYS if key in item}
        for key in ("note_mn", "note_en"):
            if not isinstance(details[key], str):
                problems.append(_("%(key)s must be text.") % {"key": key})
        if not isinstance(details["channels"], list) or not all(
            isinstance(c, str) for c in details["channels"]
        ):
            problems.append(_("Channels must be a list of channel names."))
        else:
            problems += services.adoption_local_problems(version, details)
        if problems:
            self.reject(label, _problems_text(problems))
            return None
        planned = _AdoptionChange(territory, organisation, number, derived_from, status, details, existing)
        if existing is None:
            if self.actor is not None and not may(
                self.actor, "change", Adoption(territory_path=territory.path, status=status)
            ):
                self.reject(label, _("You may import adoptions only within your own aimag or soum."))
                return None
            self.report.created.append(label)
            change.adoptions.append(planned)
            return planned
        changed = [key for key in LOCAL_DETAIL_KEYS if _differs(getattr(existing, key), details[key])]
        if existing.version.number != number:
            changed.append("version")
        if existing.organisation_id != organisation.pk:
            changed.append("organisation")
        if existing.status != status:
            changed.append("status")
        if not changed:
            self.report.unchanged += 1
            return planned
        if existing.status != status and status not in services.STATUS_MOVES.get(
            AdoptionStatus(existing.status), set()
        ):
            self.reject(
                label,
                _("An adoption that is %(now)s cannot become %(then)s.")
                % {"now": existing.get_status_display(), "then": AdoptionStatus(status).label},
            )
            return None
        if existing.version.number != number and version_status != VersionStatus.PUBLISHED:
            self.reject(label, _("An adoption can move only to a published version of its own service."))
            return None
        if self.actor is not None and not may(self.actor, "change", existing):
            self.reject(label, _("You may import adoptions only within your own aimag or soum."))
            return None
        self.report.updated.append(f"{label} ({', '.join(changed)})")
        change.adoptions.append(planned)
        return planned


# Writing ------------------------------------------------------------------------------------------------------


def _write_service(change: _ServiceChange, actor: Any) -> ReferenceService:
    user = actor if actor is not None and actor.pk else None
    service = change.service
    if service is None:
        service = ReferenceService.objects.create(code=change.code)
        audit.record(
            actor=actor,
            action="service.created",
            obj=service,
            after={"code": service.code},
            reason=IMPORT_REASON,
        )
    # Updates first: publishing an existing draft must happen before a new draft is created.
    for version_change in sorted(change.versions, key=lambda c: (c.existing is None, c.number)):
        version = version_change.existing or ServiceVersion(
            service=service, number=version_change.number, created_by=user
        )
        version.service = service
        before = {name: getattr(version, name) for name in CONTENT_FIELDS} | {"status": version.status}
        services.version_apply_content(version, version_change.content)
        if version_change.status == VersionStatus.PUBLISHED and version.status != VersionStatus.PUBLISHED:
            version.published_at = timezone.now()
            version.published_by = user
        version.status = version_change.status
        version.save()
        after = {name: getattr(version, name) for name in CONTENT_FIELDS} | {"status": version.status}
        if version_change.existing is None:
            audit.record(
                actor=actor, action="version.created", obj=version, after=after, reason=IMPORT_REASON
            )
        else:
            changed = [key for key in after if before[key] != after[key]]
            audit.record(
                actor=actor,
                action="version.updated",
                obj=version,
                before={key: before[key] for key in changed},
                after={key: after[key] for key in changed},
                reason=IMPORT_REASON,
            )
    newest = service.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()
    if service.current_version_id != (newest.pk if newest else None):
        service.current_version = newest
        service.save(update_fields=["current_version"])
    return service


def _write_adoptions(service: ReferenceService, change: _ServiceChange, actor: Any) -> None:
    versions = {v.number: v for v in service.versions.all()}
    for planned in change.adoptions:
        adoption = planned.existing
        if adoption is None:
            adoption = Adoption(
                service=service,
                derived_from=versions[planned.derived_from_number],
                territory=planned.territory,
                territory_path=planned.territory.path,
                aimag_code=planned.territory.aimag_code,
            )
            before = None
        else:
            before = audit.snapshot(adoption, services.ADOPTION_FIELDS)
        adoption.version = versions[planned.version_number]
        adoption.organisation = planned.organisation
        adoption.status = planned.status
        for key, value in planned.details.items():
            setattr(adoption, key, value)
        adoption.variance = services.adoption_variance(adoption)
        adoption.save()
        after = audit.snapshot(adoption, services.ADOPTION_FIELDS)
        if before is None:
            audit.record(
                actor=actor,
                action="adoption.created",
                obj=adoption,
                after=after,
                territory_path=adoption.territory_path,
                reason=IMPORT_REASON,
            )
        else:
            audit.record(
                actor=actor,
                action="adoption.updated",
                obj=adoption,
                territory_path=adoption.territory_path,
                before={k: v for k, v in before.items() if after[k] != v},
                after={k: v for k, v in after.items() if before[k] != v},
                reason=IMPORT_REASON,
            )


def precheck(data: dict[str, Any], actor: Any) -> Report:
    """What importing `data` would create, update, leave unchanged and reject; writes nothing."""
    require_importer(actor)
    check_envelope(data)
    return _Planner(data, actor).run().report


def apply(data: dict[str, Any], actor: Any) -> Report:
    """Import `data` all or nothing. Raises ValidationFailed, with the report in its details, when the
    pre-check rejects anything; then nothing is written."""
    require_importer(actor)
    check_envelope(data)
    codes = [s.get("code") for s in data["services"] if isinstance(s, dict)]
    try:
        with transaction.atomic():
            # Lock the services concerned so that two imports (or an import and an edit) do not interleave.
            list(
                ReferenceService.objects.select_for_update().filter(
                    code__in=[c for c in codes if isinstance(c, str)]
                )
            )
            plan = _Planner(data, actor).run()
            report = plan.report
            if report.rejected:
                raise ValidationFailed(
                    ngettext(
                        "Nothing was imported: %(count)s part of the file was rejected.",
                        "Nothing was imported: %(count)s parts of the file were rejected.",
                        len(report.rejected),
                    )
                    % {"count": len(report.rejected)},
                    details={"report": report.as_dict()},
                )
            touched: list[int] = []
            for change in plan.changes:
                service = _write_service(change, actor)
                if change.adoptions:
                    _write_adoptions(service, change, actor)
                    touched.append(service.pk)
            if touched:
                services.coverage_refresh(service_ids=touched)
    except IntegrityError as error:
        raise Conflict(
            _("The catalogue changed while importing; nothing was imported. Try again.")
        ) from error
    return report
