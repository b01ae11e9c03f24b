from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATIONAL = "national", _("Nation")
    AIMAG = "aimag", _("Aimag")
    CAPITAL = "capital", _("Capital city")
    SOUM = "soum", _("Soum")
    DISTRICT = "district", _("District")
    BAG = "bag", _("Bag")
    KHOROO = "khoroo", _("Khoroo")


TOP_LEVELS = (Level.AIMAG, Level.CAPITAL)
LOCAL_LEVELS = (Level.SOUM, Level.DISTRICT)
