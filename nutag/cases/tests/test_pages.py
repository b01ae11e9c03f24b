from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.models import AccessRecord, Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption


def _apply_through_pages(client: Client, adoption: Adoption) -> Request:
    code = adoption.service.code
    page = client.get(f"/services/{code}/apply/", {"soum": "6401"})
    token = page.context["token"]
    response = client.post(f"/services/{code}/apply/?soum=6401", {"token": token})
    request = Request.objects.get()
    assert response["Location"] == f"/requests/{request.pk}/answers/"
    client.post(f"/services/{code}/apply/?soum=6401", {"token": token})  # a double click
    assert Request.objects.count() == 1
    client.post(f"/requests/{request.pk}/answers/", {"answers": "1", "save": "1", "purpose": "work"})
    client.post(
        f"/requests/{request.pk}/answers/",
        {"upload": "1", "code": "ID_CARD", "file": SimpleUploadedFile("id.pdf", PDF, "application/pdf")},
    )
    response = client.post(
        f"/requests/{request.pk}/answers/", {"answers": "1", "continue": "1", "purpose": "work"}
    )
    assert response["Location"] == f"/requests/{request.pk}/check/"
    assert "id.pdf" in client.get(f"/requests/{request.pk}/check/").content.decode()
    response = client.post(f"/requests/{request.pk}/check/")
    client.post(f"/requests/{request.pk}/check/")  # submitted twice
    confirmation = client.get(response["Location"]).content.decode()
    request.refresh_from_db()
    assert request.number and request.number in confirmation
    return request


def test_citizen_applies_officer_decides_citizen_sees_result_and_who_looked(
    client: Client, letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    client.force_login(citizen)
    request = _apply_through_pages(client, letter_service)
    assert WorkItem.objects.filter(request=request).count() == 1

    officer = Client()
    officer.force_login(officer_soum_a)
    queue = officer.get("/workspace/queue/").content.decode()
    assert request.number in queue
    item = WorkItem.objects.get(request=request)
    officer.post(f"/workspace/work/{item.pk}/", {"do": "claim"})
    screen = officer.get(f"/workspace/requests/{request.pk}/").content.decode()
    assert "Зөвшөөрөх" in screen or "Approve" in screen
    version = Request.objects.get(pk=request.pk).version
    officer.post(f"/workspace/work/{item.pk}/", {"do": "act", "action": "approve", "version": version})
    assert Request.objects.get(pk=request.pk).status == "completed"

    page = client.get(f"/requests/{request.pk}/").content.decode()
    assert officer_soum_a.full_name in page  # the access log shows who opened the request
    assert AccessRecord.objects.filter(request=request, staff=officer_soum_a).exists()


def test_a_stale_page_action_is_refused(
    client: Client, letter_service: Adoption, citizen: User, officer_soum_a: User
) -> None:
    client.force_login(citizen)
    request = _apply_through_pages(client, letter_service)
    item = services.workitem_claim(item=WorkItem.objects.get(request=request), actor=officer_soum_a)
    officer = Client()
    officer.force_login(officer_soum_a)
    officer.post(f"/workspace/work/{item.pk}/", {"do": "act", "action": "approve", "version": 1})
    assert Request.objects.get(pk=request.pk).status != "completed"


@pytest.fixture
def submitted(letter_service: Adoption, citizen: User) -> Request:
    request = services.request_start(
        adoption=letter_service, applicant=citizen, actor=citizen, form_data=ANSWERS
    )
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    return services.request_submit(request=request, actor=citizen)


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("applicant", True),
        ("officer_a", True),
        ("supervisor_a", True),
        ("officer_b", False),
        ("other_citizen", False),
        ("analyst", False),
        ("admin_aimag", False),
        ("operator_a", False),
    ],
)
def test_who_may_open_a_request_and_its_documents(
    submitted: Request,
    citizen: User,
    officer_soum_a: User,
    officer_soum_b: User,
    make_citizen: Callable[..., User],
    make_staff: Callable[..., User],
    analyst: User,
    admin_aimag: User,
    operator_soum_a: User,
    persona: str,
    sees: bool,
) -> None:
    users = {
        "applicant": citizen,
        "officer_a": officer_soum_a,
        "officer_b": officer_soum_b,
        "analyst": analyst,
        "other_citizen": make_citizen(register_number="УБ99112233"),
        "admin_aimag": admin_aimag,
        "supervisor_a": make_staff((Role.SUPERVISOR, "gov-6401")),
        "operator_a": operator_soum_a,
    }
    client = Client()
    client.force_login(users[persona])
    document = submitted.documents.get()
    expected = 200 if sees else 404
    assert client.get(f"/requests/{submitted.pk}/").status_code == expected
    assert client.get(f"/requests/{submitted.pk}/documents/{document.pk}/").status_code == expected
    if not sees:
        assert not AccessRecord.objects.filter(staff=users[persona]).exists()


def test_operator_applies_for_a_citizen_by_register_number(
    client: Client, letter_service: Adoption, operator_soum_a: User
) -> None:
    client.force_login(operator_soum_a)
    response = client.post(
        "/workspace/assist/",
        {"register_number": "вю 92110528", "full_name": "Сүрэн Оюун", "service": "civil-700"},
    )
    request = Request.objects.get()
    assert response["Location"] == f"/requests/{request.pk}/answers/"
    assert request.applicant.register_number == "ВЮ92110528" and request.channel == "operator"
    assert request.operator == operator_soum_a
    response = client.post("/workspace/assist/", {"register_number": "ВЮ92133528", "service": "CIVIL-700"})
    assert "birth date" in response.content.decode() or "төрсөн" in response.content.decode().lower()


def test_queue_answers_in_a_bounded_number_of_queries(
    client: Client,
    letter_service: Adoption,
    make_citizen: Callable[..., User],
    officer_soum_a: User,
    django_assert_max_num_queries: object,
) -> None:
    for number in range(12):
        citizen = make_citizen(register_number=f"ВЮ85031{number:03d}")
        request = services.request_start(
            adoption=letter_service, applicant=citizen, actor=citizen, form_data=ANSWERS
        )
        services.request_attach_document(
            request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
        )
        services.request_submit(request=request, actor=citizen)
    client.force_login(officer_soum_a)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        page = client.get("/workspace/queue/").content.decode()
    assert page.count("/workspace/requests/") >= 12
