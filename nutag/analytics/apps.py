from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "nutag.analytics"
    label = "analytics"
    verbose_name = _("Remodelling insights")

    def ready(self) -> None:
        from nutag.analytics import permissions  # noqa: F401 - registers the policies
