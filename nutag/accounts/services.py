"""Writes for people and roles: sign-in checks with lockout, the second factor, role grants."""

import datetime

import pyotp
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.accounts.choices import Role, UserKind
from nutag.accounts.models import RoleAssignment, User
from nutag.accounts.register_number import parse as parse_register_number
from nutag.core import audit
from nutag.core.errors import DomainError, PermissionDenied, ValidationFailed
from nutag.organisations.models import Organisation

# Checked against when the username is unknown, so that a wrong username costs as long as a wrong password.
_DUMMY_HASH = make_password("nutag-timing-equaliser")


class LoginRefused(DomainError):
    status_code = 401
    code = "login_refused"


def _register_failure(user: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
    user.refresh_from_db(fields=["failed_login_count"])
    if user.failed_login_count >= settings.NUTAG_LOGIN_MAX_FAILURES:
        until = timezone.now() + datetime.timedelta(minutes=settings.NUTAG_LOGIN_LOCKOUT_MINUTES)
        User.objects.filter(pk=user.pk).update(locked_until=until, failed_login_count=0)
        audit.record(actor=None, action="user.locked", obj=user, after={"locked_until": until.isoformat()})


def staff_password_check(*, username: str, password: str) -> User:
    """The staff member with these credentials, or LoginRefused. Repeated failures lock the account."""
    user = User.objects.filter(username=username, kind=UserKind.STAFF).first()
    if user is None:
        check_password(password, _DUMMY_HASH)
        raise LoginRefused(_("The username or password is not right."))
    if user.is_locked:
        raise LoginRefused(_("Too many failed attempts. Try again later or ask your organisation admin."))
    if not user.is_active or not user.check_password(password):
        _register_failure(user)
        raise LoginRefused(_("The username or password is not right."))
    return user


def staff_second_factor_check(*, user: User, code: str) -> None:
    if user.is_locked:
        raise LoginRefused(_("Too many failed attempts. Try again later or ask your organisation admin."))
    if not pyotp.TOTP(user.totp_secret).verify(code.strip().replace(" ", ""), valid_window=1):
        _register_failure(user)
        raise LoginRefused(_("The code is not right. Check the time on your phone and try again."))


def login_succeeded(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None, last_login=timezone.now())


def totp_begin(*, user: User) -> str:
    """A new secret for the user's authenticator app; the factor is enabled only after a code is confirmed."""
    secret = pyotp.random_base32()
    user.totp_secret = secret
    user.is_totp_enabled = False
    user.save(update_fields=["totp_secret", "is_totp_enabled"])
    return secret


def totp_confirm(*, user: User, code: str) -> None:
    if not user.totp_secret or not pyotp.TOTP(user.totp_secret).verify(code.strip(), valid_window=1):
        raise ValidationFailed(_("The code is not right. Check the time on your phone and try again."))
    user.is_totp_enabled = True
    user.save(update_fields=["is_totp_enabled"])
    audit.record(actor=user, action="user.second_factor_enabled", obj=user)


def totp_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name="Nutag")


@transaction.atomic
def citizen_get_or_create(
    *, register_number: str, full_name: str = "", home_territory: object = None
) -> User:
    """The citizen account for a register number (normalised), created on first sign-in or first assisted request."""
    number = parse_register_number(register_number).value
    user = User.objects.filter(register_number=number).first()
    if user is not None:
        return user
    return User.objects.create(
        username=f"citizen-{number}",
        kind=UserKind.CITIZEN,
        register_number=number,
        full_name=full_name,
        home_territory=home_territory,  # type: ignore[misc]
    )


@transaction.atomic
def role_grant(*, actor: User | None, user: User, role: str, organisation: Organisation) -> RoleAssignment:
    """Give `user` a staff role in `organisation`. Platform admins grant anything; organisation admins grant
    operational roles inside their own territory."""
    if role not in Role.values:
        raise ValidationFailed(_("Unknown role."))
    if actor is not None and not actor.is_platform_admin:
        operational = {Role.OPERATOR, Role.OFFICER, Role.SUPERVISOR}
        if role not in operational or not actor.has_role_over(Role.ORG_ADMIN, organisation.territory_path):
            raise PermissionDenied(_("You may not grant this role here."))
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, organisation=organisation
    )
    if not created and not assignment.is_active:
        assignment.is_active = True
        assignment.save(update_fields=["is_active"])
        created = True
    if user.kind != UserKind.STAFF:
        user.kind = UserKind.STAFF
        user.save(update_fields=["kind"])
    if created:
        audit.record(
            actor=actor,
            action="role.granted",
            obj=assignment,
            after={"role": role, "organisation": organisation.code},
            territory_path=organisation.territory_path,
        )
    return assignment
