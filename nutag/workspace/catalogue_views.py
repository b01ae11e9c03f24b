"""Staff pages of the catalogue: designers keep reference services and versions; organisation admins adopt."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nutag.accounts.choices import Role
from nutag.catalog import schema, services
from nutag.catalog.choices import AdoptionStatus, VersionStatus
from nutag.catalog.models import CONTENT_FIELDS, Adoption, ReferenceService, ServiceVersion
from nutag.catalog.selectors import adoptions_behind, versions_compare
from nutag.core.errors import DomainError
from nutag.core.models import AuditEvent
from nutag.core.permissions import may, visible_to, within_paths
from nutag.core.text import search_terms
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit
from nutag.workspace.access import staff_required
from nutag.workspace.catalogue_forms import AdoptForm, AdoptionDetailsForm, VersionForm

DESIGNERS = (Role.DESIGNER,)
CATALOGUE_READERS = (Role.DESIGNER, Role.ANALYST, Role.ORG_ADMIN)


def _version(request: HttpRequest, code: str, number: int) -> ServiceVersion:
    service = get_object_or_404(ReferenceService, code=code)
    version = visible_to(request.user, service.versions.all()).filter(number=number).first()
    if version is None:
        raise Http404
    return version


@staff_required(*CATALOGUE_READERS)
def service_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    versions = visible_to(request.user, ServiceVersion.objects.select_related("service"))
    for term in search_terms(query):
        versions = versions.filter(search_text__contains=term)
    status = request.GET.get("status", "")
    if status in VersionStatus.values:
        versions = versions.filter(status=status)
    page = Paginator(versions.order_by("service__code", "-number"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/catalogue/service_list.html",
        {"page": page, "query": query, "status": status, "statuses": VersionStatus.choices},
    )


@staff_required(*CATALOGUE_READERS)
def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    service = get_object_or_404(ReferenceService.objects.select_related("current_version"), code=code)
    versions = list(visible_to(request.user, service.versions.all()).order_by("-number"))
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    problems = (
        schema.publish_problems({name: getattr(draft, name) for name in CONTENT_FIELDS}) if draft else []
    )
    history = AuditEvent.objects.filter(
        object_type="catalog.serviceversion", object_id__in=[str(v.pk) for v in versions]
    ).select_related("actor")[:30]
    return render(
        request,
        "workspace/catalogue/service_detail.html",
        {
            "service": service,
            "versions": versions,
            "draft": draft,
            "problems": problems,
            "history": history,
            "may_design": may(request.user, "change", versions[0]) if versions else False,
            "adoptions_count": service.adoptions.filter(status=AdoptionStatus.OFFERED).count(),
        },
    )


@staff_required(*DESIGNERS)
def version_edit(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = _version(request, code, number)
    if not version.is_editable:
        messages.error(
            request, _("Published and retired versions are frozen. Start a new draft to change the service.")
        )
        return redirect("workspace:catalogue-service", code=code)
    form = VersionForm(request.POST or None, initial=VersionForm.initial_from(version))
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(version=version, data=form.cleaned_data, actor=request.user)
        except DomainError as error:
            for problem in error.details.get("problems", [error.message]):
                form.add_error(None, problem)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("workspace:catalogue-service", code=code)
    return render(request, "workspace/catalogue/version_edit.html", {"form": form, "version": version})


@require_POST
@staff_required(*DESIGNERS)
def version_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    service = get_object_or_404(ReferenceService, code=code)
    try:
        if action == "draft":
            draft = services.version_start_draft(service=service, actor=request.user)
            return redirect("workspace:catalogue-version-edit", code=code, number=draft.number)
        version = _version(request, code, int(request.POST.get("number", "0")))
        if action == "publish":
            services.version_publish(version=version, actor=request.user)
            messages.success(request, _("Version %(number)s is published.") % {"number": version.number})
        elif action == "retire":
            services.version_retire(
                version=version, actor=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Version %(number)s is retired.") % {"number": version.number})
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
        for problem in error.details.get("problems", [])[1:]:
            messages.error(request, problem)
    return redirect("workspace:catalogue-service", code=code)


@staff_required(*CATALOGUE_READERS)
def version_compare(request: HttpRequest, code: str) -> HttpResponse:
    service = get_object_or_404(ReferenceService, code=code)
    numbers = sorted(visible_to(request.user, service.versions.all()).values_list("number", flat=True))
    try:
        older_number = int(request.GET.get("from") or (numbers[-2] if len(numbers) > 1 else numbers[0]))
        newer_number = int(request.GET.get("to") or numbers[-1])
    except (ValueError, IndexError):
        raise Http404 from None
    older, newer = _version(request, code, older_number), _version(request, code, newer_number)
    return render(
        request,
        "workspace/catalogue/version_compare.html",
        {
            "service": service,
            "older": older,
            "newer": newer,
            "numbers": numbers,
            "differences": versions_compare(older, newer),
        },
    )


def _own_territories(user: Any) -> list[TerritoryUnit]:
    if user.is_platform_admin:
        return list(TerritoryUnit.objects.exclude(level="national").order_by("path"))
    scopes = user.scopes(Role.ORG_ADMIN)
    return list(
        TerritoryUnit.objects.filter(within_paths(scopes, "path")).exclude(level="national").order_by("path")
    )


@staff_required(Role.ORG_ADMIN, Role.DESIGNER, Role.ANALYST)
def adoption_list(request: HttpRequest) -> HttpResponse:
    behind_only = request.GET.get("behind") == "1"
    if behind_only:
        adoptions = adoptions_behind(user=request.user)
    else:
        adoptions = visible_to(request.user, Adoption.objects.all(), "change")
    status = request.GET.get("status", "")
    if status in AdoptionStatus.values:
        adoptions = adoptions.filter(status=status)
    adoptions = adoptions.select_related("service__current_version", "version", "territory", "organisation")
    page = Paginator(adoptions.order_by("territory_path", "service__code"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "workspace/catalogue/adoption_list.html",
        {
            "page": page,
            "behind_only": behind_only,
            "status": status,
            "statuses": AdoptionStatus.choices,
        },
    )


@staff_required(Role.ORG_ADMIN)
def adoption_create(request: HttpRequest, code: str) -> HttpResponse:
    service = get_object_or_404(ReferenceService.objects.select_related("current_version"), code=code)
    version = service.current_version
    if version is None:
        raise Http404
    levels = {"aimag": ("aimag", "capital"), "soum": ("soum", "district")}[version.level]
    territories = [unit for unit in _own_territories(request.user) if unit.level in levels]
    organisations = Organisation.objects.filter(
        within_paths([unit.path for unit in territories], "territory_path")
    ).order_by("territory_path", "kind")[:500]
    form = AdoptForm(request.POST or None, initial={"channels": version.channels})
    territory_choices = [(unit.code, f"{unit.code} {unit}") for unit in territories]
    form.fields["territory"].choices = territory_choices  # type: ignore[attr-defined]
    organisation_choices = [(org.code, str(org)) for org in organisations]
    form.fields["organisation"].choices = organisation_choices  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adoption = services.adoption_create(
                version=version,
                territory=TerritoryUnit.objects.get(code=data["territory"]),
                organisation=Organisation.objects.get(code=data["organisation"]),
                actor=request.user,
                status=data["status"],
                channels=data["channels"],
                fee_mnt=data["fee_mnt"],
                service_norm_days=data["service_norm_days"],
            )
        except DomainError as error:
            for problem in error.details.get("problems", [error.message]):
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                _("%(place)s now has this service (%(status)s).")
                % {"place": adoption.territory, "status": adoption.get_status_display()},
            )
            return redirect("workspace:adoption-detail", pk=adoption.pk)
    return render(
        request,
        "workspace/catalogue/adoption_create.html",
        {"form": form, "service": service, "version": version},
    )


@staff_required(Role.ORG_ADMIN, Role.DESIGNER, Role.ANALYST)
def adoption_detail(request: HttpRequest, pk: int) -> HttpResponse:
    adoption = get_object_or_404(
        visible_to(
            request.user,
            Adoption.objects.select_related(
                "service__current_version", "version", "derived_from", "territory", "organisation"
            ),
        ),
        pk=pk,
    )
    may_change = may(request.user, "change", adoption)
    form = AdoptionDetailsForm(
        request.POST or None,
        initial={
            "channels": adoption.channels,
            "fee_mnt": adoption.fee_mnt,
            "service_norm_days": adoption.service_norm_days,
            "extra_documents": adoption.extra_documents,
            "extra_form_fields": adoption.extra_form_fields,
        },
    )
    if request.method == "POST" and may_change and form.is_valid():
        try:
            services.adoption_update(adoption=adoption, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            for problem in error.details.get("problems", [error.message]):
                form.add_error(None, problem)
        else:
            messages.success(request, _("The local details are saved."))
            return redirect("workspace:adoption-detail", pk=pk)
    current = adoption.service.current_version
    behind = current is not None and current.number > adoption.version.number
    return render(
        request,
        "workspace/catalogue/adoption_detail.html",
        {
            "adoption": adoption,
            "form": form,
            "may_change": may_change,
            "behind": behind,
            "current": current,
            "changes": versions_compare(adoption.version, current) if behind and current else [],
            "moves": services.STATUS_MOVES.get(AdoptionStatus(adoption.status), set()),
            "history": AuditEvent.objects.filter(
                object_type="catalog.adoption", object_id=str(adoption.pk)
            ).select_related("actor")[:50],
        },
    )


@require_POST
@staff_required(Role.ORG_ADMIN)
def adoption_action(request: HttpRequest, pk: int) -> HttpResponse:
    adoption = get_object_or_404(visible_to(request.user, Adoption.objects.all(), "change"), pk=pk)
    try:
        if request.POST.get("status"):
            services.adoption_set_status(
                adoption=adoption,
                status=request.POST["status"],
                actor=request.user,
                reason=request.POST.get("reason", ""),
            )
        elif request.POST.get("upgrade"):
            current = adoption.service.current_version
            assert current is not None
            services.adoption_update(adoption=adoption, actor=request.user, version=current)
            messages.success(
                request, _("The adoption now follows version %(number)s.") % {"number": current.number}
            )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("workspace:adoption-detail", pk=pk)
