"""Survey pages: list, create and edit (questions), answer (online, or an operator for a citizen), results with
tables and SVG bars, exports, and the searchable free-text answers."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.academy import selectors, survey_services
from nutag.academy.choices import TEXT_KINDS
from nutag.academy.forms import AnswerForm, QuestionForm, SurveyForm
from nutag.academy.models import Question, Survey
from nutag.academy.permissions import may_create_survey
from nutag.academy.survey_results import export_csv, export_xlsx, survey_results, text_answers
from nutag.accounts.models import acting_user
from nutag.core.errors import DomainError
from nutag.core.permissions import may


def _copy_errors(form: Any, error: DomainError) -> None:
    form.add_error(None, error.message)
    for name, message in error.details.items():
        key = name if name in form.fields else f"q{name}"
        form.add_error(key if key in form.fields else None, message)


def _survey(pk: int, user: Any, action: str) -> Survey:
    survey = get_object_or_404(Survey.objects.prefetch_related("aimags"), pk=pk)
    if not may(user, action, survey):
        raise Http404
    return survey


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    return render(
        request,
        "academy/survey_list.html",
        {
            "open_surveys": selectors.surveys_open_for(user=user),
            "managed": selectors.surveys_for_results(user=user),
            "may_create": may_create_survey(user),
            "now": timezone.now(),
        },
    )


@login_required
def survey_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not may_create_survey(user):
        raise HttpForbidden
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_services.survey_create(actor=user, **form.cleaned_data)
        except DomainError as error:
            _copy_errors(form, error)
        else:
            return redirect("academy:survey-edit", pk=survey.pk)
    return render(request, "academy/survey_new.html", {"form": form})


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    survey = _survey(pk, user, "change")
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                question = get_object_or_404(Question, pk=request.POST["remove"], survey=survey)
                survey_services.question_remove(actor=user, question=question)
                return redirect("academy:survey-edit", pk=pk)
            if form.is_valid():
                data = form.cleaned_data
                survey_services.question_add(
                    actor=user,
                    survey=survey,
                    kind=data["kind"],
                    text=data["text"],
                    options=data["options"].splitlines(),
                    scale_max=data["scale_max"],
                    is_required=data["is_required"],
                )
                messages.success(request, _("The question is added."))
                return redirect("academy:survey-edit", pk=pk)
        except DomainError as error:
            _copy_errors(form, error)
    return render(
        request,
        "academy/survey_edit.html",
        {
            "survey": survey,
            "questions": survey.questions.all(),
            "form": form,
            "has_answers": survey.responses.exists(),
        },
    )


@login_required
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    survey = get_object_or_404(Survey.objects.prefetch_related("aimags"), pk=pk)
    for_citizen = request.GET.get("for") == "citizen" or "citizen_register_number" in request.POST
    if not may(user, "answer_for_citizen" if for_citizen else "view", survey):
        raise Http404
    questions = list(survey.questions.all())
    form = AnswerForm(request.POST or None, questions=questions, for_citizen=for_citizen)
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.survey_answer(
                survey=survey,
                actor=user,
                answers=form.answers(questions),
                citizen_register_number=form.cleaned_data.get("citizen_register_number", ""),
                citizen_soum=form.cleaned_data.get("citizen_soum"),
            )
        except DomainError as error:
            _copy_errors(form, error)
        else:
            messages.success(request, _("Thank you: your answers are recorded."))
            if for_citizen:
                return redirect(f"{request.path}?for=citizen")
            return redirect("academy:surveys")
    is_open = survey.opens_at <= timezone.now() < survey.closes_at
    return render(
        request,
        "academy/survey_answer.html",
        {"survey": survey, "form": form, "for_citizen": for_citizen, "is_open": is_open},
    )


@login_required
def survey_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk, request.user, "results")
    total, results = survey_results(survey)
    return render(
        request, "academy/survey_results.html", {"survey": survey, "total": total, "results": results}
    )


@login_required
def survey_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey = _survey(pk, request.user, "results")
    if fmt == "csv":
        response = HttpResponse(export_csv(survey), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            export_xlsx(survey),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.{fmt}"'
    return response


@login_required
def survey_texts(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk, request.user, "results")
    query = request.GET.get("q", "")[:200]
    try:
        question_id = int(request.GET.get("question") or 0)
    except ValueError:
        question_id = 0
    page = Paginator(text_answers(survey=survey, query=query, question_id=question_id), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "academy/survey_texts.html",
        {
            "survey": survey,
            "page": page,
            "query": query,
            "question_id": question_id,
            "text_questions": survey.questions.filter(kind__in=TEXT_KINDS),
        },
    )
