from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "nutag.cases"
    label = "cases"
    verbose_name = _("Requests")

    def ready(self) -> None:
        from nutag.cases import permissions  # noqa: F401
