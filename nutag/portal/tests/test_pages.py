import pytest
from django.test import Client

from nutag.accounts.models import User

pytestmark = pytest.mark.usefixtures("world")


def test_home_is_in_mongolian_by_default(client: Client) -> None:
    page = client.get("/").content.decode()
    assert '<html lang="mn">' in page
    assert "Баянхонгор" in page


def test_home_switches_to_english(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Public services where you live" in page
    assert "Bayankhongor" in page


def test_places_search_finds_soums_whatever_the_case_and_letters(client: Client) -> None:
    page = client.get("/places/", {"q": "ӨЛЗИЙТ"}).content.decode()
    assert "6449" in page
    assert "1107" not in page


def test_places_filter_by_aimag(client: Client) -> None:
    page = client.get("/places/", {"aimag": "64"}).content.decode()
    assert "6404" in page and "4401" not in page


def test_organisations_list_searches_names(client: Client) -> None:
    page = client.get("/organisations/", {"q": "баацагаан"}).content.decode()
    assert "Баацагаан сумын Засаг даргын Тамгын газар" in page


def test_staff_home_shows_their_roles_and_territory(client: Client, officer_soum_a: User) -> None:
    client.force_login(officer_soum_a)
    response = client.get("/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/workspace/"
    assert "Баянхонгор сумын Засаг даргын Тамгын газар" in page


def test_citizens_have_no_workspace(client: Client, citizen: User) -> None:
    client.force_login(citizen)
    assert client.get("/workspace/").status_code == 403


def test_pages_answer_in_a_bounded_number_of_queries(
    client: Client, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        client.get("/places/", {"aimag": "64"})
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        client.get("/organisations/")
