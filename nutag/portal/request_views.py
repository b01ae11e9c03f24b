"""Applying and following a request: the citizen's own pages, also used by an operator applying on a citizen's
behalf (the request then records the operator and the assisted channel)."""

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, OuterRef, Prefetch, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nutag.academy.models import ServiceRating
from nutag.accounts.models import acting_user
from nutag.cases import answers, services
from nutag.cases.choices import DocumentRequestStatus, RequestStatus
from nutag.cases.forms import RequestedUploadForm, UploadForm, answers_form
from nutag.cases.models import AccessRecord, DocumentRequest, Request, RequestDocument, RequestEvent
from nutag.cases.selectors import (
    access_log_for_applicant,
    document_request_open,
    request_for_screen,
    requests_for_applicant,
)
from nutag.catalog.choices import AdoptionStatus, ServiceLevel
from nutag.catalog.models import Adoption, ReferenceService
from nutag.core.errors import DomainError
from nutag.core.permissions import may
from nutag.core.queries import Compiled
from nutag.territory.models import TerritoryUnit


def _request(request: HttpRequest, pk: int) -> Request:
    found = request_for_screen(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


def _adoption_for(service: ReferenceService, place: TerritoryUnit | None) -> Adoption | None:
    if place is None or service.current_version is None:
        return None
    path = (
        place.path
        if service.current_version.level == ServiceLevel.SOUM
        else ".".join(place.path.split(".")[:2])
    )
    return (
        Adoption.objects.filter(service=service, territory_path=path, status=AdoptionStatus.OFFERED)
        .select_related("version")
        .first()
    )


@login_required
def apply(request: HttpRequest, code: str) -> HttpResponse:
    """Start (or resume) the citizen's application for a service offered where they live."""
    user: Any = request.user
    if not user.is_citizen:
        return redirect(f"/workspace/assist/?service={code}")
    service = get_object_or_404(ReferenceService.objects.select_related("current_version"), code=code)
    place = TerritoryUnit.objects.filter(code=request.GET.get("soum", "")).first() or user.home_territory
    adoption = _adoption_for(service, place)
    if adoption is None:
        messages.error(
            request, _("This service is not offered where you live. See where it is offered below.")
        )
        return redirect("portal:service", code=code)
    draft = Request.objects.filter(applicant=user, adoption=adoption, status=RequestStatus.DRAFT).first()
    if draft is None:
        if request.method != "POST":
            return render(
                request,
                "portal/requests/apply_start.html",
                {"adoption": adoption, "token": secrets.token_urlsafe(16)},
            )
        draft = services.request_start(
            adoption=adoption, applicant=user, actor=user, idempotency_key=request.POST.get("token", "")[:80]
        )
    return redirect("portal:request-edit", pk=draft.pk)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _request(request, pk)
    if not may(request.user, "edit", found):
        return redirect("portal:request-detail", pk=pk)
    if found.status == RequestStatus.DOCUMENTS_REQUESTED:
        return redirect("portal:request-documents-requested", pk=pk)
    form = answers_form(
        found.adoption,
        request.POST if request.method == "POST" and "answers" in request.POST else None,
        initial=found.form_data,
    )
    upload = UploadForm(
        found.adoption,
        request.POST if "upload" in request.POST else None,
        request.FILES if "upload" in request.POST else None,
    )
    problems: dict[str, str] = {}
    if request.method == "POST" and "upload" in request.POST:
        if upload.is_valid():
            file = upload.cleaned_data["file"]
            try:
                services.request_attach_document(
                    request=found,
                    actor=acting_user(request),
                    code=upload.cleaned_data["code"],
                    name=file.name,
                    content=file.read(answers.MAX_UPLOAD_BYTES + 1),
                )
            except DomainError as error:
                upload.add_error("file", error.message)
            else:
                messages.success(request, _("The document is attached."))
                return redirect("portal:request-edit", pk=pk)
    elif request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", [])}
        try:
            problems = services.request_save_answers(
                request=found, actor=acting_user(request), form_data=data
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if "continue" in request.POST and not problems:
                return redirect("portal:request-check", pk=pk)
            for name, problem in problems.items():
                if name in form.fields:
                    form.add_error(name, problem)
            if "continue" not in request.POST:
                messages.success(request, _("Your answers are saved. You can come back and finish later."))
                return redirect("portal:request-edit", pk=pk)
    return render(
        request,
        "portal/requests/edit.html",
        {
            "found": found,
            "form": form,
            "upload": upload,
            "documents_needed": answers.documents_required(found.adoption),
            "documents": found.documents.all(),
        },
    )


@login_required
def check(request: HttpRequest, pk: int) -> HttpResponse:
    found = _request(request, pk)
    if request.method == "POST":
        try:
            found = services.request_submit(request=found, actor=acting_user(request))
        except DomainError as error:
            messages.error(request, error.message)
            for problem in error.details.values():
                messages.error(request, str(problem))
            return redirect("portal:request-edit", pk=pk)
        return redirect("portal:request-confirmation", pk=pk)
    if found.status not in (RequestStatus.DRAFT,):
        return redirect("portal:request-detail", pk=pk)
    rows = answers.display(found.adoption, found.form_data, get_language())
    return render(
        request,
        "portal/requests/check.html",
        {"found": found, "rows": rows, "documents": found.documents.all()},
    )


@login_required
def confirmation(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "portal/requests/confirmation.html", {"found": _request(request, pk)})


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    asked = Prefetch(
        "document_requests",
        queryset=DocumentRequest.objects.filter(status=DocumentRequestStatus.OPEN),
        to_attr="open_document_requests",
    )
    return render(
        request,
        "portal/requests/list.html",
        {"requests": requests_for_applicant(user=request.user).prefetch_related(asked)[:200]},
    )


# What the request page needs to decide who may see it and whether its cached part is still right; the rest
# (service, office, operator, timeline, documents, results, rating, access log) is read only when that part is
# rendered again (see `detail`).
_PAGE_FIELDS = (
    "number",
    "status",
    "version",
    "applicant_id",
    "operator_id",
    "organisation_id",
    "service_version_id",
    "closed_at",
)


def _newest(model: Any) -> Subquery:
    """The newest row of `model` about the request: every change to what the page shows adds one."""
    rows = model.objects.filter(request=OuterRef("pk")).values("request").annotate(newest=Max("id"))
    return Subquery(rows.values("newest"))


# Compiled once per process: this is the query behind every look at a request page.
_PAGE_QUERY = Compiled(
    lambda pk: (
        Request.objects.only(*_PAGE_FIELDS)
        .annotate(
            event_stamp=_newest(RequestEvent),
            access_stamp=_newest(AccessRecord),
            rating_stamp=_newest(ServiceRating),
        )
        .filter(pk=pk)
        .order_by()
    ),
    placeholders=[0],
)


def _request_for_page(request: HttpRequest, pk: int) -> Request:
    """The request, if the user may see it (404 otherwise: someone else's request does not exist for them), with
    the stamps of its newest event, access record and rating."""
    found = _PAGE_QUERY.first(pk)
    if found is None or not may(request.user, "view", found):
        raise Http404
    return found


def _request_shown(pk: int) -> Request:
    return Request.objects.select_related("service_version", "organisation", "operator").get(pk=pk)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The request page. Every change to what it shows is a new version of the request, a new event, access
    record or rating, so the page is cached under those stamps (with the language and the kind of viewer) and is
    never stale: a citizen checking their request costs one query beyond the session."""
    found = _request_for_page(request, pk)
    user: Any = request.user
    is_applicant = found.applicant_id == user.pk
    if not is_applicant:
        services.request_record_access(
            request=found, staff=user, what=_("request %(number)s") % {"number": found}
        )
    return render(
        request,
        "portal/requests/detail.html",
        {
            "found": found,
            # Read only when the cached part is rendered again (a template calls a callable it is given).
            "shown": SimpleLazyObject(lambda: _request_shown(found.pk)),
            "events": lambda: found.events.filter(is_visible_to_applicant=True).order_by("at", "id"),
            "documents": lambda: found.documents.only("id", "original_name").order_by("id"),
            "access_log": lambda: access_log_for_applicant(request=found)[:100],
            "is_applicant": is_applicant,
            "asked": SimpleLazyObject(lambda: document_request_open(request=found)),
            "viewer_kind": "applicant" if is_applicant else ("citizen" if user.is_citizen else "staff"),
        },
    )


@require_POST
@login_required
def resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _request(request, pk)
    try:
        services.request_resubmit(request=found, actor=acting_user(request))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:request-edit", pk=pk)
    messages.success(request, _("Your corrected request is sent."))
    return redirect("portal:request-detail", pk=pk)


@login_required
def document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """Files are outside the web root; they are served only to those who may see the request."""
    found = _request(request, pk)
    item = get_object_or_404(RequestDocument, pk=document_pk, request=found)
    user: Any = request.user
    if found.applicant_id != user.pk:
        services.request_record_access(
            request=found, staff=user, what=_("document %(name)s") % {"name": item.original_name}
        )
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@login_required
def requested_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The documents an officer asked for: upload each, then send them all; the request goes back to the officer."""
    found = _request(request, pk)
    asked = document_request_open(request=found)
    if asked is None or not may(request.user, "edit", found):
        return redirect("portal:request-detail", pk=pk)
    uploading = request.method == "POST" and "upload" in request.POST
    upload = RequestedUploadForm(
        asked.documents, request.POST if uploading else None, request.FILES if uploading else None
    )
    problems: list[str] = []
    if uploading and upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            services.request_attach_document(
                request=found,
                actor=acting_user(request),
                code=upload.cleaned_data["code"],
                name=file.name,
                content=file.read(answers.MAX_UPLOAD_BYTES + 1),
            )
        except DomainError as error:
            upload.add_error("file", error.message)
        else:
            messages.success(
                request, _("The document is attached. Send the documents when all are attached.")
            )
            return redirect("portal:request-documents-requested", pk=pk)
    elif request.method == "POST" and "send" in request.POST:
        try:
            services.request_send_documents(request=found, actor=acting_user(request))
        except DomainError as error:
            problems = [error.message, *[str(problem) for problem in error.details.values()]]
        else:
            messages.success(
                request, _("Thank you. The documents are sent to the officer handling your request.")
            )
            return redirect("portal:request-detail", pk=pk)
    files = {code: [d for d in found.documents.all() if d.code == code] for code in asked.codes}
    return render(
        request,
        "portal/requests/documents_requested.html",
        {
            "found": found,
            "asked": asked,
            "rows": [(document, files[document["code"]]) for document in asked.documents],
            "upload": upload,
            "problems": problems,
        },
    )
