import pytest
from django.test import Client

from nutag.accounts.models import User
from nutag.catalog.models import Adoption, ReferenceService
from nutag.catalog.tests.factories import adopt, published_version, version_data

pytestmark = pytest.mark.usefixtures("world")


@pytest.fixture
def small_catalogue() -> None:
    residence = published_version(code="CIVIL-930")
    adopt(residence, "6401")
    land = published_version(
        code="LAND-930",
        name_mn="Газар эзэмших эрхийн гэрчилгээ",
        name_en="Land possession certificate",
        level="aimag",
        category="land",
    )
    adopt(land, "64")
    adopt(land, "44", status="planned")


def test_citizen_finds_a_service_offered_where_they_live(client: Client, small_catalogue: None) -> None:
    page = client.get("/services/", {"soum": "6401"}).content.decode()
    assert "CIVIL-930" in page and "LAND-930" in page
    page = client.get("/services/", {"soum": "6404"}).content.decode()
    assert "CIVIL-930" not in page and "LAND-930" in page  # the aimag service reaches every soum of the aimag
    page = client.get("/services/", {"soum": "4401"}).content.decode()
    assert "LAND-930" not in page  # planned, not offered


def test_catalogue_search_folds_mongolian_letters(client: Client, small_catalogue: None) -> None:
    assert "LAND-930" in client.get("/services/", {"q": "ГАЗАР ЭЗЭМШИХ"}).content.decode()
    assert "LAND-930" in client.get("/services/", {"q": "land possession"}).content.decode()


def test_service_page_says_where_it_is_offered_when_not_in_your_soum(
    client: Client, small_catalogue: None
) -> None:
    client.post("/i18n/setlang/", {"language": "mn", "next": "/"})
    page = client.get("/services/CIVIL-930/", {"soum": "6404"}).content.decode()
    assert "Баацагаан" in page and "Баянхонгор" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/services/CIVIL-930/", {"soum": "6404"}).content.decode()
    assert "not offered in Baatsagaan" in page
    page = client.get("/services/CIVIL-930/", {"soum": "6401"}).content.decode()
    assert "Offered in Bayankhongor" in page and "2,000₮" in page


def test_drafts_are_not_public(client: Client) -> None:
    from nutag.catalog import services

    services.service_create(code="CIVIL-931", data=version_data(), actor=None)
    assert client.get("/services/CIVIL-931/").status_code == 404
    assert client.get("/api/v1/services/CIVIL-931").json()["current_version"] is None


def test_coverage_page_and_exports(
    client: Client, small_catalogue: None, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        page = client.get("/coverage/").content.decode()
    assert "CIVIL-930" in page
    csv = b"".join(client.get("/coverage/", {"format": "csv"}).streaming_content).decode()  # type: ignore[attr-defined]
    assert csv.splitlines()[0].startswith("Код") or csv.splitlines()[0].startswith("Code")
    assert any(line.startswith("LAND-930") for line in csv.splitlines())
    xlsx = client.get("/coverage/", {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx.content[:2] == b"PK"


def test_coverage_page_query_count_does_not_grow_with_the_catalogue(
    client: Client, django_assert_max_num_queries: object
) -> None:
    for number in range(30):
        adopt(published_version(code=f"CIVIL-{number:03d}"), "6401")
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        client.get("/coverage/")
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        client.get("/services/", {"soum": "6401"})


def test_coverage_api(client: Client, small_catalogue: None) -> None:
    body = client.get("/api/v1/coverage", {"aimag": "64"}).json()
    assert body["aimags"][0]["offered"] == 2 and body["distinct_total"] == 2


def test_designer_pages_are_for_designers(
    client: Client, designer: User, officer_soum_a: User, small_catalogue: None
) -> None:
    client.force_login(officer_soum_a)
    assert client.get("/workspace/catalogue/").status_code == 403
    client.force_login(designer)
    assert client.get("/workspace/catalogue/").status_code == 200
    response = client.post("/workspace/catalogue/CIVIL-930/draft/")
    assert response.status_code == 302
    assert ReferenceService.objects.get(code="CIVIL-930").versions.count() == 2


def test_admin_adopts_through_the_page_only_in_their_territory(client: Client, admin_soum_b: User) -> None:
    version = published_version(code="CIVIL-940")
    client.force_login(admin_soum_b)
    form = client.get("/workspace/catalogue/CIVIL-940/adopt/new/").content.decode()
    assert "6404" in form and 'value="6401"' not in form
    response = client.post(
        "/workspace/catalogue/CIVIL-940/adopt/new/",
        {"territory": "6401", "organisation": "gov-6401", "status": "offered", "channels": ["online"]},
    )
    assert response.status_code == 200 and not Adoption.objects.exists()
    response = client.post(
        "/workspace/catalogue/CIVIL-940/adopt/new/",
        {"territory": "6404", "organisation": "gov-6404", "status": "offered", "channels": ["online"]},
    )
    assert response.status_code == 302
    assert Adoption.objects.get().version == version


def test_api_adoption_by_an_admin_of_another_aimag_is_refused_with_the_uniform_body(
    admin_other_aimag: User,
) -> None:
    from rest_framework.test import APIClient

    published_version(code="CIVIL-950")
    api = APIClient()
    api.force_authenticate(admin_other_aimag)
    response = api.post(
        "/api/v1/adoptions",
        {"service": "CIVIL-950", "territory": "6401", "organisation": "gov-6401"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Adoption.objects.exists()
    response = api.post(
        "/api/v1/adoptions",
        {"service": "CIVIL-950", "territory": "4401", "organisation": "gov-4401", "fee_mnt": -1},
        format="json",
    )
    assert response.status_code == 400 and "fee_mnt" in response.json()["error"]["details"]


def test_api_compare_versions(designer: User) -> None:
    from rest_framework.test import APIClient

    version = published_version(code="CIVIL-960")
    api = APIClient()
    api.force_authenticate(designer)
    assert api.post("/api/v1/services/CIVIL-960/draft").status_code == 201
    assert (
        api.patch("/api/v1/services/CIVIL-960/versions/2", {"fee_mnt": 5000}, format="json").status_code
        == 200
    )
    assert api.post("/api/v1/services/CIVIL-960/versions/2/publish").status_code == 200
    body = api.get("/api/v1/services/CIVIL-960/compare", {"from": 1, "to": 2}).json()
    assert body == [
        {
            "field": "fee_mnt",
            "label": body[0]["label"],
            "before": version.fee_mnt,
            "after": 5000,
            "added": [],
            "removed": [],
            "changed": [],
        }
    ]
    stale = api.patch("/api/v1/services/CIVIL-960/versions/2", {"fee_mnt": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
