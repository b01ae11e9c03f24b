from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nutag.cases.models import Request
from nutag.catalog.models import ReferenceService


class ServiceRating(models.Model):
    """The applicant's rating of a completed request; service and aimag are copied for the per-aimag figures."""

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="rating")
    service = models.ForeignKey(ReferenceService, on_delete=models.PROTECT, related_name="+")
    aimag_code = models.CharField(max_length=4, editable=False)
    territory_path = models.CharField(max_length=64, editable=False)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"),
        ]
        indexes = [models.Index(fields=["service", "aimag_code"], name="rating_service_aimag_idx")]

    def __str__(self) -> str:
        return f"{self.request}: {self.score}"
