"""Shared test set-up: Mongolia's real territory and demo organisations in the test database, and personas."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches

from nutag.accounts.choices import Role, UserKind
from nutag.accounts.models import RoleAssignment, User
from nutag.organisations.demo import organisations_demo_load
from nutag.organisations.models import Organisation
from nutag.territory.loader import territory_load
from nutag.territory.models import TerritoryUnit

# Soum A and soum B are two soums of one aimag (Bayankhongor); the other aimag is Dornogovi.
SOUM_A, SOUM_B, OTHER_AIMAG_SOUM = "6401", "6404", "4401"
AIMAG, OTHER_AIMAG = "64", "44"


def _ensure_reference_data() -> None:
    if not Organisation.objects.filter(code="gov-6401").exists():
        territory_load()
        organisations_demo_load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        _ensure_reference_data()


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Each test starts with empty caches: its database rows may reuse ids of an earlier test's rows, which would
    otherwise find that test's cached page fragments and rate-limit counters."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def world(db: Any) -> None:
    """Territory and organisations; reloaded if a transactional test flushed them."""
    _ensure_reference_data()


@pytest.fixture
def make_staff(world: None) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(*roles: tuple[str, str], username: str = "", password: str = "correct-horse-battery") -> User:
        user = User.objects.create_user(
            username=username or f"staff{next(counter)}",
            password=password,
            kind=UserKind.STAFF,
            full_name="Test Staff",
        )
        for role, organisation_code in roles:
            RoleAssignment.objects.create(
                user=user, role=role, organisation=Organisation.objects.get(code=organisation_code)
            )
        return user

    return make


@pytest.fixture
def make_citizen(world: None) -> Callable[..., User]:
    def make(register_number: str = "ВЮ85031412", soum: str = SOUM_A) -> User:
        return User.objects.create_user(
            username=f"citizen-{register_number}",
            kind=UserKind.CITIZEN,
            register_number=register_number,
            full_name="Test Citizen",
            home_territory=TerritoryUnit.objects.get(code=soum),
        )

    return make


@pytest.fixture
def officer_soum_a(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.OFFICER, f"gov-{SOUM_A}"), username="officer-a")


@pytest.fixture
def officer_soum_b(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.OFFICER, f"gov-{SOUM_B}"), username="officer-b")


@pytest.fixture
def supervisor_soum_a(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.SUPERVISOR, f"gov-{SOUM_A}"), username="supervisor-a")


@pytest.fixture
def operator_soum_a(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.OPERATOR, f"gov-{SOUM_A}"), username="operator-a")


@pytest.fixture
def admin_aimag(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.ORG_ADMIN, f"gov-{AIMAG}"), username="admin-aimag")


@pytest.fixture
def admin_soum_b(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.ORG_ADMIN, f"gov-{SOUM_B}"), username="admin-soum-b")


@pytest.fixture
def admin_other_aimag(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.ORG_ADMIN, f"gov-{OTHER_AIMAG}"), username="admin-other-aimag")


@pytest.fixture
def designer(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.DESIGNER, "e-mongolia-academy"), username="designer")


@pytest.fixture
def analyst(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.ANALYST, "e-mongolia-academy"), username="analyst")


@pytest.fixture
def platform_admin(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.PLATFORM_ADMIN, "nutag-platform"), username="platform-admin")


@pytest.fixture
def citizen(make_citizen: Callable[..., User]) -> User:
    return make_citizen()
