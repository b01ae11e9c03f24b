"""Process-model endpoints: thin smoke and permission tests, with the uniform error body."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from nutag.accounts.models import User
from nutag.catalog.choices import VersionStatus
from nutag.processes.models import ProcessModel
from nutag.processes.services import process_model_upload

from .conftest import data_bytes, demo_bytes
from .factories import make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/xml")


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]  # type: ignore[no-any-return]


def test_list_retrieve_download_and_drawing(
    api: APIClient, permit_version: Any, officer_soum_a: User
) -> None:
    api.force_authenticate(officer_soum_a)
    [item] = api.get("/api/v1/process-models").json()["results"]
    assert item["kind"] == "reference" and item["service"] == "BIZ-900" and item["is_executable"] is True
    detail = api.get(f"/api/v1/process-models/{item['id']}").json()
    assert detail["problems"] == [] and detail["spec_hash"]
    download = api.get(f"/api/v1/process-models/{item['id']}/bpmn")
    assert download.status_code == 200 and download["Content-Type"] == "application/xml"
    assert download.content == demo_bytes("permit")
    assert api.get(item["svg_url"]).content.startswith(b"<svg")


def test_anonymous_clients_are_refused_with_the_uniform_body(api: APIClient, permit_version: Any) -> None:
    response = api.get("/api/v1/process-models")
    assert response.status_code in (401, 403)
    _error(response)


def test_hidden_model_is_not_found(api: APIClient, adoption_b: Any, officer_soum_a: User) -> None:
    variant = process_model_upload(
        owner=adoption_b, file_name="v.bpmn", content=demo_bytes("permit"), actor=None
    )
    api.force_authenticate(officer_soum_a)
    response = api.get(f"/api/v1/process-models/{variant.pk}/bpmn")
    assert response.status_code == 404 and _error(response)["code"] == "not_found"


def test_designer_uploads_to_a_draft_version(api: APIClient, world: None, designer: User) -> None:
    draft = make_version("BIZ-950", "permit", status=VersionStatus.DRAFT)
    api.force_authenticate(designer)
    url = "/api/v1/services/BIZ-950/versions/1/process-model"
    response = api.post(url, {"file": _file("s.bpmn", data_bytes("script_task.bpmn"))}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["is_executable"] is False and body["problems"][0]["how_to_fix"]
    assert ProcessModel.objects.get(version=draft).file_name == "s.bpmn"


def test_bad_uploads_come_back_in_the_uniform_error_body(api: APIClient, world: None, designer: User) -> None:
    make_version("BIZ-951", "permit", status=VersionStatus.DRAFT)
    make_version("BIZ-952", "permit")
    api.force_authenticate(designer)
    url = "/api/v1/services/BIZ-951/versions/1/process-model"
    not_bpmn = api.post(url, {"file": _file("n.xml", data_bytes("not_bpmn.xml"))}, format="multipart")
    assert not_bpmn.status_code == 400 and _error(not_bpmn)["code"] == "not_bpmn"
    missing = api.post(url, {}, format="multipart")
    assert missing.status_code == 400 and "file" in _error(missing)["details"]
    frozen = api.post("/api/v1/services/BIZ-952/versions/1/process-model",
                      {"file": _file("p.bpmn", demo_bytes("permit"))}, format="multipart")  # fmt: skip
    assert frozen.status_code == 409 and _error(frozen)["code"] == "conflict"
    unknown = api.post("/api/v1/services/BIZ-999/versions/1/process-model",
                       {"file": _file("p.bpmn", demo_bytes("permit"))}, format="multipart")  # fmt: skip
    assert unknown.status_code == 404
    assert not ProcessModel.objects.exists()


def test_variant_upload_and_comparison(api: APIClient, adoption_b: Any, admin_soum_b: User,
                                       admin_other_aimag: User) -> None:  # fmt: skip
    url = f"/api/v1/adoptions/{adoption_b.pk}/process-model"
    content = demo_bytes("permit__extra_approval")
    api.force_authenticate(admin_other_aimag)
    refused = api.post(url, {"file": _file("v.bpmn", content)}, format="multipart")
    assert refused.status_code == 403 and _error(refused)["code"] == "permission_denied"
    assert api.get(f"/api/v1/adoptions/{adoption_b.pk}/process-comparison").status_code == 404
    api.force_authenticate(admin_soum_b)
    created = api.post(url, {"file": _file("v.bpmn", content)}, format="multipart")
    assert created.status_code == 201 and created.json()["kind"] == "variant"
    comparison = api.get(f"/api/v1/adoptions/{adoption_b.pk}/process-comparison").json()
    assert comparison["variance"] > 0 and comparison["svg"].startswith("<svg")
    assert {"kind": "added", "element_id": "second_approval"}.items() <= next(
        c for c in comparison["changes"] if c["element_id"] == "second_approval"
    ).items()
    assert ProcessModel.objects.filter(adoption=adoption_b).count() == 1
