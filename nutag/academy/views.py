"""Pages of the academy's training: home, programmes, sessions (registration, attendance, completion), visit
plans, readiness, certificates (public verification) and rating a completed request."""

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nutag.academy import selectors, services
from nutag.academy.certificates import certificate_code_normalise, certificate_pdf
from nutag.academy.forms import RatingForm, RegisterForm, SessionForm
from nutag.academy.models import Participant, Programme, TrainingSession
from nutag.academy.permissions import readiness_paths, trainer_paths
from nutag.academy.readiness import readiness_for
from nutag.accounts.choices import UserKind
from nutag.accounts.models import User, acting_user
from nutag.cases.models import Request
from nutag.core.errors import DomainError
from nutag.core.permissions import may, path_within, visible_to
from nutag.territory.loader import NATIONAL_CODE


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
    return render(request, "academy/home.html", context)


def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "academy/programme_list.html",
        {"programmes": selectors.programmes_for_list(user=request.user)},
    )


def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(visible_to(request.user, Programme.objects.all()), code=code)
    sessions = selectors.sessions_for_list(user=request.user, programme=programme).order_by("-starts_on")
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(request, "academy/programme_detail.html", {"programme": programme, "page": page})


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(selectors.visit_plans_for_list(), pk=pk)
    sessions = selectors.sessions_for_list(user=request.user).filter(visit__plan=plan).order_by("starts_on")
    return render(request, "academy/plan_detail.html", {"plan": plan, "sessions": sessions})


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    paths = trainer_paths(user)
    if not paths:
        raise HttpForbidden
    form = SessionForm(request.POST or None, paths=paths)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_plan(actor=user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            for name, message in error.details.items():
                if name in form.fields:
                    form.add_error(name, message)
        else:
            messages.success(request, _("The session is planned."))
            return redirect("academy:session", pk=session.pk)
    return render(request, "academy/session_new.html", {"form": form})


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.sessions_for_list(user=request.user), pk=pk)
    may_record = may(request.user, "record", session)
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


def _verification_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("academy:certificate", args=[code]))


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a certificate's code can check it; shows no more than the certificate does."""
    normalised = certificate_code_normalise(code)
    participant = selectors.certificate_get(normalised)
    status = 200 if participant is not None else 404
    return render(
        request, "academy/certificate.html", {"participant": participant, "code": normalised}, status=status
    )


@login_required
def certificate_download(request: HttpRequest, code: str) -> HttpResponse:
    participant = selectors.certificate_get(certificate_code_normalise(code))
    if participant is None or not may(request.user, "view", participant):
        raise Http404
    pdf = certificate_pdf(
        participant, verification_url=_verification_url(request, participant.certificate_code or "")
    )
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
