from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "nutag.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from nutag.organisations import permissions  # noqa: F401
