"""Survey results per question, overall, per aimag and per audience, for tables, SVG bars and exports. Reads
the answers once (two queries) and counts in Python; no result names a person."""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nutag.academy.choices import CHOICE_KINDS, TEXT_KINDS, AnswerChannel, Audience, QuestionKind
from nutag.academy.models import Answer, Question, Response, Survey
from nutag.core.text import search_terms
from nutag.territory.models import TerritoryUnit

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, CHART_WIDTH = 22, 8, 0, 300


@dataclass
class Bar:
    label: str
    count: int
    percent: int
    y: int = 0
    width: int = 0


@dataclass
class Breakdown:
    label: str
    answered: int
    counts: list[int]
    mean: float | None


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    by_aimag: list[Breakdown] = field(default_factory=list)
    by_audience: list[Breakdown] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return self.question.kind in TEXT_KINDS

    @property
    def chart_height(self) -> int:
        return len(self.bars) * (BAR_HEIGHT + BAR_GAP)


def categories(question: Question) -> list[tuple[Any, str]]:
    """The values an answer to `question` can take, with their labels, in display order."""
    if question.kind in CHOICE_KINDS:
        return [(option, option) for option in question.options]
    if question.kind == QuestionKind.YES_NO:
        return [("yes", _("Yes")), ("no", _("No"))]
    if question.kind == QuestionKind.SCALE:
        return [(n, str(n)) for n in range(1, question.scale_max + 1)]
    return []


def _values(question: Question, answer: dict[str, Any]) -> list[Any]:
    if question.kind == QuestionKind.SCALE:
        return [answer["number"]] if answer["number"] is not None else []
    return list(answer["choices"])


def _breakdown(label: str, question: Question, answers: list[dict[str, Any]]) -> Breakdown:
    keys = [key for key, _label in categories(question)]
    counts = dict.fromkeys(keys, 0)
    numbers = []
    for answer in answers:
        for value in _values(question, answer):
            if value in counts:
                counts[value] += 1
        if answer["number"] is not None:
            numbers.append(answer["number"])
    mean = round(sum(numbers) / len(numbers), 2) if numbers else None
    return Breakdown(label=label, answered=len(answers), counts=[counts[key] for key in keys], mean=mean)


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """(number of responses, one result per question)."""
    questions = list(survey.questions.all())
    responses: dict[Any, dict[str, Any]] = {
        row["id"]: dict(row)
        for row in Response.objects.filter(survey=survey).values("id", "audience", "aimag_code")
    }
    answers: dict[int, list[dict[str, Any]]] = {}
    for answer in Answer.objects.filter(response__survey=survey).values(
        "question_id", "response_id", "choices", "number", "text"
    ):
        answers.setdefault(answer["question_id"], []).append(dict(answer))
    aimag_names = {
        unit.code: unit.name
        for unit in TerritoryUnit.objects.filter(code__in={r["aimag_code"] for r in responses.values()})
    }
    audience_labels = dict(Audience.choices)
    results = []
    for question in questions:
        given = answers.get(question.pk, [])
        result = QuestionResult(question=question, answered=len(given))
        if question.kind in TEXT_KINDS:
            result.texts = [row["text"] for row in given[:5]]
            results.append(result)
            continue
        overall = _breakdown("", question, given)
        result.mean = overall.mean if question.kind == QuestionKind.SCALE else None
        for index, ((_key, label), count) in enumerate(
            zip(categories(question), overall.counts, strict=True)
        ):
            percent = round(100 * count / len(given)) if given else 0
            result.bars.append(
                Bar(
                    label=label,
                    count=count,
                    percent=percent,
                    y=index * (BAR_HEIGHT + BAR_GAP),
                    width=percent * 3,
                )
            )
        for attribute, labels, target in (
            ("aimag_code", aimag_names, result.by_aimag),
            ("audience", audience_labels, result.by_audience),
        ):
            groups: dict[str, list[dict[str, Any]]] = {}
            for given_answer in given:
                groups.setdefault(responses[given_answer["response_id"]][attribute], []).append(given_answer)
            for key in sorted(groups):
                target.append(_breakdown(str(labels.get(key, key or "—")), question, groups[key]))
        results.append(result)
    return len(responses), results


def text_answers(*, survey: Survey, query: str = "", question_id: int | None = None) -> QuerySet[Answer]:
    """Free-text answers, searchable with Mongolian-aware folding; only the text, never who wrote it."""
    found = Answer.objects.filter(response__survey=survey, question__kind__in=TEXT_KINDS).exclude(text="")
    if question_id:
        found = found.filter(question_id=question_id)
    for term in search_terms(query):
        found = found.filter(search_text__contains=term)
    return found.select_related("question", "response").order_by(
        "question__position", "response__submitted_on", "pk"
    )


def export_rows(survey: Survey) -> tuple[list[str], list[list[Any]]]:
    """One row per response: its day, channel, audience and aimag, then one column per question."""
    questions = list(survey.questions.all())
    header = [_("Response"), _("Date"), _("Channel"), _("Audience"), _("Aimag")] + [
        f"{q.position}. {q.text}" for q in questions
    ]
    channels, audiences = dict(AnswerChannel.choices), dict(Audience.choices)
    by_response: dict[Any, dict[int, Answer]] = {}
    for answer in Answer.objects.filter(response__survey=survey):
        by_response.setdefault(answer.response_id, {})[answer.question_id] = answer
    rows = []
    for response in Response.objects.filter(survey=survey).order_by("submitted_on", "id"):
        given = by_response.get(response.pk, {})
        rows.append(
            [
                str(response.pk)[:8],
                response.submitted_on.isoformat(),
                str(channels.get(response.channel, response.channel)),
                str(audiences.get(response.audience, response.audience)),
                response.aimag_code,
            ]
            + [_cell(q, given.get(q.pk)) for q in questions]
        )
    return header, rows


def _cell(question: Question, answer: Answer | None) -> Any:
    if answer is None:
        return ""
    if question.kind == QuestionKind.SCALE:
        return answer.number
    if question.kind == QuestionKind.YES_NO:
        return _("Yes") if answer.choices == ["yes"] else _("No")
    return answer.display


def export_csv(survey: Survey) -> str:
    header, rows = export_rows(survey)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_safe(value) for value in row] for row in rows)
    return buffer.getvalue()


def export_xlsx(survey: Survey) -> bytes:
    from openpyxl import Workbook

    header, rows = export_rows(survey)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Answers")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    summary = book.create_sheet(_("Summary")[:31])
    summary.append([_("Question"), _("Answer"), _("Count"), _("Share (%)")])
    for result in survey_results(survey)[1]:
        for bar in result.bars:
            summary.append([_safe(result.question.text), _safe(bar.label), bar.count, bar.percent])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _safe(value: Any) -> Any:
    """Free text opened in a spreadsheet must not run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
