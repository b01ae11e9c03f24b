"""Staff pages to export the catalogue and to import it back: upload, pre-check report, confirm, result."""

import json
import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from nutag.accounts.choices import Role
from nutag.catalog import transfer
from nutag.core.errors import DomainError
from nutag.workspace.access import staff_required

IMPORTERS = (Role.DESIGNER, Role.ORG_ADMIN)
SESSION_KEY = "catalogue_transfer_pending"
MAX_PENDING_CHARS = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Catalogue file"),
        help_text=gettext_lazy("A JSON or XLSX file exported from Nutag, at most 10 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > transfer.MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class ExportForm(forms.Form):
    service = forms.CharField(
        label=gettext_lazy("Service code"), max_length=40, help_text=gettext_lazy("For example LAND-001")
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=[("json", "JSON"), ("xlsx", "XLSX")])


def export_response(*, actor: Any, service_code: str, kind: str) -> HttpResponse:
    """The export as a download."""
    exported = transfer.catalogue_export_file(actor=actor, service_code=service_code, kind=kind)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@staff_required(*IMPORTERS)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalog/transfer_index.html",
        {"upload_form": UploadForm(), "export_form": ExportForm(initial={"format": "json"})},
    )


@require_GET
@staff_required(*IMPORTERS)
def export(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("format", "json")
    service_code = request.GET.get("service", "").strip().upper()[:40]
    try:
        return export_response(actor=request.user, service_code=service_code, kind=kind)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("catalogue-transfer:index")


@require_POST
@staff_required(*IMPORTERS)
def check(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    report = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = transfer.read_file(upload.read(), upload.name)
            report = transfer.precheck(data, request.user)
        except DomainError as error:
            for problem in error.details.get("problems", [error.message]):
                form.add_error("file", problem)
        else:
            token = ""
            serialised = json.dumps(data, ensure_ascii=False)
            if report.ok and report.has_changes:
                if len(serialised) > MAX_PENDING_CHARS:
                    form.add_error(
                        "file", _("The catalogue is too large to import from this page; use the API.")
                    )
                    report = None
                else:
                    token = secrets.token_urlsafe(16)
                    request.session[SESSION_KEY] = {"token": token, "data": serialised, "name": upload.name}
            if report is not None:
                return render(
                    request,
                    "catalog/transfer_report.html",
                    {"report": report, "token": token, "filename": upload.name, "applied": False},
                )
    return render(
        request,
        "catalog/transfer_index.html",
        {"upload_form": form, "export_form": ExportForm(initial={"format": "json"})},
        status=400,
    )


@require_POST
@staff_required(*IMPORTERS)
def confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending.get("token", ""), request.POST.get("token", "")):
        messages.error(request, _("This pre-check is no longer available; upload the file again."))
        return redirect("catalogue-transfer:index")
    del request.session[SESSION_KEY]
    try:
        report = transfer.apply(json.loads(pending["data"]), request.user)
    except DomainError as error:
        details_report = error.details.get("report")
        if details_report is None:
            messages.error(request, error.message)
            return redirect("catalogue-transfer:index")
        messages.error(request, error.message)
        report = transfer.Report(
            created=details_report["created"],
            updated=details_report["updated"],
            unchanged=details_report["unchanged"],
            rejected=[(item["what"], item["reason"]) for item in details_report["rejected"]],
        )
        return render(
            request,
            "catalog/transfer_report.html",
            {"report": report, "token": "", "filename": pending["name"], "applied": False},
            status=400,
        )
    messages.success(request, _("The catalogue file is imported."))
    return render(
        request,
        "catalog/transfer_report.html",
        {"report": report, "token": "", "filename": pending["name"], "applied": True},
    )
