"""Pages of the academy's training: home, programmes (and keeping them), tours of aimags (visit plans), sessions
(planning, changing, cancelling, registration, attendance, completion), readiness, certificates (checked on the
public verification page of result documents) and rating a completed request."""

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nutag.academy import selectors, services
from nutag.academy.certificates import certificate_code_normalise, certificate_pdf
from nutag.academy.forms import (
    CancelSessionForm,
    ProgrammeForm,
    RatingForm,
    RegisterForm,
    SessionForm,
    VisitPlanForm,
    visit_formset,
)
from nutag.academy.models import Participant, Programme, TrainingSession, VisitPlan
from nutag.academy.permissions import readiness_paths, trainer_paths
from nutag.academy.readiness import readiness_for
from nutag.accounts.choices import UserKind
from nutag.accounts.models import User, acting_user
from nutag.cases.models import Request
from nutag.core.errors import DomainError
from nutag.core.permissions import may, path_within, visible_to
from nutag.results.services import verification_url
from nutag.territory.loader import NATIONAL_CODE
from nutag.territory.models import TerritoryUnit


def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context: dict[str, Any] = {"programmes": selectors.programmes_for_list(user=user)}
    if user.is_authenticated:
        context["open_surveys"] = selectors.surveys_open_for(user=user)
        if trainer_paths(user):
            context["planned"] = selectors.sessions_planned_by(user=user).order_by("-starts_on")[:20]
        if readiness_paths(user, with_names=False):
            context["may_see_readiness"] = True
        context["my_training"] = selectors.training_of_own_people(user=user)[:50]
        if user.is_citizen:
            context["to_rate"] = selectors.requests_to_rate(user=user)[:10]
    context["plans"] = selectors.visit_plans_for_list()[:3]
    context["may_keep_programmes"] = may(user, "create", Programme())
    context["may_plan_tours"] = may(user, "create", VisitPlan())
    return render(request, "academy/home.html", context)


def _show_error(form: Any, error: DomainError) -> None:
    """A refusal of a service as form errors: the message on top, each detail at its field."""
    form.add_error(None, error.message)
    for name, problems in error.details.items():
        for problem in problems if isinstance(problems, list) else [problems]:
            form.add_error(name if name in form.fields else None, problem)


def programme_list(request: HttpRequest) -> HttpResponse:
    may_keep = may(request.user, "create", Programme())
    return render(
        request,
        "academy/programme_list.html",
        {
            "programmes": selectors.programmes_for_list(user=request.user, with_inactive=may_keep),
            "may_keep_programmes": may_keep,
        },
    )


def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(visible_to(request.user, Programme.objects.all()), code=code)
    sessions = selectors.sessions_for_list(user=request.user, programme=programme).order_by("-starts_on")
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "academy/programme_detail.html",
        {"programme": programme, "page": page, "may_change": may(request.user, "change", programme)},
    )


@login_required
def programme_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not may(user, "create", Programme()):
        raise HttpForbidden
    form = ProgrammeForm(request.POST or None, is_new=True)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=user, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("academy:programme", code=programme.code)
    return render(request, "academy/programme_form.html", {"form": form})


@login_required
def programme_edit(request: HttpRequest, code: str) -> HttpResponse:
    user = acting_user(request)
    programme = get_object_or_404(Programme, code=code)
    if not may(user, "change", programme):
        raise HttpForbidden
    initial = {name: getattr(programme, name) for name in services.PROGRAMME_FIELDS}
    form = ProgrammeForm(request.POST or None, initial=initial, is_new=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(actor=user, programme=programme, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("academy:programme", code=programme.code)
    return render(request, "academy/programme_form.html", {"form": form, "programme": programme})


def plan_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "academy/plan_list.html",
        {
            "plans": selectors.visit_plans_for_list(),
            "may_plan_tours": may(request.user, "create", VisitPlan()),
        },
    )


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(selectors.visit_plans_for_list(), pk=pk)
    sessions = selectors.sessions_for_list(user=request.user).filter(visit__plan=plan).order_by("starts_on")
    paths = trainer_paths(request.user)
    visits = [(visit, any(path_within(visit.aimag.path, p) for p in paths)) for visit in plan.visits.all()]
    return render(
        request,
        "academy/plan_detail.html",
        {
            "plan": plan,
            "visits": visits,
            "sessions": sessions,
            "may_change": may(request.user, "change", plan),
        },
    )


def _plan_page(
    request: HttpRequest, plan: VisitPlan | None, initial: dict[str, Any], rows: list[dict[str, Any]]
) -> HttpResponse:
    """Create (`plan` None) or change a tour: its names and one row per aimag visited, with blank rows to add
    more (a page without scripts: save, and the page offers fresh blank rows)."""
    user = acting_user(request)
    form = VisitPlanForm(request.POST or None, initial=initial)
    visits = visit_formset(request.POST or None, initial=rows, extra=3 if rows else 10)
    is_valid = False
    if request.method == "POST":
        is_valid = form.is_valid()
        if not visits.is_valid():
            is_valid = False
            for problem in visits.non_form_errors() or [_("Check the aimags and days of the tour.")]:
                form.add_error(None, problem)
    if is_valid:
        try:
            if plan is None:
                plan = services.visit_plan_create(actor=user, visits=visits.visits(), **form.cleaned_data)
            else:
                plan = services.visit_plan_update(
                    actor=user, plan=plan, visits=visits.visits(), **form.cleaned_data
                )
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The visit plan is saved."))
            return redirect("academy:plan", pk=plan.pk)
    return render(request, "academy/plan_form.html", {"form": form, "visits": visits, "plan": plan})


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "create", VisitPlan()):
        raise HttpForbidden
    return _plan_page(request, None, {}, [])


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(VisitPlan, pk=pk)
    if not may(request.user, "change", plan):
        raise HttpForbidden
    rows = [
        {"aimag": visit.aimag_id, "starts_on": visit.starts_on, "ends_on": visit.ends_on}
        for visit in plan.visits.order_by("starts_on", "aimag__code")
    ]
    return _plan_page(request, plan, {"name_mn": plan.name_mn, "name_en": plan.name_en}, rows)


def _session_initial(request: HttpRequest) -> dict[str, Any]:
    """Links from a tour's page name the tour and the aimag to plan in."""
    initial: dict[str, Any] = {}
    plan_id = request.GET.get("plan", "")
    plan = VisitPlan.objects.filter(pk=int(plan_id)).first() if plan_id.isdigit() else None
    if plan is not None:
        initial["plan"] = plan.pk
    territory = TerritoryUnit.objects.filter(code=request.GET.get("territory", "")[:12]).first()
    if territory is not None:
        initial["territory"] = territory.pk
        visit = plan.visits.filter(aimag=territory).first() if plan is not None else None
        if visit is not None:
            initial["starts_on"], initial["ends_on"] = visit.starts_on, visit.ends_on
    return initial


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    paths = trainer_paths(user)
    if not paths:
        raise HttpForbidden
    form = SessionForm(request.POST or None, paths=paths, initial=_session_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_plan(actor=user, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The session is planned."))
            return redirect("academy:session", pk=session.pk)
    return render(request, "academy/session_new.html", {"form": form})


def _session_to_change(request: HttpRequest, pk: int, action: str) -> TrainingSession:
    session = get_object_or_404(
        TrainingSession.objects.select_related("programme", "territory", "visit"), pk=pk
    )
    if not may(request.user, action, session):
        raise HttpForbidden
    return session


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    session = _session_to_change(request, pk, "change")
    if session.is_cancelled:
        messages.error(request, _("The session is cancelled: it can no longer change."))
        return redirect("academy:session", pk=session.pk)
    initial = {
        "programme": session.programme_id,
        "plan": session.visit.plan_id if session.visit else None,
        "territory": session.territory_id,
        "place": session.place,
        "is_online": session.is_online,
        "starts_on": session.starts_on,
        "ends_on": session.ends_on,
        "capacity": session.capacity,
        "trainer": session.trainer_id,
    }
    form = SessionForm(
        request.POST or None, paths=trainer_paths(user), programme=session.programme, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=user, session=session, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("academy:session", pk=session.pk)
    return render(request, "academy/session_edit.html", {"form": form, "session": session})


@login_required
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    session = _session_to_change(request, pk, "cancel")
    if session.is_cancelled:
        messages.error(request, _("The session is already cancelled."))
        return redirect("academy:session", pk=session.pk)
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(actor=user, session=session, reason=form.cleaned_data["reason"])
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The session is cancelled. The registered people are told."))
            return redirect("academy:session", pk=session.pk)
    return render(
        request,
        "academy/session_cancel.html",
        {
            "form": form,
            "session": session,
            "registered": session.participants.count(),
            "has_completions": session.participants.filter(completed_at__isnull=False).exists(),
        },
    )


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        selectors.sessions_for_list(user=request.user).select_related("cancelled_by", "visit__plan"), pk=pk
    )
    may_record = may(request.user, "record", session) and not session.is_cancelled
    participants = selectors.participants_of_session(user=request.user, session=session)
    return render(
        request,
        "academy/session_detail.html",
        {
            "session": session,
            "may_record": may_record,
            "participants": participants,
            "register_form": RegisterForm() if may_record else None,
        },
    )


@require_POST
@login_required
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=pk)
    form = RegisterForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, str(error))
        return redirect("academy:session", pk=pk)
    username = form.cleaned_data["username"].strip()
    person = None
    if username:
        person = User.objects.filter(username=username, kind=UserKind.STAFF, is_active=True).first()
        if person is None:
            messages.error(request, _("There is no staff account with this user name."))
            return redirect("academy:session", pk=pk)
    try:
        services.participant_register(
            actor=acting_user(request),
            session=session,
            user=person,
            full_name=form.cleaned_data["full_name"],
            phone=form.cleaned_data["phone"],
        )
        messages.success(request, _("Registered."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("academy:session", pk=pk)


@require_POST
@login_required
def participant_action(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(Participant.objects.select_related("session"), pk=pk)
    actor = acting_user(request)
    what = request.POST.get("do", "")
    try:
        if what in ("attended", "absent"):
            services.participant_mark_attendance(
                actor=actor, participant=participant, attended=what == "attended"
            )
        elif what == "complete":
            services.participant_complete(actor=actor, participant=participant)
        else:
            raise Http404
        messages.success(request, _("Saved."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("academy:session", pk=participant.session_id)


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """The address printed on certificates issued before they were checked with the result documents: the one
    public verification page (rate-limited and logged) now answers for both."""
    return redirect("results:verify-code", code=certificate_code_normalise(code)[:32] or "-")


@login_required
def certificate_download(request: HttpRequest, code: str) -> HttpResponse:
    participant = selectors.certificate_get(certificate_code_normalise(code))
    if participant is None or not may(request.user, "view", participant):
        raise Http404
    pdf = certificate_pdf(participant, verification_url=verification_url(participant.certificate_code or ""))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{participant.certificate_code}.pdf"'
    return response


@login_required
def readiness_index(request: HttpRequest) -> HttpResponse:
    paths = readiness_paths(request.user, with_names=False)
    if not paths:
        raise HttpForbidden
    report = readiness_for(paths=paths)
    return render(
        request,
        "academy/readiness_index.html",
        {"aimags": sorted(report.values(), key=lambda r: r.aimag.code)},
    )


def _touches(paths: list[str], aimag_path: str) -> list[str]:
    return [p for p in paths if path_within(p, aimag_path) or path_within(aimag_path, p)]


def _aimag_readiness(request: HttpRequest, code: str, *, with_names: bool) -> tuple[Any, bool]:
    """The aimag's readiness as the reader may see it: with names for trainers and organisation admins (within
    their territory), as figures for analysts."""
    aimag_path = f"{NATIONAL_CODE}.{code}"
    named = _touches(readiness_paths(request.user, with_names=True), aimag_path)
    paths = named or _touches(readiness_paths(request.user, with_names=False), aimag_path)
    if not paths or (with_names and not named):
        raise HttpForbidden
    report = readiness_for(paths=paths, aimag_code=code).get(code)
    if report is None:
        raise Http404
    return report, bool(named)


@login_required
def readiness_aimag(request: HttpRequest, code: str) -> HttpResponse:
    report, shows_names = _aimag_readiness(request, code, with_names=False)
    return render(request, "academy/readiness_aimag.html", {"report": report, "shows_names": shows_names})


@login_required
def readiness_csv(request: HttpRequest, code: str) -> HttpResponse:
    report, _shows = _aimag_readiness(request, code, with_names=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="needs-training-{code}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("User name"), _("Role"), _("Organisation"), _("Soum"), _("Programmes")])
    for person in report.needs_training:
        writer.writerow(
            [
                person.full_name,
                person.username,
                person.role_label,
                person.organisation.name,
                person.soum.name if person.soum else "",
                "; ".join(p.name for p in person.programmes),
            ]
        )
    return response


@login_required
def rating_new(request: HttpRequest, request_pk: int) -> HttpResponse:
    user = acting_user(request)
    found = get_object_or_404(Request.objects.select_related("service"), pk=request_pk, applicant=user)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_create(
                request=found,
                actor=user,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("academy:home")
    return render(request, "academy/rating_new.html", {"form": form, "found": found})
