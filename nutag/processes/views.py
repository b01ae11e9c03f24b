"""Staff pages for process models: HTTP in, selector and service calls, pages out."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nutag.catalog.choices import VersionStatus
from nutag.catalog.models import Adoption, ServiceVersion
from nutag.core.errors import DomainError
from nutag.core.errors import PermissionDenied as DomainPermissionDenied
from nutag.core.permissions import visible_to
from nutag.processes import selectors
from nutag.processes.forms import ProcessUploadForm
from nutag.processes.models import ProcessModel
from nutag.processes.permissions import is_staff_member, may_see_variants_of, may_upload
from nutag.processes.services import process_model_upload
from nutag.territory.selectors import top_level_units

PAGE_SIZE = 50


def _require_staff(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _model_or_404(request: HttpRequest, pk: int) -> ProcessModel:
    try:
        return selectors.process_model_get_for_user(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None


def _upload(
    request: HttpRequest, form: ProcessUploadForm, owner: ServiceVersion | Adoption
) -> ProcessModel | None:
    """Run the upload service for a valid form; put a refusal on the form as its error."""
    upload = form.cleaned_data["file"]
    try:
        model = process_model_upload(
            owner=owner, file_name=upload.name or "", content=upload.read(), actor=request.user
        )
    except DomainPermissionDenied:
        raise PermissionDenied from None
    except DomainError as error:
        form.add_error("file", error.message)
        return None
    if model.is_executable:
        messages.success(request, _("The process model was stored; Nutag can run it."))
    else:
        messages.warning(
            request,
            _("The process model was stored but Nutag cannot run it: see the problems below."),
        )
    return model


@login_required
@require_GET
def reference_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    query = request.GET.get("q", "")[:60]
    executable = request.GET.get("executable", "")
    models = selectors.reference_processes_for_list(user=request.user, executable=executable, query=query)
    page = Paginator(models, PAGE_SIZE).get_page(request.GET.get("page"))
    drafts = selectors.draft_versions_for_upload(user=request.user)
    return render(
        request,
        "processes/reference_list.html",
        {"page": page, "query": query, "executable": executable, "drafts": drafts},
    )


@login_required
@require_GET
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    model = _model_or_404(request, pk)
    owner: ServiceVersion | Adoption = model.adoption if model.adoption else model.version  # type: ignore[assignment]
    can_upload = may_upload(request.user, owner)
    is_frozen = model.version is not None and model.version.status != VersionStatus.DRAFT
    return render(
        request,
        "processes/model_detail.html",
        {
            "model": model,
            "history": selectors.process_model_history(model),
            "form": ProcessUploadForm() if can_upload and not is_frozen else None,
            "is_frozen": is_frozen,
            "can_upload": can_upload,
        },
    )


@login_required
@require_GET
def model_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The original file, byte for byte, under its original name."""
    _require_staff(request)
    model = _model_or_404(request, pk)
    response = HttpResponse(model.original_bytes, content_type="application/xml")
    response["Content-Disposition"] = content_disposition_header(True, model.file_name)
    return response


@login_required
@require_GET
def model_svg(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    model = _model_or_404(request, pk)
    response = HttpResponse(model.svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, f"{model.file_name}.svg") or "inline"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def version_upload(request: HttpRequest, version_pk: int) -> HttpResponse:
    """Upload the reference process of a draft service version."""
    _require_staff(request)
    version = (
        visible_to(request.user, ServiceVersion.objects.select_related("service"))
        .filter(pk=version_pk)
        .first()
    )
    if version is None:
        raise Http404
    if not may_upload(request.user, version):
        raise PermissionDenied
    form = ProcessUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        model = _upload(request, form, version)
        if model is not None:
            return redirect("processes:model-detail", pk=model.pk)
    return render(
        request,
        "processes/version_upload.html",
        {
            "version": version,
            "form": form,
            "current": selectors.reference_model_for_version(version),
            "is_frozen": not version.is_editable,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def adoption_process(request: HttpRequest, adoption_pk: int) -> HttpResponse:
    """The process an adoption runs; its variant compared with the reference; upload of a variant."""
    _require_staff(request)
    adoption = (
        visible_to(request.user, Adoption.objects.select_related("service", "version", "territory"))
        .filter(pk=adoption_pk)
        .first()
    )
    if adoption is None or not may_see_variants_of(request.user, adoption):
        raise Http404
    can_upload = may_upload(request.user, adoption)
    form = ProcessUploadForm(request.POST or None, request.FILES or None) if can_upload else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and _upload(request, form, adoption) is not None:
            return redirect("processes:adoption-process", adoption_pk=adoption.pk)
    context: dict[str, Any] = {
        "adoption": adoption,
        "form": form,
        "variant": selectors.variant_for_adoption(adoption),
        "reference": selectors.reference_model_for_version(adoption.version),
        "comparison": selectors.adoption_comparison(adoption),
    }
    return render(
        request,
        "processes/adoption_process.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_GET
def variances(request: HttpRequest) -> HttpResponse:
    """Adoptions ranked by how far their process differs from the reference."""
    _require_staff(request)
    aimags = top_level_units()
    aimag = request.GET.get("aimag", "")
    if aimag not in {unit.code for unit in aimags}:
        aimag = ""
    only_variants = request.GET.get("variants") == "1"
    ranked = selectors.variances_ranked(request.user, aimag or None, only_variants=only_variants)
    page = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "processes/variances.html",
        {"page": page, "aimags": aimags, "aimag": aimag, "only_variants": only_variants},
    )
