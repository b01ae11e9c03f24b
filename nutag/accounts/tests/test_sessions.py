"""Sessions are read together with their user (accounts.sessions); Django's checks of that user must all still
hold: an account switched off, a changed password, a deleted user or an expired session all sign the person out."""

import datetime
import io
from collections.abc import Callable

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nutag.accounts.choices import Role
from nutag.accounts.models import User, UserSession
from nutag.accounts.sessions import SessionStore

PASSWORD = "correct-horse-battery"


@pytest.fixture
def officer(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.OFFICER, "gov-6401"), username="officer", password=PASSWORD)


def _signed_in(officer: User) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": "officer", "password": PASSWORD}).status_code == 302
    assert client.get("/workspace/").status_code == 200
    return client


def _is_signed_out(client: Client) -> bool:
    response = client.get("/workspace/")
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_signing_in_keeps_the_user_beside_the_session_and_signing_out_ends_it(officer: User) -> None:
    client = _signed_in(officer)
    session = UserSession.objects.get(session_key=client.cookies["sessionid"].value)
    assert session.user_id == officer.pk

    client.post("/accounts/logout/")
    assert not UserSession.objects.filter(pk=session.pk).exists()
    assert _is_signed_out(client)


def test_a_switched_off_account_is_signed_out_at_its_next_request(officer: User) -> None:
    client = _signed_in(officer)
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert _is_signed_out(client)


def test_a_changed_password_signs_out_the_other_sessions(officer: User) -> None:
    client = _signed_in(officer)
    officer.set_password("another-long-password")
    officer.save()
    assert _is_signed_out(client)


def test_deleting_a_user_deletes_their_sessions(officer: User) -> None:
    client = _signed_in(officer)
    key = client.cookies["sessionid"].value
    officer.delete()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert _is_signed_out(client)


def test_an_expired_session_is_not_restored(officer: User) -> None:
    client = _signed_in(officer)
    UserSession.objects.filter(session_key=client.cookies["sessionid"].value).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _is_signed_out(client)


@pytest.mark.django_db(transaction=True)  # the write commits: a foreign key is checked at commit
def test_a_session_written_for_a_user_deleted_a_moment_before_is_saved_and_restores_nobody(
    officer: User,
) -> None:
    """A key rotated (login, password change) while the user is deleted elsewhere: the write must not fail the
    user's foreign key, which Django's session store would retry forever."""
    store = SessionStore()
    store[SESSION_KEY] = str(officer.pk)
    User.objects.filter(pk=officer.pk).delete()
    store.create()
    assert UserSession.objects.filter(session_key=store.session_key, user_id=officer.pk).exists()

    client = Client()
    client.cookies["sessionid"] = store.session_key
    assert _is_signed_out(client)


def test_the_expiry_job_deletes_expired_sessions_and_keeps_live_ones(officer: User) -> None:
    live = _signed_in(officer)
    expired = _signed_in(officer)
    UserSession.objects.filter(session_key=expired.cookies["sessionid"].value).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    out = io.StringIO()
    call_command("expire_sessions", stdout=out)
    assert "Deleted 1 expired sessions." in out.getvalue()
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [
        live.cookies["sessionid"].value
    ]
    assert live.get("/workspace/").status_code == 200
