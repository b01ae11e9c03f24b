from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "nutag.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self) -> None:
        from nutag.territory import permissions  # noqa: F401
