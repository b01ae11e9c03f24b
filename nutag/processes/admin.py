from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from nutag.processes.models import ProcessModel, ProcessVariance


@admin.register(ProcessModel)
class ProcessModelAdmin(admin.ModelAdmin[ProcessModel]):
    """Read-only: process models change only through uploads (services.process_model_upload)."""

    list_display = [
        "id",
        "file_name",
        "version",
        "adoption",
        "number",
        "is_current",
        "is_executable",
        "uploaded_at",
    ]
    list_filter = ["is_executable", "is_current"]
    search_fields = ["file_name", "process_id", "version__service__code", "adoption__service__code"]
    list_select_related = ["version__service", "adoption__service", "adoption__territory"]
    exclude = ["bpmn_xml", "svg", "definition_json"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProcessVariance)
class ProcessVarianceAdmin(admin.ModelAdmin[ProcessVariance]):
    list_display = ["adoption", "variance", "change_count", "computed_at"]
    list_select_related = ["adoption__service", "adoption__territory"]
    ordering = ["-variance"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
