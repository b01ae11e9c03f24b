from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "nutag.demo"
    label = "demo"
