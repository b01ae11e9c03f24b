"""Citizens sign in through an OpenID Connect provider: the register number claim identifies them."""

from typing import Any

import pytest
from django.test.utils import override_settings

from nutag.accounts.models import User
from nutag.accounts.oidc import CitizenOIDCBackend

OIDC = {
    "NUTAG_OIDC_ENABLED": True,
    "OIDC_RP_CLIENT_ID": "nutag",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://sso.example.mn/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://sso.example.mn/token",
    "OIDC_OP_USER_ENDPOINT": "https://sso.example.mn/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://sso.example.mn/jwks",
}


@pytest.fixture
def backend() -> Any:
    with override_settings(**OIDC):
        yield CitizenOIDCBackend()


@pytest.mark.django_db
def test_first_sign_in_creates_the_citizen_by_register_number(backend: Any) -> None:
    claims = {"register_number": "вю85031412", "family_name": "Дорж", "given_name": "Батболд"}
    assert backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    user = backend.create_user(claims)
    assert user.register_number == "ВЮ85031412" and user.is_citizen and user.full_name == "Дорж Батболд"
    assert list(backend.filter_users_by_claims(claims)) == [user]


@pytest.mark.django_db
def test_claims_without_a_valid_register_number_are_refused(backend: Any) -> None:
    assert not backend.verify_claims({"register_number": "12345"})
    assert not backend.verify_claims({})
    assert not User.objects.exists()


def test_the_backend_is_inert_when_no_provider_is_configured() -> None:
    assert CitizenOIDCBackend().authenticate(None, code="x", state="y") is None
