"""Export and import through the staff pages, the API and the management commands."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from openpyxl import load_workbook
from rest_framework.test import APIClient

from nutag.accounts.models import User
from nutag.catalog import transfer
from nutag.catalog.models import ServiceVersion
from nutag.catalog.tests.test_transfer_support import catalogue, clear_catalogue, counts, database_state
from nutag.catalog.transfer_xlsx import write_workbook

__all__ = ["catalogue"]
pytestmark = pytest.mark.usefixtures("catalogue")
PAGE = "/workspace/catalogue/transfer/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _edited_export(**fee: int) -> bytes:
    data = transfer.catalogue_export(actor=None)
    draft = next(v for v in data["services"][0]["versions"] if v["number"] == 2)
    draft.update(fee)
    return json.dumps(data).encode()


# Pages


def test_transfer_page_is_for_designers_and_org_admins(
    client: Client, designer: User, admin_aimag: User, officer_soum_a: User
) -> None:
    assert client.get(PAGE).status_code == 302
    client.force_login(officer_soum_a)
    assert client.get(PAGE).status_code == 403
    assert (
        client.post(PAGE + "check/", {"file": SimpleUploadedFile("c.json", _edited_export())}).status_code
        == 403
    )
    for user in (designer, admin_aimag):
        client.force_login(user)
        page = client.get(PAGE).content.decode()
        assert "?format=xlsx" in page and 'enctype="multipart/form-data"' in page


def test_downloads_from_the_page(client: Client, designer: User) -> None:
    client.force_login(designer)
    whole = client.get(PAGE + "export/", {"format": "json"})
    assert whole["Content-Type"].startswith("application/json")
    assert "attachment" in whole["Content-Disposition"]
    assert [s["code"] for s in json.loads(whole.content)["services"]] == ["LAND-001", "WELF-002"]
    one = client.get(PAGE + "export/", {"format": "xlsx", "service": "welf-002"})
    assert one["Content-Type"] == XLSX
    assert load_workbook(io.BytesIO(one.content))["services"]["A2"].value == "WELF-002"
    missing = client.get(PAGE + "export/", {"format": "json", "service": "NOPE-1"}, follow=True)
    assert "No service you may see has the code NOPE-1." in missing.content.decode()


def test_upload_shows_the_precheck_then_imports_on_confirmation(client: Client, designer: User) -> None:
    client.force_login(designer)
    state = database_state()
    report = client.post(
        PAGE + "check/", {"file": SimpleUploadedFile("c.json", _edited_export(fee_mnt=9000))}
    )
    page = report.content.decode()
    assert report.status_code == 200
    assert "LAND-001 version 2 (fee_mnt)" in page and 'name="token"' in page
    assert database_state() == state
    token = report.context["token"]

    assert client.post(PAGE + "import/", {"token": "forged"}, follow=True).status_code == 200
    assert database_state() == state
    done = client.post(PAGE + "import/", {"token": token})
    assert done.status_code == 200 and done.context["applied"] is True
    assert ServiceVersion.objects.get(service__code="LAND-001", number=2).fee_mnt == 9000
    again = client.post(PAGE + "import/", {"token": token}, follow=True)
    assert "no longer available" in again.content.decode()


def test_upload_with_rejections_shows_reasons_and_offers_no_import(client: Client, designer: User) -> None:
    client.force_login(designer)
    report = client.post(PAGE + "check/", {"file": SimpleUploadedFile("c.json", _edited_export(fee_mnt=-1))})
    page = report.content.decode()
    assert "The fee is a whole number of tögrögs, 0 or more." in page
    assert 'name="token"' not in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("catalogue.xlsx", b"\x00\x01 random bytes", "named as an Excel workbook"),
        ("scan.pdf", b"%PDF-1.4 ...", "This is a PDF document"),
        ("c.json", b"{not json", "The file is not valid JSON"),
    ],
)
def test_bad_uploads_are_form_errors(
    client: Client, designer: User, name: str, content: bytes, message: str
) -> None:
    client.force_login(designer)
    response = client.post(PAGE + "check/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "error-summary" in response.content.decode()


def test_an_upload_that_changes_nothing_says_so(client: Client, designer: User) -> None:
    client.force_login(designer)
    export = client.get(PAGE + "export/", {"format": "xlsx"}).content
    page = client.post(PAGE + "check/", {"file": SimpleUploadedFile("c.xlsx", export)}).content.decode()
    assert "there is nothing to change" in page and 'name="token"' not in page


# API


def _api(user: User | None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def test_api_export_json_and_xlsx(officer_soum_a: User) -> None:
    api = _api(officer_soum_a)
    body = api.get("/api/v1/catalogue/export", {"format": "json"})
    assert body.status_code == 200
    assert json.loads(body.content)["format"] == "nutag-catalogue"
    workbook = api.get("/api/v1/catalogue/export", {"format": "xlsx", "service": "LAND-001"})
    assert workbook.status_code == 200 and workbook["Content-Type"] == XLSX
    assert (
        api.get("/api/v1/catalogue/export", {"format": "csv"}).json()["error"]["code"] == "validation_failed"
    )


def test_api_export_refuses_anonymous_and_citizens(citizen: User) -> None:
    assert _api(None).get("/api/v1/catalogue/export").status_code in (401, 403)
    refused = _api(citizen).get("/api/v1/catalogue/export")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"


def test_api_import_dry_run_then_apply(designer: User) -> None:
    api = _api(designer)
    state = database_state()
    upload = {"file": SimpleUploadedFile("c.json", _edited_export(fee_mnt=9100))}
    dry = api.post("/api/v1/catalogue/import?dry_run=1", upload, format="multipart")
    assert dry.status_code == 200
    assert dry.json() | {"unchanged": 0} == {
        "ok": True,
        "applied": False,
        "created": [],
        "updated": ["LAND-001 version 2 (fee_mnt)"],
        "unchanged": 0,
        "rejected": [],
    }
    assert database_state() == state
    upload = {"file": SimpleUploadedFile("c.json", _edited_export(fee_mnt=9100))}
    done = api.post("/api/v1/catalogue/import", upload, format="multipart")
    assert done.status_code == 200 and done.json()["applied"] is True
    assert ServiceVersion.objects.get(service__code="LAND-001", number=2).fee_mnt == 9100


def test_api_import_rejection_is_a_uniform_400_and_writes_nothing(designer: User) -> None:
    state = database_state()
    upload = {"file": SimpleUploadedFile("c.json", _edited_export(fee_mnt=-3))}
    response = _api(designer).post("/api/v1/catalogue/import", upload, format="multipart")
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"} and error["code"] == "validation_failed"
    assert "0 or more" in error["details"]["report"]["rejected"][0]["reason"]
    assert database_state() == state
    bad = _api(designer).post(
        "/api/v1/catalogue/import", {"file": SimpleUploadedFile("x.xlsx", b"garbage")}, format="multipart"
    )
    assert bad.status_code == 400 and "Excel workbook" in bad.json()["error"]["message"]


def test_api_import_refuses_officers(officer_soum_a: User) -> None:
    state = database_state()
    upload = {"file": SimpleUploadedFile("c.json", _edited_export(fee_mnt=1))}
    response = _api(officer_soum_a).post("/api/v1/catalogue/import", upload, format="multipart")
    assert response.status_code == 403
    assert database_state() == state


def test_api_org_admin_cannot_import_an_adoption_for_another_aimag(admin_aimag: User) -> None:
    data = transfer.catalogue_export(actor=None)
    data["services"][1]["adoptions"].append({"territory": "44", "organisation": "gov-44", "version": 1})
    upload = {"file": SimpleUploadedFile("c.json", json.dumps(data).encode())}
    response = _api(admin_aimag).post("/api/v1/catalogue/import?dry_run=1", upload, format="multipart")
    assert response.status_code == 200
    assert response.json()["rejected"] == [
        {"what": "WELF-002 in 44", "reason": "You may import adoptions only within your own aimag or soum."}
    ]


# Commands


def test_export_and_import_commands_round_trip(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.xlsx"
    call_command("catalogue_export", "--output", str(target))
    assert target.read_bytes()[:2] == b"PK"
    single = tmp_path / "one.json"
    call_command("catalogue_export", "--service", "WELF-002", "--format", "json", "--output", str(single))
    assert [s["code"] for s in json.loads(single.read_text())["services"]] == ["WELF-002"]

    clear_catalogue()
    out = io.StringIO()
    call_command("catalogue_import", str(target), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "7 to create" in out.getvalue() and counts() == (0, 0, 0)
    call_command("catalogue_import", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    assert counts() == (2, 3, 2)
    out = io.StringIO()
    call_command("catalogue_import", str(target), stdout=out, stderr=io.StringIO())
    assert "0 to create, 0 to update, 5 unchanged, 0 rejected." in out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.json", b'{"format": ', "The file is not valid JSON"),
        ("random.xlsx", b"\x13\x37" * 50, "named as an Excel workbook"),
        ("report.pdf", b"%PDF-1.7", "This is a PDF document"),
    ],
)
def test_import_command_refuses_bad_files_with_a_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("catalogue_import", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_import_command_rejection_prints_reasons_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(_edited_export(service_norm_days=99))
    state = database_state()
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("catalogue_import", str(path), stdout=out, stderr=io.StringIO())
    assert "rejected: LAND-001 version 2:" in out.getvalue()
    assert database_state() == state


def test_commands_exit_with_1_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "random.xlsx"
    path.write_bytes(b"not a workbook")
    manage = Path(__file__).resolve().parents[3] / "manage.py"
    result = subprocess.run(
        [sys.executable, str(manage), "catalogue_import", str(path), "--dry-run"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NUTAG_TESTING": "1"},
        timeout=120,
    )
    assert result.returncode == 1
    # the command speaks the site's language, Mongolian
    assert "Excel ажлын ном" in result.stderr and "Traceback" not in result.stderr


def test_xlsx_written_for_an_api_upload_round_trips(designer: User) -> None:
    workbook = write_workbook(transfer.catalogue_export(actor=designer))
    upload = {"file": SimpleUploadedFile("c.xlsx", workbook)}
    response = _api(designer).post("/api/v1/catalogue/import?dry_run=true", upload, format="multipart")
    assert response.json()["unchanged"] == 5
