"""Staff pages of requests: the officer's queue and request screen, the operator's assisted application, the
supervisor's overdue list."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nutag.accounts.choices import Role
from nutag.accounts.models import User, acting_user
from nutag.accounts.register_number import InvalidRegisterNumber
from nutag.accounts.services import citizen_get_or_create
from nutag.cases import answers, services
from nutag.cases.choices import Channel, RequestStatus
from nutag.cases.forms import ActionForm, FindCitizenForm, PaymentForm
from nutag.cases.models import WorkItem
from nutag.cases.selectors import overdue_for_supervisor, overdue_requests, queue_for, request_for_screen
from nutag.catalog.choices import AdoptionStatus, ServiceLevel
from nutag.catalog.models import Adoption
from nutag.core.errors import DomainError
from nutag.core.permissions import visible_to
from nutag.payments.models import Invoice
from nutag.payments.services import invoice_record_cash
from nutag.workspace.access import staff_required


@staff_required(Role.OFFICER, Role.SUPERVISOR)
def queue(request: HttpRequest) -> HttpResponse:
    mine, overdue = request.GET.get("mine") == "1", request.GET.get("overdue") == "1"
    items = queue_for(
        user=request.user, mine_only=mine, overdue_only=overdue, service=request.GET.get("service", "")[:40]
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/requests/queue.html",
        {"page": page, "mine": mine, "overdue": overdue, "now": timezone.now()},
    )


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
