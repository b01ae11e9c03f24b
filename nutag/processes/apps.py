from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "nutag.processes"
    label = "processes"
    verbose_name = _("Process models")

    def ready(self) -> None:
        from nutag.processes import permissions  # noqa: F401  (registers the policy)
