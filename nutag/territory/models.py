from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nutag.territory.choices import Level


class TerritoryUnit(models.Model):
    """A unit of Mongolia's administrative territory: the nation, an aimag or the capital, a soum or district,
    a bag or khoroo. `path` ("MN.65.6504") makes "this unit and everything under it" one indexed prefix query."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=64, unique=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=10, blank=True)
    name_mn = models.CharField(_("name (Mongolian)"), max_length=120)
    name_en = models.CharField(_("name (Latin)"), max_length=120)
    centre_mn = models.CharField(_("centre (Mongolian)"), max_length=120, blank=True)
    centre_en = models.CharField(_("centre (Latin)"), max_length=120, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=40, default="Asia/Ulaanbaatar")
    population = models.PositiveIntegerField(_("residents"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("territory unit")
        verbose_name_plural = _("territory units")
        ordering = ["path"]
        indexes = [models.Index(fields=["level", "code"], name="territory_level_code_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_mn

    @property
    def aimag_code(self) -> str:
        parts = self.path.split(".")
        return parts[1] if len(parts) > 1 else ""

    @property
    def is_top_level(self) -> bool:
        return self.level in (Level.AIMAG, Level.CAPITAL)

    def contains(self, other: "TerritoryUnit") -> bool:
        return other.path == self.path or other.path.startswith(self.path + ".")
