from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "nutag.academy"
    label = "academy"
    verbose_name = _("Academy: training and surveys")

    def ready(self) -> None:
        from nutag.academy import permissions  # noqa: F401
        from nutag.academy.certificates import certificate_resolve
        from nutag.results.registry import register_code_resolver

        register_code_resolver(certificate_resolve)
