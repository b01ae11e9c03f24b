from collections.abc import Callable

import pyotp
import pytest
from django.test import Client
from django.test.utils import override_settings

from nutag.accounts.choices import Role
from nutag.accounts.models import User

PASSWORD = "correct-horse-battery"


@pytest.fixture
def officer(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.OFFICER, "gov-6401"), username="officer", password=PASSWORD)


def _login(client: Client, username: str, password: str) -> object:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_staff_sign_in_with_username_and_password(client: Client, officer: User) -> None:
    response = _login(client, "officer", PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert client.get("/workspace/").status_code == 200


def test_wrong_password_is_refused_with_a_message_that_does_not_say_which_part_was_wrong(
    client: Client, officer: User
) -> None:
    for username in ("officer", "nobody"):
        response = _login(client, username, "wrong")
        assert response.status_code == 200  # type: ignore[attr-defined]
        assert "Нэвтрэх нэр эсвэл нууц үг буруу байна." in response.content.decode()  # type: ignore[attr-defined]
    assert "_auth_user_id" not in client.session


@override_settings(NUTAG_LOGIN_MAX_FAILURES=3)
def test_repeated_failures_lock_the_account_even_for_the_right_password(
    client: Client, officer: User
) -> None:
    for _ in range(3):
        _login(client, "officer", "wrong")
    officer.refresh_from_db()
    assert officer.is_locked
    response = _login(client, "officer", PASSWORD)
    assert "Олон удаа буруу оролдлоо" in response.content.decode()  # type: ignore[attr-defined]
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_resets_the_failure_count(client: Client, officer: User) -> None:
    _login(client, "officer", "wrong")
    _login(client, "officer", PASSWORD)
    officer.refresh_from_db()
    assert officer.failed_login_count == 0


def test_second_factor_is_asked_when_enabled(client: Client, officer: User) -> None:
    officer.totp_secret = pyotp.random_base32()
    officer.is_totp_enabled = True
    officer.save()
    response = _login(client, "officer", PASSWORD)
    assert response["Location"].startswith("/accounts/login/code/")  # type: ignore[index]
    assert "_auth_user_id" not in client.session
    client.post("/accounts/login/code/", {"code": "000000"})
    assert "_auth_user_id" not in client.session
    client.post("/accounts/login/code/", {"code": pyotp.TOTP(officer.totp_secret).now()})
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_staff_can_turn_on_the_second_factor(client: Client, officer: User) -> None:
    client.force_login(officer)
    client.post("/accounts/second-factor/", {"begin": "1"})
    officer.refresh_from_db()
    assert officer.totp_secret and not officer.is_totp_enabled
    page = client.get("/accounts/second-factor/").content.decode()
    assert "<svg" in page
    client.post("/accounts/second-factor/", {"code": pyotp.TOTP(officer.totp_secret).now()})
    officer.refresh_from_db()
    assert officer.is_totp_enabled


def test_citizens_cannot_sign_in_with_a_password(client: Client, citizen: User) -> None:
    citizen.set_password(PASSWORD)
    citizen.save()
    _login(client, citizen.username, PASSWORD)
    assert "_auth_user_id" not in client.session


@override_settings(NUTAG_DEV_LOGIN=False)
def test_demo_citizen_login_does_not_exist_unless_enabled(client: Client) -> None:
    assert client.get("/accounts/dev-login/").status_code == 404


@override_settings(NUTAG_DEV_LOGIN=True)
def test_demo_citizen_login_signs_in_only_demo_citizens(
    client: Client, make_citizen: Callable[..., User]
) -> None:
    demo = make_citizen()
    User.objects.filter(pk=demo.pk).update(username="demo-citizen-x")
    client.post("/accounts/dev-login/", {"username": "demo-citizen-x"})
    assert client.session["_auth_user_id"] == str(demo.pk)
    other = Client()
    other.post("/accounts/dev-login/", {"username": "officer"})
    assert "_auth_user_id" not in other.session


def test_admin_is_for_platform_admins_only(client: Client, officer: User, platform_admin: User) -> None:
    client.force_login(officer)
    assert client.get("/admin/").status_code == 302
    client.force_login(platform_admin)
    assert client.get("/admin/").status_code == 200


def test_next_url_cannot_send_the_user_to_another_site(client: Client, officer: User) -> None:
    response = client.post(
        "/accounts/login/?next=https://evil.example/", {"username": "officer", "password": PASSWORD}
    )
    assert response["Location"] == "/"
