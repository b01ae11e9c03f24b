from collections.abc import Callable

import pytest

from nutag.accounts.choices import Role
from nutag.accounts.models import RoleAssignment, User
from nutag.accounts.services import role_grant
from nutag.core.errors import PermissionDenied
from nutag.core.permissions import may, visible_to
from nutag.organisations.models import Organisation


def test_roles_hold_within_the_organisations_territory(officer_soum_a: User, admin_aimag: User) -> None:
    assert officer_soum_a.has_role_over(Role.OFFICER, "MN.64.6401")
    assert not officer_soum_a.has_role_over(Role.OFFICER, "MN.64.6404")
    assert not officer_soum_a.has_role_over(Role.OFFICER, "MN.64")
    assert admin_aimag.has_role_over(Role.ORG_ADMIN, "MN.64.6404")
    assert not admin_aimag.has_role_over(Role.ORG_ADMIN, "MN.44.4401")
    # "MN.6" must not be taken for a prefix of "MN.64"
    assert not admin_aimag.has_role_over(Role.ORG_ADMIN, "MN.640")


def test_one_person_may_hold_several_roles(make_staff: Callable[..., User]) -> None:
    user = make_staff((Role.OFFICER, "gov-6401"), (Role.SUPERVISOR, "gov-6404"))
    assert user.roles == {Role.OFFICER, Role.SUPERVISOR}
    assert user.has_role_over(Role.SUPERVISOR, "MN.64.6404")
    assert not user.has_role_over(Role.SUPERVISOR, "MN.64.6401")


def test_soum_admin_sees_the_staff_of_their_soum_only(
    admin_soum_b: User, officer_soum_a: User, officer_soum_b: User
) -> None:
    seen = set(visible_to(admin_soum_b, User.objects.all()).values_list("username", flat=True))
    assert "officer-b" in seen
    assert "officer-a" not in seen
    assert not may(admin_soum_b, "view", officer_soum_a)
    assert may(admin_soum_b, "view", officer_soum_b)


def test_officer_of_one_soum_cannot_see_the_staff_of_another(
    officer_soum_a: User, officer_soum_b: User
) -> None:
    assert set(visible_to(officer_soum_a, User.objects.all())) == {officer_soum_a}
    assert not may(officer_soum_a, "view", officer_soum_b)


def test_aimag_admin_sees_staff_of_every_soum_of_the_aimag(
    admin_aimag: User, officer_soum_a: User, officer_soum_b: User, admin_other_aimag: User
) -> None:
    seen = set(visible_to(admin_aimag, User.objects.all()))
    assert {officer_soum_a, officer_soum_b} <= seen
    assert admin_other_aimag not in seen


def test_organisation_admin_grants_operational_roles_in_their_territory_only(
    admin_soum_b: User, make_staff: Callable[..., User]
) -> None:
    newcomer = make_staff()
    role_grant(
        actor=admin_soum_b,
        user=newcomer,
        role=Role.OFFICER,
        organisation=Organisation.objects.get(code="gov-6404"),
    )
    assert newcomer.assignments.count() == 1
    with pytest.raises(PermissionDenied):
        role_grant(
            actor=admin_soum_b,
            user=newcomer,
            role=Role.OFFICER,
            organisation=Organisation.objects.get(code="gov-6401"),
        )
    with pytest.raises(PermissionDenied):
        role_grant(
            actor=admin_soum_b,
            user=newcomer,
            role=Role.DESIGNER,
            organisation=Organisation.objects.get(code="gov-6404"),
        )
    assert RoleAssignment.objects.filter(user=newcomer).count() == 1


def test_platform_admin_sees_everyone(
    platform_admin: User, officer_soum_a: User, officer_soum_b: User
) -> None:
    assert {officer_soum_a, officer_soum_b} <= set(visible_to(platform_admin, User.objects.all()))


def test_inactive_users_may_do_nothing(officer_soum_a: User) -> None:
    officer_soum_a.is_active = False
    assert not may(officer_soum_a, "view", officer_soum_a)
    assert not visible_to(officer_soum_a, User.objects.all()).exists()
