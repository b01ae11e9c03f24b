"""Pages: the public verification page (by code, QR code or upload), downloading and printing a document,
revoking it, and the designer's template editor. Thin: forms in, services and selectors out."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nutag.accounts.models import acting_user
from nutag.catalog.models import ServiceVersion
from nutag.core.errors import DomainError, NotFound
from nutag.core.permissions import may
from nutag.results import rendering, selectors, services
from nutag.results.forms import RevokeForm, TemplateForm, VerifyForm
from nutag.results.models import ResultDocument, ResultTemplate


def client_of(request: HttpRequest) -> str:
    """The client's keyed address hash. REMOTE_ADDR only: behind a proxy, the proxy must set it (gunicorn's
    forwarded_allow_ips), since a client-sent X-Forwarded-For would let anyone dodge the limit."""
    return services.client_hash(request.META.get("REMOTE_ADDR", ""))


def _verification_page(
    request: HttpRequest, form: VerifyForm, verification: Any = None, status: int = 200
) -> HttpResponse:
    return render(request, "results/verify.html", {"form": form, "verification": verification}, status=status)


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and request.GET.get("code"):
        return redirect("results:verify-code", code=request.GET["code"].strip()[:32] or "-")
    if request.method == "GET":
        return _verification_page(request, VerifyForm())
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _verification_page(request, form, status=400)
    upload = form.cleaned_data.get("file")
    try:
        if upload is not None:
            verification = services.document_verify_upload(
                content=upload.read(services.MAX_UPLOAD_BYTES + 1), client=client_of(request)
            )
        else:
            return redirect("results:verify-code", code=form.cleaned_data["code"].strip())
    except DomainError as error:
        form.add_error("file", error.message)
        return _verification_page(request, form, status=error.status_code)
    return _verification_page(request, VerifyForm(), verification)


@require_http_methods(["GET"])
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    form = VerifyForm(initial={"code": code})
    try:
        verification = services.document_verify_code(code=code, client=client_of(request), with_records=True)
    except services.RateLimited as error:
        messages.error(request, error.message)
        return _verification_page(request, form, status=429)
    return _verification_page(request, form, verification)


def _document(request: HttpRequest, pk: int) -> ResultDocument:
    try:
        return selectors.document_get_for_user(user=request.user, pk=pk)
    except NotFound:
        from django.http import Http404

        raise Http404 from None


def _pdf(document: ResultDocument, *, inline: bool) -> FileResponse:
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not inline,
        filename=document.file_name,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET"])
def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = _document(request, pk)
    services.document_record_download(document=document, actor=acting_user(request))
    return _pdf(document, inline=False)


@login_required
@require_http_methods(["GET", "POST"])
def print_document(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = _document(request, pk)
    user = acting_user(request)
    if not may(user, "print", document):
        return render(request, "results/print.html", {"document": document, "refused": True}, status=403)
    if request.method == "POST":
        services.document_record_print(document=document, actor=user)
        return _pdf(document, inline=True)
    return render(request, "results/print.html", {"document": document})


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    user = acting_user(request)
    may_revoke = may(user, "revoke", document)
    form = RevokeForm(request.POST or None)
    status = 200 if may_revoke else 403
    if request.method == "POST" and may_revoke and form.is_valid():
        try:
            services.document_revoke(document=document, actor=user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status_code
        else:
            messages.success(request, _("The document is revoked. Verification now says so."))
            return redirect("results:revoke", pk=document.pk)
    elif request.method == "POST" and may_revoke:
        status = 400
    return render(
        request,
        "results/revoke.html",
        {"document": document, "form": form, "may_revoke": may_revoke},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, version_pk: int) -> HttpResponse:
    version = get_object_or_404(ServiceVersion.objects.select_related("service"), pk=version_pk)
    user = acting_user(request)
    template = selectors.template_for_version(version_id=version.pk)
    if not may(user, "edit", template or ResultTemplate(version=version)):
        return render(
            request, "results/template_form.html", {"version": version, "refused": True}, status=403
        )
    initial = {
        "title_mn": template.title_mn
        if template
        else version.result_name_mn or rendering.DEFAULT_TITLE["mn"],
        "body_mn": template.body_mn if template else rendering.DEFAULT_BODY["mn"],
        "title_en": template.title_en if template else version.result_name_en,
        "body_en": template.body_en if template else rendering.DEFAULT_BODY["en"],
        "is_english_issued": template.is_english_issued if template else False,
    }
    form = TemplateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.template_save(version=version, actor=user, **form.cleaned_data)
            except DomainError as error:
                for field, problems in error.details.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(request, _("The result template is saved."))
                return redirect("results:template-edit", version_pk=version.pk)
    placeholders = [(f"{{{{ {name} }}}}", label) for name, label in rendering.PLACEHOLDERS.items()]
    fields = [field["name"] for field in version.form]
    return render(
        request,
        "results/template_form.html",
        {"version": version, "form": form, "placeholders": placeholders, "fields": fields},
        status=status,
    )
