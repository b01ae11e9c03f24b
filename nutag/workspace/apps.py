from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "nutag.workspace"
    label = "workspace"
