"""Staff pages for process models: thin smoke and permission tests, and bounded query counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from nutag.accounts.models import User
from nutag.catalog.choices import VersionStatus
from nutag.processes.models import ProcessModel
from nutag.processes.services import process_model_upload

from .conftest import data_bytes, demo_bytes
from .factories import make_adoption, make_version


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    """These tests read messages and pages in English; Nutag itself speaks Mongolian unless asked otherwise."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_reference_list_shows_executable_and_problem_counts(
    client: Client, permit_version: Any, designer: User, officer_soum_a: User
) -> None:
    draft = make_version("BIZ-930", "permit", status=VersionStatus.DRAFT)
    process_model_upload(
        owner=draft, file_name="s.bpmn", content=data_bytes("script_task.bpmn"), actor=designer
    )
    client.force_login(designer)
    page = client.get("/workspace/processes/").content.decode()
    assert "BIZ-900" in page and "BIZ-930" in page and "not executable" in page
    assert f"/workspace/processes/versions/{draft.pk}/upload/" in page
    client.force_login(officer_soum_a)
    page = client.get("/workspace/processes/").content.decode()
    assert "BIZ-900" in page and "BIZ-930" not in page


def test_citizens_and_anonymous_visitors_have_no_process_pages(client: Client, permit_version: Any,
                                                                citizen: User) -> None:  # fmt: skip
    model = ProcessModel.objects.get()
    assert client.get("/workspace/processes/").status_code == 302
    assert client.get(f"/workspace/processes/models/{model.pk}/bpmn").status_code == 302
    client.force_login(citizen)
    assert client.get("/workspace/processes/").status_code == 403
    assert client.get(f"/workspace/processes/models/{model.pk}/bpmn").status_code == 403


def test_model_page_draws_the_model_and_download_gives_back_the_original_bytes(
    client: Client, permit_version: Any, officer_soum_a: User
) -> None:
    model = ProcessModel.objects.get()
    client.force_login(officer_soum_a)
    page = client.get(f"/workspace/processes/models/{model.pk}/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "Upload a new version" not in page  # officers only look
    download = client.get(f"/workspace/processes/models/{model.pk}/bpmn")
    assert download["Content-Type"] == "application/xml"
    assert 'filename="permit.bpmn"' in download["Content-Disposition"]
    assert download.content == demo_bytes("permit")
    svg = client.get(f"/workspace/processes/models/{model.pk}/svg")
    assert svg["Content-Type"].startswith("image/svg+xml") and svg.content.startswith(b"<svg")


def test_designer_uploads_to_a_draft_and_sees_the_reasons_in_plain_words(client: Client, world: None,
                                                                         designer: User) -> None:  # fmt: skip
    draft = make_version("BIZ-931", "permit", status=VersionStatus.DRAFT)
    client.force_login(designer)
    url = f"/workspace/processes/versions/{draft.pk}/upload/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": _file("script.bpmn", data_bytes("script_task.bpmn"))}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "not executable" in page
    assert "How to fix it" in page and "script" in page.lower()
    assert ProcessModel.objects.get(version=draft).file_name == "script.bpmn"


def test_upload_of_a_file_that_is_not_bpmn_shows_the_error_and_stores_nothing(
    client: Client, world: None, designer: User
) -> None:
    draft = make_version("BIZ-932", "permit", status=VersionStatus.DRAFT)
    client.force_login(designer)
    response = client.post(
        f"/workspace/processes/versions/{draft.pk}/upload/",
        {"file": _file("n.xml", data_bytes("not_bpmn.xml"))},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and "not a BPMN 2.0 model" in page
    assert not ProcessModel.objects.exists()


def test_upload_page_is_refused_to_org_admins(client: Client, world: None, admin_aimag: User) -> None:
    draft = make_version("BIZ-933", "permit", status=VersionStatus.DRAFT)
    client.force_login(admin_aimag)
    assert client.get(f"/workspace/processes/versions/{draft.pk}/upload/").status_code == 404  # drafts hidden
    published = make_version("BIZ-934", "permit")
    response = client.post(
        f"/workspace/processes/versions/{published.pk}/upload/",
        {"file": _file("p.bpmn", demo_bytes("permit"))},
    )
    assert response.status_code == 403 and not ProcessModel.objects.exists()


def test_org_admin_uploads_a_variant_and_sees_the_added_approval(
    client: Client, adoption_b: Any, admin_aimag: User
) -> None:
    client.force_login(admin_aimag)
    url = f"/workspace/processes/adoptions/{adoption_b.pk}/"
    assert "runs the reference process unchanged" in client.get(url).content.decode()
    response = client.post(
        url, {"file": _file("extra.bpmn", demo_bytes("permit__extra_approval"))}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Second approval by the governor" in page and "+ added" in page and "Legend" in page
    assert "− removed" in page and "Process variance" in page


def test_variant_page_is_hidden_from_other_aimags_and_officers(
    client: Client, adoption_b: Any, admin_other_aimag: User, officer_soum_b: User
) -> None:
    url = f"/workspace/processes/adoptions/{adoption_b.pk}/"
    for user in (admin_other_aimag, officer_soum_b):
        client.force_login(user)
        assert client.get(url).status_code == 404
        response = client.post(url, {"file": _file("v.bpmn", demo_bytes("permit__extra_approval"))})
        assert response.status_code == 404
    assert not ProcessModel.objects.filter(adoption=adoption_b).exists()


def test_analyst_sees_the_variant_but_cannot_upload(client: Client, adoption_b: Any, analyst: User) -> None:
    process_model_upload(owner=adoption_b, file_name="v.bpmn", content=demo_bytes("permit__extra_approval"),
                         actor=None)  # fmt: skip
    client.force_login(analyst)
    url = f"/workspace/processes/adoptions/{adoption_b.pk}/"
    page = client.get(url).content.decode()
    assert "Second approval" in page and 'type="file"' not in page
    assert client.post(url, {"file": _file("v.bpmn", demo_bytes("permit"))}).status_code == 403


def test_variances_page_ranks_and_filters_by_aimag(client: Client, adoption_b: Any, adoption_other: Any,
                                                   analyst: User) -> None:  # fmt: skip
    process_model_upload(owner=adoption_b, file_name="v.bpmn", content=demo_bytes("permit__extra_approval"),
                         actor=None)  # fmt: skip
    client.force_login(analyst)
    page = client.get("/workspace/processes/variances/").content.decode()
    assert page.index(f"/adoptions/{adoption_b.pk}/") < page.index(f"/adoptions/{adoption_other.pk}/")
    page = client.get("/workspace/processes/variances/", {"aimag": "44"}).content.decode()
    assert f"/adoptions/{adoption_other.pk}/" in page and f"/adoptions/{adoption_b.pk}/" not in page


def test_list_pages_answer_in_a_bounded_number_of_queries(
    client: Client, permit_version: Any, designer: User, analyst: User, django_assert_max_num_queries: Any
) -> None:
    for index in range(8):
        version = make_version(f"BIZ-94{index}", "welfare_committee")
        process_model_upload(
            owner=version, file_name="w.bpmn", content=demo_bytes("welfare_committee"), actor=None
        )
        adoption = make_adoption(version, "6401")
        process_model_upload(owner=adoption, file_name="v.bpmn",
                             content=demo_bytes("welfare_committee__longer_deadline"), actor=None)  # fmt: skip
    client.force_login(designer)
    with django_assert_max_num_queries(8):
        assert client.get("/workspace/processes/").status_code == 200
    client.force_login(analyst)
    with django_assert_max_num_queries(8):
        page = client.get("/workspace/processes/variances/")
    assert page.status_code == 200 and page.content.decode().count("local variant") >= 8
