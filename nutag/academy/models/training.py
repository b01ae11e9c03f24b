from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nutag.academy.choices import Audience, ParticipantKind
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit


class Programme(models.Model):
    """A training programme: who it is for, how long it takes and the staff roles it prepares for."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_mn = models.CharField(_("name (Mongolian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_mn = models.TextField(_("description (Mongolian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    length_hours = models.PositiveSmallIntegerField(_("length (hours)"))
    prepares_roles = models.JSONField(_("prepares for the roles"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_mn

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_mn


class VisitPlan(models.Model):
    """A tour of aimags by the trainers, such as the first round of November 2023."""

    name_mn = models.CharField(_("name (Mongolian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="visit_plan_dates")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_mn


class Visit(models.Model):
    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="visits")
    aimag = models.ForeignKey(
        TerritoryUnit, verbose_name=_("aimag"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["starts_on", "aimag__code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "aimag"], name="visit_plan_aimag_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="visit_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.aimag} {self.starts_on:%Y-%m-%d}"


class TrainingSession(models.Model):
    """One delivery of a programme: where (an aimag or soum, a place, or online), when, by whom, for how many."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="sessions"
    )
    territory = models.ForeignKey(
        TerritoryUnit, verbose_name=_("aimag or soum"), on_delete=models.PROTECT, related_name="+"
    )
    territory_path = models.CharField(max_length=64, editable=False, db_index=True)
    aimag_code = models.CharField(max_length=4, editable=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    # The trainer's organisation when the session was planned: the body that issues its certificates.
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="session_dates"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancellation_reason=""),
                name="session_cancelled_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["aimag_code", "starts_on"], name="session_aimag_idx")]

    def __str__(self) -> str:
        return f"{self.programme} — {self.territory} {self.starts_on:%Y-%m-%d}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Participant(models.Model):
    """A person registered for a session: a member of staff (by account) or a citizen without an account."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="participants")
    kind = models.CharField(_("kind"), max_length=10, choices=ParticipantKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # The organisation the person worked for when registered, so that admins see their own people.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation_path = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    registered_at = models.DateTimeField(_("registered at"))
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    certificate_code = models.CharField(
        _("certificate code"), max_length=16, unique=True, null=True, blank=True
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], condition=Q(user__isnull=False), name="participant_once"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(attended_at__isnull=False),
                name="participant_completed_after_attending",
            ),
        ]
        indexes = [
            models.Index(
                fields=["user", "completed_at"], condition=Q(user__isnull=False), name="participant_user_idx"
            )
        ]

    def __str__(self) -> str:
        return self.full_name
