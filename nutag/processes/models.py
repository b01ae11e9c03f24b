"""Stored process models: the BPMN files of reference processes and local variants, and each adoption's
process variance. The engine's compiled definition is kept once per model version (``definition_json``);
request instances (a later issue) store only their state and the ``spec_hash`` of the model they run."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nutag.catalog.models import Adoption, ServiceVersion


class ProcessModel(models.Model):
    """One uploaded BPMN file: the reference process of a service version, or the variant of an adoption.

    Each owner numbers its files 1, 2, 3...; the newest is current (the one in use). Files that Nutag cannot
    run are stored too, drawn, and marked not executable with every reason in ``problems``."""

    version = models.ForeignKey(
        ServiceVersion,
        verbose_name=_("service version"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="process_models",
    )
    adoption = models.ForeignKey(
        Adoption,
        verbose_name=_("adoption"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="process_models",
    )
    number = models.PositiveIntegerField(_("model version"))
    is_current = models.BooleanField(_("in use"), default=True)
    file_name = models.CharField(_("file name"), max_length=200)
    # The original bytes, exactly as uploaded, so that a download gives back the same file.
    bpmn_xml = models.BinaryField(_("BPMN file"))
    process_id = models.CharField(_("process id"), max_length=200, blank=True)
    process_name = models.CharField(_("process name"), max_length=300, blank=True)
    is_executable = models.BooleanField(_("executable"), default=False)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    # NULL when the model is not executable: there is no definition, not an empty one.
    definition_json = models.TextField(_("compiled definition"), null=True, blank=True)  # noqa: DJ001
    spec_hash = models.CharField(_("definition hash"), max_length=64, blank=True, db_index=True)
    svg = models.TextField(_("drawing"), blank=True)
    element_count = models.PositiveIntegerField(_("elements"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("process model")
        verbose_name_plural = _("process models")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(version__isnull=False) & Q(adoption__isnull=True))
                | (Q(version__isnull=True) & Q(adoption__isnull=False)),
                name="process_model_one_owner",
            ),
            models.UniqueConstraint(
                fields=["version", "number"],
                condition=Q(version__isnull=False),
                name="process_model_reference_number_unique",
            ),
            models.UniqueConstraint(
                fields=["adoption", "number"],
                condition=Q(adoption__isnull=False),
                name="process_model_variant_number_unique",
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(is_current=True, version__isnull=False),
                name="process_model_one_current_reference",
            ),
            models.UniqueConstraint(
                fields=["adoption"],
                condition=Q(is_current=True, adoption__isnull=False),
                name="process_model_one_current_variant",
            ),
        ]

    def __str__(self) -> str:
        owner = self.version if self.version_id else self.adoption
        return f"{owner} — {self.file_name} #{self.number}"

    @property
    def is_variant(self) -> bool:
        return self.adoption_id is not None

    @property
    def original_bytes(self) -> bytes:
        """The file as uploaded (PostgreSQL hands binary columns back as memoryview)."""
        return bytes(self.bpmn_xml)

    @property
    def territory_path(self) -> str:
        return self.adoption.territory_path if self.adoption_id and self.adoption else ""

    def _count(self, severity: str) -> int:
        return sum(1 for problem in self.problems if problem.get("severity") == severity)

    @property
    def error_count(self) -> int:
        return self._count("error")

    @property
    def warning_count(self) -> int:
        return self._count("warning")

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [problem for problem in self.problems if problem.get("severity") == "error"]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return [problem for problem in self.problems if problem.get("severity") != "error"]


class ProcessVariance(models.Model):
    """How far an adoption's own process (its variant) differs from the reference process of its version.
    An adoption without a variant runs the reference: its variance is 0 and it has no row here."""

    adoption = models.OneToOneField(
        Adoption, verbose_name=_("adoption"), on_delete=models.CASCADE, related_name="process_variance"
    )
    reference = models.ForeignKey(
        ProcessModel,
        verbose_name=_("reference process"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    variant = models.ForeignKey(
        ProcessModel, verbose_name=_("variant"), on_delete=models.CASCADE, related_name="+"
    )
    variance = models.FloatField(_("process variance"), default=0.0)
    change_count = models.PositiveIntegerField(_("changes"), default=0)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        verbose_name = _("process variance")
        verbose_name_plural = _("process variances")
        indexes = [models.Index(fields=["-variance"], name="process_variance_rank_idx")]

    def __str__(self) -> str:
        return f"{self.adoption_id}: {self.variance}"
