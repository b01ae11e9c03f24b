import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from nutag.accounts.models import User

pytestmark = pytest.mark.usefixtures("world")


def test_territory_list_is_paginated_and_filterable(client: Client) -> None:
    body = client.get("/api/v1/territory", {"level": "soum", "within": "64"}).json()
    assert body["count"] == 20
    assert {unit["parent"] for unit in body["results"]} == {"64"}


def test_territory_search_folds_mongolian_letters(client: Client) -> None:
    body = client.get("/api/v1/territory", {"q": "Єлзийт"}).json()
    assert "6449" in {unit["code"] for unit in body["results"]}


def test_one_unit_by_code(client: Client) -> None:
    body = client.get("/api/v1/territory/83").json()
    assert body["time_zone"] == "Asia/Hovd"
    assert body["iso_code"] == "MN-071"


def test_organisations_by_territory_and_kind(client: Client) -> None:
    body = client.get("/api/v1/organisations", {"territory": "64", "kind": "aimag_department"}).json()
    assert body["count"] == 11
    assert all(item["jurisdiction"] == "64" for item in body["results"])


def test_unknown_object_gets_the_uniform_error_body(client: Client) -> None:
    response = client.get("/api/v1/territory/9999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert set(response.json()["error"]) == {"code", "message", "details"}


def test_writes_are_refused_with_the_uniform_error_body(client: Client) -> None:
    response = client.post("/api/v1/territory", {"code": "99"}, content_type="application/json")
    assert response.status_code in (401, 403, 405)
    assert "error" in response.json()


def test_token_authentication(officer_soum_a: User) -> None:
    token = Token.objects.create(user=officer_soum_a)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/organisations").status_code == 200
    api.credentials(HTTP_AUTHORIZATION="Token wrong")
    response = api.get("/api/v1/organisations")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_schema_and_docs_are_served(client: Client) -> None:
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
