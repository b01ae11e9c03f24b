from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nutag.organisations.choices import Department, OrganisationKind
from nutag.territory.models import TerritoryUnit


class Organisation(models.Model):
    """A government organisation that delivers services, with its jurisdiction in the territory."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_mn = models.CharField(_("name (Mongolian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    department = models.CharField(_("department"), max_length=30, choices=Department.choices, blank=True)
    jurisdiction = models.ForeignKey(
        TerritoryUnit, verbose_name=_("jurisdiction"), on_delete=models.PROTECT, related_name="organisations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    # Denormalised from the jurisdiction so that scoping by territory is a prefix filter on one table.
    territory_path = models.CharField(max_length=64, editable=False, db_index=True)
    search_text = models.TextField(editable=False, default="")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["territory_path", "kind", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="aimag_department") | ~models.Q(department=""),
                name="organisation_department_required",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_mn
