from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "nutag.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from nutag.accounts import permissions  # noqa: F401
