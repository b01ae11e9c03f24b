from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "nutag.portal"
    label = "portal"
