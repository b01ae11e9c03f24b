"""Catalogue export and import: the JSON document, the pre-check, all-or-nothing, permissions."""

import json
from typing import Any

import pytest

from nutag.accounts.models import User
from nutag.catalog import transfer
from nutag.catalog.choices import VersionStatus
from nutag.catalog.models import Adoption, CoverageCell, ReferenceService, ServiceVersion
from nutag.catalog.tests.test_transfer_support import (
    catalogue,
    clear_catalogue,
    content,
    counts,
    database_state,
    without_timestamp,
)
from nutag.core.errors import PermissionDenied, ValidationFailed
from nutag.core.models import AuditEvent

__all__ = ["catalogue"]
pytestmark = pytest.mark.usefixtures("catalogue")


def _service(data: dict[str, Any], code: str) -> dict[str, Any]:
    return next(s for s in data["services"] if s["code"] == code)


def _version(data: dict[str, Any], code: str, number: int) -> dict[str, Any]:
    return next(v for v in _service(data, code)["versions"] if v["number"] == number)


def _refused(data: dict[str, Any], actor: User | None) -> dict[str, Any]:
    """Applies `data`, expects a refusal that changed nothing, and returns the report of the refusal."""
    before, events = database_state(), AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refusal:
        transfer.apply(data, actor)
    assert database_state() == before
    assert AuditEvent.objects.count() == events
    report: dict[str, Any] = refusal.value.details["report"]
    assert report["ok"] is False
    return report


def _reasons(report: dict[str, Any]) -> str:
    return " | ".join(f"{item['what']}: {item['reason']}" for item in report["rejected"])


def test_export_is_the_documented_versioned_document(designer: User) -> None:
    data = transfer.catalogue_export(actor=designer)
    assert (data["format"], data["version"]) == ("nutag-catalogue", 1)
    assert [s["code"] for s in data["services"]] == ["LAND-001", "WELF-002"]
    land = _service(data, "LAND-001")
    assert [(v["number"], v["status"]) for v in land["versions"]] == [(1, "published"), (2, "draft")]
    assert land["versions"][1]["fee_mnt"] == 6000
    assert land["adoptions"] == [
        {
            "territory": "6401",
            "organisation": "gov-6401",
            "version": 1,
            "derived_from": 1,
            "status": "offered",
            "channels": ["online", "operator"],
            "fee_mnt": 4000,
            "service_norm_days": None,
            "extra_documents": [],
            "extra_form_fields": [],
            "note_mn": "",
            "note_en": "Open on Mondays",
        }
    ]
    exported = transfer.catalogue_export_file(actor=designer, kind="json")
    assert json.loads(exported.content)["services"][0]["code"] == "LAND-001"
    assert exported.filename.startswith("nutag-catalogue-") and exported.filename.endswith(".json")


def test_export_of_one_service(designer: User) -> None:
    data = transfer.catalogue_export(actor=designer, service_code="WELF-002")
    assert [s["code"] for s in data["services"]] == ["WELF-002"]
    assert _service(data, "WELF-002")["adoptions"][0]["territory"] == "64"


def test_staff_other_than_designers_export_no_drafts_and_only_offered_adoptions(officer_soum_a: User) -> None:
    data = transfer.catalogue_export(actor=officer_soum_a)
    assert [v["status"] for v in _service(data, "LAND-001")["versions"]] == ["published"]
    assert _service(data, "WELF-002")["adoptions"] == []


def test_citizens_cannot_export(citizen: User) -> None:
    with pytest.raises(PermissionDenied):
        transfer.catalogue_export(actor=citizen)


def test_round_trip_into_a_clean_catalogue_then_reimport_changes_nothing(
    designer: User, platform_admin: User
) -> None:
    exported = transfer.catalogue_export(actor=designer)
    cells = list(CoverageCell.objects.values_list("service__code", "aimag_code", "offering_units"))
    clear_catalogue()

    report = transfer.apply(exported, platform_admin)

    assert report.ok and report.unchanged == 0 and not report.updated
    assert len(report.created) == 2 + 3 + 2  # services, versions, adoptions
    assert without_timestamp(transfer.catalogue_export(actor=designer)) == without_timestamp(exported)
    assert ReferenceService.objects.get(code="LAND-001").current_version.number == 1  # type: ignore[union-attr]
    assert list(CoverageCell.objects.values_list("service__code", "aimag_code", "offering_units")) == cells
    assert Adoption.objects.get(territory__code="6401").variance == 1

    state, events = database_state(), AuditEvent.objects.count()
    again = transfer.apply(exported, platform_admin)
    assert (again.created, again.updated, again.rejected, again.unchanged) == ([], [], [], 5)
    assert database_state() == state
    assert AuditEvent.objects.count() == events


def test_import_records_one_audit_event_per_object_with_the_importer(platform_admin: User) -> None:
    exported = transfer.catalogue_export(actor=None)
    clear_catalogue()
    first = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    transfer.apply(exported, platform_admin)
    events = AuditEvent.objects.filter(pk__gt=first)
    assert sorted(events.values_list("action", flat=True)) == sorted(
        ["service.created"] * 2 + ["version.created"] * 3 + ["adoption.created"] * 2
    )
    assert set(events.values_list("actor", flat=True)) == {platform_admin.pk}


def test_precheck_reports_and_writes_nothing(designer: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _version(data, "LAND-001", 2)["fee_mnt"] = 7000
    _service(data, "LAND-001")["versions"].append(
        {"number": 3, "status": "draft", **content(name_en="Third")}
    )
    data["services"].append({"code": "NEW-003", "versions": [{"number": 1, "status": "draft", **content()}]})
    _service(data, "LAND-001")["versions"].pop()  # a new draft would be a second one; keep the test on point
    state = database_state()

    report = transfer.precheck(data, designer)

    assert report.created == ["service NEW-003", "NEW-003 version 1"]
    assert report.updated == ["LAND-001 version 2 (fee_mnt)"]
    assert report.unchanged == 4
    assert report.rejected == []  # the adoptions are unchanged, so a designer may bring them along
    assert database_state() == state


def test_a_changed_draft_is_updated_and_a_new_version_created(designer: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _version(data, "LAND-001", 2)["fee_mnt"] = 7000
    _service(data, "WELF-002")["versions"].append(
        {
            "number": 2,
            "status": "draft",
            **content(
                name_en="Welfare allowance, revised",
                category="welfare",
                level="aimag",
                resolver_kind="aimag_governor_office",
                fee_mnt=0,
                fee_is_locally_adjustable=False,
            ),
        }
    )

    report = transfer.apply(data, designer)

    assert report.updated == ["LAND-001 version 2 (fee_mnt)"]
    assert report.created == ["WELF-002 version 2"]
    assert ServiceVersion.objects.get(service__code="LAND-001", number=2).fee_mnt == 7000
    welfare = ServiceVersion.objects.get(service__code="WELF-002", number=2)
    assert (welfare.status, welfare.created_by) == (VersionStatus.DRAFT, designer)
    assert AuditEvent.objects.filter(action="version.updated", actor=designer).exists()


def test_publishing_a_draft_through_an_import_makes_it_current(designer: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _version(data, "LAND-001", 2)["status"] = "published"
    report = transfer.apply(data, designer)
    assert report.updated == ["LAND-001 version 2 (status)"]
    service = ReferenceService.objects.get(code="LAND-001")
    assert service.current_version is not None and service.current_version.number == 2
    assert service.current_version.published_by == designer


def test_a_changed_published_version_is_rejected_as_frozen(designer: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _version(data, "LAND-001", 1)["name_en"] = "Renamed"
    report = _refused(data, designer)
    assert report["rejected"][0]["what"] == "LAND-001 version 1"
    assert "published versions are frozen; add a new version number" in report["rejected"][0]["reason"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {"form": [{"name": "x", "type": "slider", "label_mn": "X", "label_en": "X"}]},
            "unknown field type 'slider'",
        ),
        ({"fee_mnt": -100}, "The fee is a whole number of tögrögs, 0 or more."),
        ({"service_norm_days": 40}, "The service norm cannot be longer than the statutory deadline."),
        ({"category": "space"}, "category: 'space' is not one of"),
        ({"name_en": 5}, "name_en must be text."),
    ],
)
def test_invalid_version_content_is_rejected_and_nothing_written(
    designer: User, change: dict[str, Any], reason: str
) -> None:
    data = transfer.catalogue_export(actor=None)
    _version(data, "LAND-001", 2).update(change)
    report = _refused(data, designer)
    assert reason in _reasons(report)


def test_a_version_with_missing_or_unknown_fields_is_rejected(designer: User) -> None:
    data = transfer.catalogue_export(actor=None)
    version = _version(data, "LAND-001", 2)
    del version["channels"]
    version["colour"] = "red"
    assert "Missing fields: channels. Unknown fields: colour." in _reasons(_refused(data, designer))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"fee_mnt": -1}, "The fee is a whole number of tögrögs, 0 or more."),
        ({"service_norm_days": 31}, "The local service norm must be 1 to 30 working days"),
        ({"channels": ["khurdan"]}, "Channels must be some of those the reference version allows."),
        ({"territory": "9999"}, "No aimag or soum has the code 9999."),
        ({"organisation": "no-such-org"}, "No organisation has the code no-such-org."),
        ({"organisation": "gov-44"}, "The delivering organisation must work in this aimag or soum."),
        ({"version": 2}, "Only a published version can be adopted."),
        ({"status": "dancing"}, "The status must be one of"),
    ],
)
def test_invalid_adoptions_are_rejected_and_nothing_written(
    platform_admin: User, change: dict[str, Any], reason: str
) -> None:
    data = transfer.catalogue_export(actor=None)
    _service(data, "LAND-001")["adoptions"][0].update(change)
    assert reason in _reasons(_refused(data, platform_admin))


def test_a_nationally_set_fee_cannot_change_locally(platform_admin: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _service(data, "WELF-002")["adoptions"][0]["fee_mnt"] = 100
    assert "set nationally" in _reasons(_refused(data, platform_admin))


def test_one_bad_record_among_good_ones_imports_nothing(platform_admin: User) -> None:
    data = transfer.catalogue_export(actor=None)
    data["services"].append(
        {"code": "GOOD-004", "versions": [{"number": 1, "status": "published", **content()}]}
    )
    _version(data, "LAND-001", 2)["fee_mnt"] = 8000
    _service(data, "WELF-002")["adoptions"][0]["fee_mnt"] = -5
    report = _refused(data, platform_admin)
    assert report["created"] == ["service GOOD-004", "GOOD-004 version 1"]
    assert report["updated"] == ["LAND-001 version 2 (fee_mnt)"]
    assert len(report["rejected"]) == 1
    assert not ReferenceService.objects.filter(code="GOOD-004").exists()


def test_records_match_by_code_and_never_duplicate(platform_admin: User) -> None:
    data = transfer.catalogue_export(actor=None)
    data["services"].append(_service(data, "WELF-002"))
    assert "The service appears twice in the file." in _reasons(_refused(data, platform_admin))
    data = transfer.catalogue_export(actor=None)
    land = _service(data, "LAND-001")
    land["adoptions"].append(dict(land["adoptions"][0]))
    assert "The adoption appears twice in the file." in _reasons(_refused(data, platform_admin))
    data = transfer.catalogue_export(actor=None)
    land = _service(data, "LAND-001")
    land["versions"].append(dict(land["versions"][0]))
    assert "The version appears twice in the file." in _reasons(_refused(data, platform_admin))
    assert counts() == (2, 3, 2)


def test_a_second_draft_is_rejected(designer: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _service(data, "LAND-001")["versions"].append({"number": 3, "status": "draft", **content()})
    assert "at most one draft" in _reasons(_refused(data, designer))


def test_a_version_still_offered_cannot_be_retired(designer: User, platform_admin: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _version(data, "LAND-001", 1)["status"] = "retired"
    assert "still offer this version" in _reasons(_refused(data, designer))


def test_officers_cannot_import(officer_soum_a: User) -> None:
    data = transfer.catalogue_export(actor=None)
    state = database_state()
    with pytest.raises(PermissionDenied):
        transfer.precheck(data, officer_soum_a)
    with pytest.raises(PermissionDenied):
        transfer.apply(data, officer_soum_a)
    assert database_state() == state


def test_org_admin_cannot_import_an_adoption_for_another_aimag(admin_aimag: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _service(data, "WELF-002")["adoptions"].append(
        {"territory": "44", "organisation": "gov-44", "version": 1, "status": "planned"}
    )
    report = _refused(data, admin_aimag)
    assert report["rejected"] == [
        {"what": "WELF-002 in 44", "reason": "You may import adoptions only within your own aimag or soum."}
    ]


def test_org_admin_changes_adoptions_of_their_aimag_but_not_reference_content(admin_aimag: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _service(data, "LAND-001")["adoptions"][0]["fee_mnt"] = 3500
    _service(data, "WELF-002")["adoptions"][0]["status"] = "offered"
    report = transfer.apply(data, admin_aimag)
    assert report.updated == ["LAND-001 in 6401 (fee_mnt)", "WELF-002 in 64 (status)"]
    assert Adoption.objects.get(territory__code="6401").fee_mnt == 3500
    assert CoverageCell.objects.filter(service__code="WELF-002", aimag_code="64").exists()

    data = transfer.catalogue_export(actor=None)
    _version(data, "LAND-001", 2)["fee_mnt"] = 1
    assert "Only service designers may change reference services." in _reasons(_refused(data, admin_aimag))


def test_designers_cannot_import_adoptions(designer: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _service(data, "LAND-001")["adoptions"][0]["fee_mnt"] = 3500
    assert "only within your own aimag or soum" in _reasons(_refused(data, designer))


def test_adoption_status_moves_follow_the_catalogue_rules(platform_admin: User) -> None:
    data = transfer.catalogue_export(actor=None)
    _service(data, "WELF-002")["adoptions"][0]["status"] = "suspended"
    assert "An adoption that is Planned cannot become Suspended." in _reasons(_refused(data, platform_admin))


# Reading files


def test_a_json_file_reads_back() -> None:
    data = transfer.catalogue_export(actor=None)
    assert transfer.read_file(json.dumps(data).encode(), "catalogue.json") == data


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b'{"format": "nutag-catalogue", "version": 1, "services": [',
            "c.json",
            "The file is not valid JSON",
        ),
        (
            b"\x8f\x00\x13garbage\xff" * 20,
            "catalogue.xlsx",
            "named as an Excel workbook, but its content is not one",
        ),
        (
            b'{"type": "FeatureCollection", "features": []}',
            "map.json",
            'its "format" must be "nutag-catalogue"',
        ),
        (b'{"format": "nutag-catalogue", "version": 2, "services": []}', "c.json", "Nutag reads version 1"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "catalogue.pdf", "This is a PDF document"),
        (b"", "empty.json", "The file is empty."),
        (b"code,version\nLAND-001,1\n", "catalogue.csv", "neither a JSON catalogue nor an XLSX workbook"),
        (b"PK\x03\x04broken zip", "catalogue.xlsx", "damaged"),
        (b'\xff\xfe{"a": 1}', "utf16.json", "neither a JSON catalogue nor an XLSX workbook"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(content: bytes, name: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as refusal:
        transfer.read_file(content, name)
    assert message in refusal.value.message


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ValidationFailed, match="not an Excel workbook"):
        transfer.read_file(buffer.getvalue(), "letter.docx")


def test_structural_nonsense_in_a_catalogue_is_rejected(designer: User) -> None:
    data = {
        "format": "nutag-catalogue",
        "version": 1,
        "services": [42, {"code": "lower"}, {"code": "OK-1", "x": 1}],
    }
    report = transfer.precheck(data, designer)
    assert [what for what, _reason in report.rejected] == [
        "service 1 in the file",
        "service 2 in the file",
        "OK-1",
    ]
