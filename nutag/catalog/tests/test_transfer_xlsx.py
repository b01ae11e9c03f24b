"""The catalogue as an XLSX workbook: round trip, edits made in a spreadsheet, workbooks that are not ours."""

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from nutag.accounts.models import User
from nutag.catalog import transfer
from nutag.catalog.models import Adoption, ServiceVersion
from nutag.catalog.tests.test_transfer_support import (
    catalogue,
    clear_catalogue,
    content,
    database_state,
    without_timestamp,
)
from nutag.catalog.transfer_xlsx import read_workbook, write_workbook
from nutag.core.errors import ValidationFailed

__all__ = ["catalogue"]
pytestmark = pytest.mark.usefixtures("catalogue")


def _edit(workbook_bytes: bytes, sheet: str, match: dict[str, Any], changes: dict[str, Any]) -> bytes:
    """Change the cells of the rows of `sheet` whose columns equal `match`, as a designer would."""
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    rows = workbook[sheet]
    header = [cell.value for cell in rows[1]]
    for row in rows.iter_rows(min_row=2):
        values = dict(zip(header, [cell.value for cell in row], strict=False))
        if all(values.get(key) == value for key, value in match.items()):
            for key, value in changes.items():
                row[header.index(key)].value = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_workbook_has_the_documented_sheets(designer: User) -> None:
    workbook = load_workbook(io.BytesIO(write_workbook(transfer.catalogue_export(actor=designer))))
    assert workbook.sheetnames == ["README", "services", "documents", "form_fields", "adoptions"]
    assert [workbook["README"]["A1"].value, workbook["README"]["B1"].value] == ["format", "nutag-catalogue"]
    assert workbook["services"].max_row == 1 + 3
    assert workbook["form_fields"]["J3"].value == "home=Орон сууц|Home; farm=Тариалан|Farming"


def test_round_trip_into_a_clean_catalogue_then_reimport_is_unchanged(
    designer: User, platform_admin: User
) -> None:
    exported = transfer.catalogue_export(actor=designer)
    workbook = write_workbook(exported)
    assert without_timestamp(read_workbook(workbook)) == without_timestamp(exported)
    clear_catalogue()

    report = transfer.apply(transfer.read_file(workbook, "catalogue.xlsx"), platform_admin)

    assert report.ok and len(report.created) == 7
    assert without_timestamp(transfer.catalogue_export(actor=designer)) == without_timestamp(exported)
    state = database_state()
    again = transfer.apply(transfer.read_file(workbook, "catalogue.xlsx"), platform_admin)
    assert (again.created, again.updated, again.unchanged) == ([], [], 5)
    assert database_state() == state


def test_a_draft_fee_changed_in_the_sheet_is_updated(designer: User) -> None:
    workbook = write_workbook(transfer.catalogue_export(actor=designer))
    edited = _edit(workbook, "services", {"code": "LAND-001", "version": 2}, {"fee_mnt": 7500})

    report = transfer.apply(transfer.read_file(edited, "edited.xlsx"), designer)

    assert (report.updated, report.created, report.unchanged) == (["LAND-001 version 2 (fee_mnt)"], [], 4)
    assert ServiceVersion.objects.get(service__code="LAND-001", number=2).fee_mnt == 7500


def test_an_adoption_fee_emptied_in_the_sheet_returns_to_the_national_fee(admin_aimag: User) -> None:
    workbook = write_workbook(transfer.catalogue_export(actor=None))
    edited = _edit(workbook, "adoptions", {"territory": "6401"}, {"fee_mnt": None})
    report = transfer.apply(transfer.read_file(edited, "edited.xlsx"), admin_aimag)
    assert report.updated == ["LAND-001 in 6401 (fee_mnt)"]
    assert Adoption.objects.get(territory__code="6401").fee_mnt is None


def test_a_form_field_added_in_the_sheet_changes_the_draft(designer: User) -> None:
    workbook = load_workbook(io.BytesIO(write_workbook(transfer.catalogue_export(actor=designer))))
    workbook["form_fields"].append(
        [
            "LAND-001",
            2,
            "phone",
            "phone",
            "Утас",
            "Phone",
            None,
            None,
            "TRUE",
            None,
            None,
            None,
            None,
            None,
            None,
        ]
    )
    output = io.BytesIO()
    workbook.save(output)
    transfer.apply(transfer.read_file(output.getvalue(), "edited.xlsx"), designer)
    form = ServiceVersion.objects.get(service__code="LAND-001", number=2).form
    assert form[-1] == {
        "name": "phone",
        "type": "phone",
        "label_mn": "Утас",
        "label_en": "Phone",
        "help_mn": "",
        "help_en": "",
        "required": True,
    }


def test_absent_and_empty_help_texts_count_as_the_same(designer: User) -> None:
    """A spreadsheet cannot tell an empty text from a missing one; a re-import must not see a change."""
    published = ServiceVersion.objects.get(service__code="LAND-001", number=1)
    bare = [{k: v for k, v in item.items() if v != ""} for item in published.form]
    ServiceVersion.objects.filter(pk=published.pk).update(form=bare)
    report = transfer.precheck(
        read_workbook(write_workbook(transfer.catalogue_export(actor=designer))), designer
    )
    assert (report.created, report.updated, report.rejected, report.unchanged) == ([], [], [], 5)


@pytest.mark.parametrize(
    ("sheet", "match", "changes", "reason"),
    [
        (
            "form_fields",
            {"service": "LAND-001", "version": 2, "name": "parcel"},
            {"type": "slider"},
            "unknown field type",
        ),
        ("services", {"code": "LAND-001", "version": 2}, {"fee_mnt": -10}, "0 or more"),
        (
            "services",
            {"code": "LAND-001", "version": 2},
            {"service_norm_days": 31},
            "cannot be longer than the statutory",
        ),
        ("services", {"code": "LAND-001", "version": 2}, {"fee_mnt": "free"}, "The fee is a whole number"),
        (
            "adoptions",
            {"territory": "6401"},
            {"service_norm_days": 99},
            "The local service norm must be 1 to 30",
        ),
        (
            "services",
            {"code": "LAND-001", "version": 1},
            {"name_en": "Renamed"},
            "published versions are frozen",
        ),
    ],
)
def test_bad_values_in_the_sheets_are_rejected_and_nothing_written(
    platform_admin: User, sheet: str, match: dict[str, Any], changes: dict[str, Any], reason: str
) -> None:
    edited = _edit(write_workbook(transfer.catalogue_export(actor=None)), sheet, match, changes)
    state = database_state()
    with pytest.raises(ValidationFailed) as refusal:
        transfer.apply(transfer.read_file(edited, "edited.xlsx"), platform_admin)
    assert reason in str(refusal.value.details["report"]["rejected"])
    assert database_state() == state


def test_unusual_values_survive_the_spreadsheet(designer: User, platform_admin: User) -> None:
    tricky = content(
        name_en="=HYPERLINK(1)",
        source="1; 2 | 3",
        form=[
            {
                "name": "kind",
                "type": "choice",
                "label_mn": "Төрөл",
                "label_en": "Kind",
                "help_mn": "a=b",
                "help_en": "",
                "choices": [{"value": "a=1", "label_mn": "Нэг; хоёр", "label_en": "One|two"}],
            },
            {
                "name": "size",
                "type": "number",
                "label_mn": "Хэмжээ",
                "label_en": "Size",
                "help_mn": "",
                "help_en": "",
                "min": 0.5,
                "required": False,
                "visible_if": {"field": "kind", "equals": "a=1"},
                "unit": "m2",
            },
        ],
    )
    data = {
        "format": "nutag-catalogue",
        "version": 1,
        "services": [
            {"code": "ODD-009", "versions": [{"number": 1, "status": "draft", **tricky}], "adoptions": []}
        ],
    }
    assert transfer.apply(data, designer).ok
    exported = transfer.catalogue_export(actor=designer, service_code="ODD-009")
    assert without_timestamp(read_workbook(write_workbook(exported))) == without_timestamp(exported)


def _workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_a_workbook_that_is_not_a_catalogue_export_is_refused() -> None:
    with pytest.raises(ValidationFailed, match="not a Nutag catalogue export"):
        transfer.read_file(_workbook({"Budget": [["year", "amount"], [2026, 5]]}), "budget.xlsx")


def test_a_workbook_with_wrong_columns_is_refused(designer: User) -> None:
    workbook = load_workbook(io.BytesIO(write_workbook(transfer.catalogue_export(actor=designer))))
    workbook["services"]["D1"].value = "title"
    output = io.BytesIO()
    workbook.save(output)
    with pytest.raises(ValidationFailed, match="Sheet services: the first row must name the columns"):
        transfer.read_file(output.getvalue(), "catalogue.xlsx")


def test_rows_that_point_nowhere_are_refused(designer: User) -> None:
    workbook = load_workbook(io.BytesIO(write_workbook(transfer.catalogue_export(actor=designer))))
    workbook["documents"].append(["LAND-001", 9, "X", "X", "X", True, None, None, None])
    output = io.BytesIO()
    workbook.save(output)
    with pytest.raises(
        ValidationFailed, match="Sheet documents, row 5: there is no row for LAND-001 version 9"
    ):
        transfer.read_file(output.getvalue(), "catalogue.xlsx")
