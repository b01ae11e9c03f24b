"""Staff pages of requests: the officer's queue and request screen, the operator's assisted application, the
supervisor's overdue list."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timeuntil
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nutag.accounts.choices import Role
from nutag.accounts.models import User, acting_user
from nutag.accounts.register_number import InvalidRegisterNumber
from nutag.accounts.services import citizen_get_or_create
from nutag.cases import answers, services
from nutag.cases.choices import Channel, RequestStatus
from nutag.cases.forms import (
    ActionForm,
    ConsultationAnswerForm,
    ConsultationAskForm,
    DocumentsAskForm,
    FindCitizenForm,
    PaymentForm,
)
from nutag.cases.models import Consultation, Request, RequestDocument, WorkItem
from nutag.cases.selectors import (
    consultation_for_screen,
    consultation_targets,
    consultations_for_office,
    consultations_for_request,
    document_requests_for_request,
    overdue_for_supervisor,
    overdue_requests,
    queue_for,
    request_for_screen,
)
from nutag.catalog.choices import AdoptionStatus, ServiceLevel
from nutag.catalog.models import Adoption
from nutag.core.errors import DomainError
from nutag.core.permissions import may, visible_to
from nutag.organisations.models import Organisation
from nutag.payments.models import Invoice
from nutag.payments.services import invoice_record_cash
from nutag.workspace.access import staff_required


@staff_required(Role.OFFICER, Role.SUPERVISOR)
def queue(request: HttpRequest) -> HttpResponse:
    mine, overdue = request.GET.get("mine") == "1", request.GET.get("overdue") == "1"
    items = queue_for(
        user=request.user, mine_only=mine, overdue_only=overdue, service=request.GET.get("service", "")[:40]
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))  # counts open work without the joins
    shown = (
        items.values(*_QUEUE_ROW)[page.start_index() - 1 : page.end_index()] if page.paginator.count else []
    )
    return render(
        request,
        "workspace/requests/queue.html",
        {"page": page, "rows": _queue_rows(shown, timezone.now()), "mine": mine, "overdue": overdue},
    )


_QUEUE_ROW = (
    "id",
    "request_id",
    "name",
    "due_at",
    "claimed_by_id",
    "request__number",
    "request__service_version__name_mn",
    "request__service_version__name_en",
    "request__territory__name_mn",
    "request__territory__name_en",
    "claimed_by__full_name",
    "claimed_by__username",
)


def _queue_rows(items: Any, now: Any) -> list[dict[str, Any]]:
    """What each row of the queue shows, worked out here from plain values: fifty rows of template tags (a link
    and a form per row, the date filters) and of model instances cost more than everything else the page does."""
    screen = reverse("workspace:request", args=[0]).removesuffix("0/")
    work = reverse("workspace:work-action", args=[0]).removesuffix("0/")
    name = "name_en" if get_language() == "en" else "name_mn"
    rows = []
    for item in items:
        due = item["due_at"]
        rows.append(
            {
                "number": item["request__number"],
                "url": f"{screen}{item['request_id']}/",
                "service": item[f"request__service_version__{name}"],
                "step": item["name"],
                "place": item[f"request__territory__{name}"],
                "taken_by": (item["claimed_by__full_name"] or item["claimed_by__username"])
                if item["claimed_by_id"]
                else "—",
                "claim_url": "" if item["claimed_by_id"] else f"{work}{item['id']}/",
                "overdue": due is not None and due < now,
                "due": date_format(timezone.localtime(due), "SHORT_DATE_FORMAT") if due else "",
                "left": _("%(left)s left") % {"left": timeuntil(due, now)} if due and due >= now else "",
            }
        )
    return rows


@staff_required(Role.OFFICER, Role.SUPERVISOR)
def request_screen(request: HttpRequest, pk: int) -> HttpResponse:
    found = request_for_screen(user=request.user, pk=pk)
    if found is None:
        raise Http404
    user: Any = request.user
    services.request_record_access(
        request=found, staff=user, what=_("request %(number)s") % {"number": found}
    )
    items = [item for item in found.work_items.all()]
    mine = [item for item in items if item.claimed_by_id == user.pk]
    colleagues = []
    if any(
        a.role == Role.SUPERVISOR and a.organisation_id == found.organisation_id
        for a in user.role_assignments
    ):
        colleagues = list(
            User.objects.filter(
                assignments__organisation_id=found.organisation_id, assignments__role=Role.OFFICER
            ).distinct()
        )
    return render(
        request,
        "workspace/requests/request.html",
        {
            "found": found,
            "items": items,
            "mine": mine,
            "colleagues": colleagues,
            "answers": answers.display(found.adoption, found.form_data, get_language()),
            "action_form": ActionForm(initial={"version": found.version}),
            "payment_form": PaymentForm(initial={"amount_mnt": found.fee_mnt}),
            **_host_actions(found, user, mine),
        },
    )


@require_POST
@staff_required(Role.OFFICER, Role.SUPERVISOR, Role.OPERATOR)
def work_action(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(visible_to(request.user, WorkItem.objects.all()), pk=pk)
    user: Any = request.user
    what = request.POST.get("do", "")
    try:
        if what == "claim":
            services.workitem_claim(item=item, actor=user)
        elif what == "release":
            services.workitem_release(item=item, actor=user)
        elif what == "assign":
            assignee = get_object_or_404(User, pk=request.POST.get("assignee"))
            services.workitem_assign(item=item, actor=user, assignee=assignee)
        elif what == "act":
            form = ActionForm(request.POST)
            if not form.is_valid():
                raise Http404
            services.request_act(
                item=item,
                actor=user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, _("Done."))
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("workspace:request", pk=item.request_id)


@require_POST
@staff_required(Role.OFFICER, Role.SUPERVISOR, Role.OPERATOR)
def record_payment(request: HttpRequest, pk: int) -> HttpResponse:
    found = request_for_screen(user=request.user, pk=pk)
    if found is None:
        raise Http404
    form = PaymentForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Give the amount and the receipt number."))
        invoice = Invoice.objects.filter(request=found, status="open").first()
        if invoice is None:
            raise DomainError(_("This request has no open invoice."))
        invoice_record_cash(
            invoice=invoice,
            actor=acting_user(request),
            amount_mnt=form.cleaned_data["amount_mnt"],
            receipt_number=form.cleaned_data["reference"],
        )
        messages.success(request, _("The payment is recorded."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("workspace:request", pk=pk)


@staff_required(Role.OPERATOR)
def assist(request: HttpRequest) -> HttpResponse:
    """An operator applies on a citizen's behalf: find the citizen by register number, choose the service."""
    user: Any = request.user
    form = FindCitizenForm(request.POST or None, initial={"service": request.GET.get("service", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scopes = user.scopes(Role.OPERATOR)
        adoption = (
            Adoption.objects.filter(
                service__code=data["service"].strip().upper(), status=AdoptionStatus.OFFERED
            )
            .select_related("version")
            .order_by("territory_path")
        )
        chosen = next(
            (
                a
                for a in adoption
                if any(
                    a.territory_path == s
                    or (a.version.level == ServiceLevel.AIMAG and s.startswith(a.territory_path + "."))
                    for s in scopes
                )
            ),
            None,
        )
        try:
            if chosen is None:
                raise DomainError(_("This service is not offered in your soum or aimag."))
            citizen = citizen_get_or_create(
                register_number=data["register_number"], full_name=data["full_name"]
            )
            channel = (
                Channel.KHURDAN
                if any(
                    a.organisation.kind == "khurdan_point"
                    for a in user.role_assignments
                    if a.role == Role.OPERATOR
                )
                else Channel.OPERATOR
            )
            draft = services.request_start(adoption=chosen, applicant=citizen, actor=user, channel=channel)
        except InvalidRegisterNumber as error:
            form.add_error("register_number", str(error))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("portal:request-edit", pk=draft.pk)
    filed = visible_to(user, services.Request.objects.filter(operator=user)).select_related(
        "service_version", "applicant"
    )
    return render(
        request, "workspace/requests/assist.html", {"form": form, "filed": filed.order_by("-created_at")[:50]}
    )


@staff_required(Role.SUPERVISOR)
def overdue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workspace/requests/overdue.html",
        {
            "counts": overdue_for_supervisor(user=request.user),
            "requests": overdue_requests(user=request.user)[:200],
            "now": timezone.now(),
            "statuses": RequestStatus,
        },
    )


def _host_actions(found: Request, user: Any, mine: list[WorkItem]) -> dict[str, Any]:
    """What the request screen needs for the actions at any step: documents asked of the applicant, questions to
    other offices, and their forms for the officer holding a step."""
    consultations = list(consultations_for_request(user=user, request=found))
    targets = list(consultation_targets(request=found)) if mine else []
    return {
        "consultations": consultations,
        "consulting_items": {c.work_item_id for c in consultations if c.is_open},
        "withdrawable": {c.pk for c in consultations if may(user, "withdraw", c)},
        "document_requests": list(document_requests_for_request(request=found)),
        "documents_form": DocumentsAskForm(initial={"version": found.version}),
        "consultation_form": ConsultationAskForm(
            targets, initial={"version": found.version, "due_working_days": 3}
        ),
    }


def _reload_message() -> str:
    return _("The form was incomplete or out of date. Reload the page and try again.")


@require_POST
@staff_required(Role.OFFICER, Role.SUPERVISOR)
def ask_for_documents(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(visible_to(request.user, WorkItem.objects.all()), pk=pk)
    form = DocumentsAskForm(request.POST)
    form.fields["documents"].required = False  # the service explains what is missing
    try:
        if not form.is_valid():
            raise DomainError(_reload_message())
        services.request_ask_for_documents(
            item=item,
            actor=acting_user(request),
            documents=form.names(),
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
        messages.success(
            request, _("The applicant is asked for the documents. The clock stops until they send them.")
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("workspace:request", pk=item.request_id)


@require_POST
@staff_required(Role.OFFICER, Role.SUPERVISOR)
def ask_office(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(visible_to(request.user, WorkItem.objects.select_related("request")), pk=pk)
    form = ConsultationAskForm(consultation_targets(request=item.request), request.POST)
    try:
        if not form.is_valid():
            problems = [
                str(e)
                for field in ("organisation", "question", "due_working_days")
                for e in form.errors.get(field, [])
            ]
            raise DomainError(problems[0] if problems else _reload_message())
        organisation = get_object_or_404(Organisation, pk=form.cleaned_data["organisation"])
        consultation = services.consultation_ask(
            item=item,
            actor=acting_user(request),
            organisation=organisation,
            question=form.cleaned_data["question"],
            due_working_days=form.cleaned_data["due_working_days"],
            expected_version=form.cleaned_data["version"],
        )
        messages.success(
            request,
            _("Your question is sent to %(office)s. The step can be completed once they answer.")
            % {"office": consultation.organisation},
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("workspace:request", pk=item.request_id)


@staff_required(Role.OFFICER, Role.SUPERVISOR)
def consultations(request: HttpRequest) -> HttpResponse:
    """Questions from other offices to the user's offices: the open ones first, due first."""
    return render(
        request,
        "workspace/consultations/list.html",
        {
            "open": consultations_for_office(user=request.user)[:200],
            "answered": consultations_for_office(user=request.user, answered=True)[:20],
            "now": timezone.now(),
        },
    )


@staff_required(Role.OFFICER, Role.SUPERVISOR)
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    found = consultation_for_screen(user=request.user, pk=pk)
    if found is None:
        raise Http404
    user: Any = request.user
    asked = found.request
    form = ConsultationAnswerForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"version": asked.version},
    )
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            services.consultation_answer(
                consultation=found,
                actor=acting_user(request),
                answer=form.cleaned_data["answer"],
                file_name=file.name if file else "",
                content=file.read(answers.MAX_UPLOAD_BYTES + 1) if file else b"",
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            form.add_error("file" if "file" in error.details else None, error.message)
        else:
            messages.success(
                request, _("Your answer is sent to %(office)s.") % {"office": asked.organisation}
            )
            return redirect("workspace:consultation", pk=pk)
    shows_request = may(user, "view_request", found)
    if shows_request:
        services.request_record_access(
            request=asked,
            staff=user,
            what=_("request %(number)s (question to your office)") % {"number": asked},
        )
    return render(
        request,
        "workspace/consultations/consultation.html",
        {
            "found": found,
            "asked": asked,
            "form": form,
            "may_answer": may(user, "answer", found),
            "shows_request": shows_request,
            "answers": answers.display(asked.adoption, asked.form_data, get_language())
            if shows_request
            else [],
            "documents": list(asked.documents.all()) if shows_request else [],
        },
    )


@require_POST
@staff_required(Role.OFFICER, Role.SUPERVISOR)
def consultation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(visible_to(request.user, Consultation.objects.select_related("request")), pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.consultation_withdraw(
            consultation=found, actor=acting_user(request), expected_version=version
        )
        messages.success(request, _("The question is withdrawn."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("workspace:request", pk=found.request_id)


@login_required
def consultation_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """A document of the request, for the office asked while the question is open."""
    found = consultation_for_screen(user=request.user, pk=pk)
    if found is None or not may(request.user, "view_request", found):
        raise Http404
    item = get_object_or_404(RequestDocument, pk=document_pk, request_id=found.request_id)
    services.request_record_access(
        request=found.request,
        staff=acting_user(request),
        what=_("document %(name)s (question to your office)") % {"name": item.original_name},
    )
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@login_required
def consultation_answer_file(request: HttpRequest, pk: int) -> FileResponse:
    found = consultation_for_screen(user=request.user, pk=pk)
    if found is None or not found.answer_file:
        raise Http404
    return FileResponse(
        found.answer_file.open("rb"),
        as_attachment=True,
        filename=found.answer_file_name,
        content_type=found.answer_file_type,
    )
