from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nutag.catalog.choices import (
    AdoptionStatus,
    Applicant,
    Category,
    LifeEvent,
    ProcessKind,
    ResolverKind,
    ResultKind,
    ServiceLevel,
    VersionStatus,
)
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit

# The fields of a version that make up "what the service is": compared between versions, exported, imported.
CONTENT_FIELDS = [
    "name_mn",
    "name_en",
    "description_mn",
    "description_en",
    "category",
    "life_event",
    "applicant",
    "level",
    "resolver_kind",
    "legal_basis_mn",
    "legal_basis_en",
    "documents",
    "form",
    "fee_mnt",
    "fee_is_locally_adjustable",
    "statutory_deadline_days",
    "service_norm_days",
    "result",
    "result_name_mn",
    "result_name_en",
    "channels",
    "process_kind",
    "is_real_name",
    "source",
]


class ReferenceService(models.Model):
    """The national reference model of one local service, across its versions. The code never changes."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The newest published version, kept here so that lists and the coverage matrix need no subquery.
    current_version = models.ForeignKey(
        "ServiceVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reference service")
        verbose_name_plural = _("reference services")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ServiceVersion(models.Model):
    service = models.ForeignKey(
        ReferenceService, verbose_name=_("service"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    name_mn = models.CharField(_("name (Mongolian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    description_mn = models.TextField(_("description (Mongolian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    life_event = models.CharField(_("life event"), max_length=30, choices=LifeEvent.choices)
    applicant = models.CharField(_("who may apply"), max_length=10, choices=Applicant.choices)
    level = models.CharField(_("level"), max_length=10, choices=ServiceLevel.choices)
    resolver_kind = models.CharField(_("resolved by"), max_length=30, choices=ResolverKind.choices)
    legal_basis_mn = models.TextField(_("legal basis (Mongolian)"), blank=True)
    legal_basis_en = models.TextField(_("legal basis (English)"), blank=True)
    documents = models.JSONField(_("required documents"), default=list, blank=True)
    form = models.JSONField(_("application form"), default=list, blank=True)
    fee_mnt = models.PositiveIntegerField(_("fee (₮)"), default=0)
    fee_is_locally_adjustable = models.BooleanField(_("aimags and soums may set the fee"), default=False)
    statutory_deadline_days = models.PositiveSmallIntegerField(_("statutory deadline (working days)"))
    service_norm_days = models.PositiveSmallIntegerField(_("service norm (working days)"))
    result = models.CharField(_("result"), max_length=10, choices=ResultKind.choices)
    result_name_mn = models.CharField(_("result name (Mongolian)"), max_length=200, blank=True)
    result_name_en = models.CharField(_("result name (English)"), max_length=200, blank=True)
    channels = models.JSONField(_("channels"), default=list)
    process_kind = models.CharField(_("process"), max_length=30, choices=ProcessKind.choices)
    is_real_name = models.BooleanField(_("real E-Mongolia service name"), default=False)
    source = models.CharField(_("source of the name"), max_length=300, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("service version")
        verbose_name_plural = _("service versions")
        ordering = ["service__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["service"], condition=Q(status="draft"), name="version_one_draft_per_service"
            ),
            models.CheckConstraint(
                condition=Q(service_norm_days__lte=models.F("statutory_deadline_days")),
                name="version_norm_within_statutory_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.code} v{self.number}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_mn

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_mn

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Adoption(models.Model):
    """An aimag or soum offers a published version of a reference service, through one of its organisations,
    with its local differences."""

    service = models.ForeignKey(
        ReferenceService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="adoptions"
    )
    version = models.ForeignKey(
        ServiceVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="adoptions"
    )
    derived_from = models.ForeignKey(
        ServiceVersion, verbose_name=_("first adopted from"), on_delete=models.PROTECT, related_name="+"
    )
    territory = models.ForeignKey(
        TerritoryUnit, verbose_name=_("aimag or soum"), on_delete=models.PROTECT, related_name="adoptions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("delivering organisation"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AdoptionStatus.choices, default=AdoptionStatus.PLANNED
    )
    channels = models.JSONField(_("channels"), default=list)
    fee_mnt = models.PositiveIntegerField(_("local fee (₮)"), null=True, blank=True)
    service_norm_days = models.PositiveSmallIntegerField(
        _("local service norm (working days)"), null=True, blank=True
    )
    extra_documents = models.JSONField(_("extra documents"), default=list, blank=True)
    extra_form_fields = models.JSONField(_("extra form fields"), default=list, blank=True)
    note_mn = models.TextField(_("note (Mongolian)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    territory_path = models.CharField(max_length=64, editable=False)
    aimag_code = models.CharField(max_length=4, editable=False)
    # How far the adoption differs from its version: the number of local differences (see variance.py).
    variance = models.PositiveSmallIntegerField(_("local differences"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["territory_path", "service__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "territory"], name="adoption_one_per_service_and_territory"
            ),
        ]
        indexes = [
            models.Index(fields=["aimag_code", "status", "service"], name="adoption_coverage_idx"),
            models.Index(fields=["territory_path"], name="adoption_territory_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service.code} @ {self.territory.code}"

    @property
    def effective_fee_mnt(self) -> int:
        return self.version.fee_mnt if self.fee_mnt is None else self.fee_mnt

    @property
    def effective_norm_days(self) -> int:
        return self.version.service_norm_days if self.service_norm_days is None else self.service_norm_days


class CoverageCell(models.Model):
    """Read model: one reference service in one aimag — how many of its units offer it, on which versions, and
    how far they differ. Kept up to date by the adoption services, so the coverage matrix is one indexed read
    however many adoptions there are."""

    service = models.ForeignKey(ReferenceService, on_delete=models.CASCADE, related_name="coverage_cells")
    aimag_code = models.CharField(max_length=4)
    offering_units = models.PositiveIntegerField(default=0)
    lowest_version = models.PositiveIntegerField(default=0)
    highest_version = models.PositiveIntegerField(default=0)
    max_variance = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "aimag_code"], name="coverage_cell_unique")]
        indexes = [models.Index(fields=["aimag_code", "service"], name="coverage_aimag_idx")]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.aimag_code}: {self.offering_units}"
