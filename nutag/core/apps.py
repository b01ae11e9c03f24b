from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nutag.core"
    label = "core"
    verbose_name = "Nutag core"
