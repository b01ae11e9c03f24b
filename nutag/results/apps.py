from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "nutag.results"
    label = "results"
    verbose_name = _("Result documents")

    def ready(self) -> None:
        from nutag.cases import runtime
        from nutag.results import permissions  # noqa: F401
        from nutag.results.services import document_issue_hook

        if document_issue_hook not in runtime.SERVICE_TASK_HOOKS.get("issue-result", []):
            runtime.register_service_task_hook("issue-result", document_issue_hook)
