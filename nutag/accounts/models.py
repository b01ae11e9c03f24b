from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nutag.accounts.choices import Role, UserKind
from nutag.accounts.register_number import mask
from nutag.core.permissions import path_within
from nutag.organisations.models import Organisation


class User(AbstractUser):
    """A person who signs in: a citizen (identified by register number) or a member of staff (with roles)."""

    kind = models.CharField(_("kind"), max_length=10, choices=UserKind.choices, default=UserKind.CITIZEN)
    register_number = models.CharField(
        _("register number"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stored normalised: two Cyrillic capital letters and eight digits."),
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    home_territory = models.ForeignKey(
        "territory.TerritoryUnit",
        verbose_name=_("home soum or district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    preferred_language = models.CharField(_("language"), max_length=5, default="mn")
    totp_secret = models.CharField(max_length=64, blank=True, editable=False)
    is_totp_enabled = models.BooleanField(_("second factor enabled"), default=False)
    failed_login_count = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def masked_register_number(self) -> str:
        return mask(self.register_number or "")

    @property
    def is_citizen(self) -> bool:
        return self.kind == UserKind.CITIZEN

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()

    @cached_property
    def role_assignments(self) -> list["RoleAssignment"]:
        return list(
            RoleAssignment.objects.filter(user=self, is_active=True).select_related(
                "organisation__jurisdiction"
            )
        )

    @property
    def roles(self) -> set[str]:
        return {assignment.role for assignment in self.role_assignments}

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and (self.is_superuser or self.has_role(Role.PLATFORM_ADMIN))

    def scopes(self, *roles: str) -> list[str]:
        """Territory paths in which this user holds one of `roles` (through the organisation that holds it)."""
        return [a.organisation.territory_path for a in self.role_assignments if a.role in roles]

    def organisations_with(self, *roles: str) -> list[Organisation]:
        return [a.organisation for a in self.role_assignments if a.role in roles]

    def has_role_over(
        self, role: str, territory_path: str, *, organisation: Organisation | None = None
    ) -> bool:
        """Does the user hold `role` in an organisation whose jurisdiction covers `territory_path`?
        With `organisation`, the role must be held in that organisation or one above it."""
        for assignment in self.role_assignments:
            if assignment.role != role:
                continue
            if organisation is not None:
                if (
                    assignment.organisation_id == organisation.pk
                    or assignment.organisation_id == organisation.parent_id
                ):
                    return True
                continue
            if path_within(territory_path, assignment.organisation.territory_path):
                return True
        return False


class RoleAssignment(models.Model):
    """A staff role held in an organisation, and so within that organisation's territory."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    is_active = models.BooleanField(_("active"), default=True)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organisation"], name="role_assignment_unique"),
        ]
        indexes = [models.Index(fields=["organisation", "role"], name="role_org_role_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.organisation}"


def acting_user(request: Any) -> User:
    """The signed-in user of a request, for the services' `actor`; views reach it only behind login checks."""
    user = request.user
    if not isinstance(user, User):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return user


class UserSession(AbstractBaseSession):
    """A signed-in session with its user beside it: restoring a request's session and user is one query (see
    accounts.sessions), and deleting a user ends their sessions."""

    # No database constraint: a session written for a user deleted a moment before would fail its check at commit,
    # and Django's session store retries a failed new session forever. Deleting a user still deletes their
    # sessions (the ORM cascades), and a session whose user is gone restores nobody.
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    class Meta:
        verbose_name = _("sign-in session")
        verbose_name_plural = _("sign-in sessions")

    @classmethod
    def get_session_store_class(cls) -> Any:
        from nutag.accounts.sessions import SessionStore

        return SessionStore
