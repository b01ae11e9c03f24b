"""The result's text and its PDF. Designers write templates with `{{ placeholder }}` names only: no expressions,
no tags, no attribute access, so a template can show the request's data and nothing else. The PDF is typeset in
Noto Sans (shipped as a Python package, never the machine's fonts), with a vector QR code to the verification
page and, for documents of the demo authority, a DEMO line on every page."""

import datetime
import re
from dataclasses import dataclass

import segno
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from fpdf import FPDF

from nutag.cases import answers as request_answers
from nutag.cases.models import Request
from nutag.results import fonts

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)?)\s*\}\}")
PLACEHOLDERS = {
    "number": gettext_lazy("the request's reference number"),
    "service": gettext_lazy("the name of the service"),
    "result": gettext_lazy("the name of the result (for example, the permit)"),
    "applicant.name": gettext_lazy("the applicant's full name"),
    "applicant.register_number": gettext_lazy("the applicant's register number"),
    "territory": gettext_lazy("the soum or aimag of the request"),
    "organisation": gettext_lazy("the issuing organisation"),
    "officer": gettext_lazy("the officer who decided"),
    "issued_on": gettext_lazy("the date of issue"),
    "verification_code": gettext_lazy("the code that verifies the document"),
    "answers.NAME": gettext_lazy("the applicant's answer to the form field NAME"),
}
DEFAULT_TITLE = {"mn": "Лавлагаа", "en": "Certificate"}
DEFAULT_BODY = {
    "mn": "{{ territory }}-д оршин суугч {{ applicant.name }} (регистрийн дугаар {{ applicant.register_number }})"
    " -ийн {{ number }} дугаартай «{{ service }}» хүсэлтийг {{ organisation }} шийдвэрлэж, энэхүү "
    "{{ result }}-г олгов.",
    "en": "{{ organisation }} has decided request {{ number }} for “{{ service }}” made by {{ applicant.name }} "
    "(register number {{ applicant.register_number }}) of {{ territory }} and issues this {{ result }}.",
}


def unknown_placeholders(text: str, field_names: set[str]) -> list[str]:
    """Names in `text` that no request can fill: shown to the designer before the template is saved."""
    unknown = []
    for name in PLACEHOLDER.findall(text):
        if name.startswith("answers."):
            if name.removeprefix("answers.") not in field_names:
                unknown.append(name)
        elif name not in PLACEHOLDERS:
            unknown.append(name)
    return sorted(set(unknown))


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), text)


def _answer_values(request: Request, language: str) -> dict[str, str]:
    suffix = "en" if language == "en" else "mn"
    values = {}
    for field in request_answers.form_fields(request.adoption):
        value = request.form_data.get(field["name"])
        if value is None:
            continue
        labels = {c["value"]: c.get(f"label_{suffix}") or c["value"] for c in field.get("choices", [])}
        items = value if isinstance(value, list) else [value]
        values[f"answers.{field['name']}"] = ", ".join(str(labels.get(item, item)) for item in items)
    return values


def values_for(
    request: Request, *, language: str, officer_name: str, issued_at: datetime.datetime, code: str
) -> dict[str, str]:
    english = language == "en"
    version = request.service_version
    applicant = request.applicant
    with translation.override(language):
        issued_on = formats.date_format(issued_at, "DATE_FORMAT")
    return {
        "number": request.number or "",
        "service": version.name_en if english else version.name_mn,
        "result": (version.result_name_en if english else version.result_name_mn)
        or DEFAULT_TITLE[language].lower(),
        "applicant.name": applicant.full_name or applicant.username,
        "applicant.register_number": applicant.register_number or "",
        "territory": request.territory.name_en if english else request.territory.name_mn,
        "organisation": request.organisation.name_en if english else request.organisation.name_mn,
        "officer": officer_name,
        "issued_on": issued_on,
        "verification_code": code,
        **_answer_values(request, language),
    }


@dataclass(frozen=True)
class Page:
    """Everything printed on a result document, already filled in."""

    language: str
    title: str
    body: str
    organisation: str
    officer: str
    issued_on: str
    number: str
    verification_code: str
    verification_url: str
    is_demo: bool


def _draw_qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    qr = segno.make(url, error="m", micro=False, mask=4)  # a fixed mask: choosing the best one costs 15 ms
    modules = [list(row) for row in qr.matrix_iter(scale=1, border=0)]
    step = size / len(modules)
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(modules):
        column = 0
        while column < len(line):  # one rectangle per run of dark modules keeps the page small
            if not line[column]:
                column += 1
                continue
            start = column
            while column < len(line) and line[column]:
                column += 1
            pdf.rect(x + start * step, y + row * step, (column - start) * step, step, style="F")


class _Document(FPDF):
    demo_line = ""

    def footer(self) -> None:
        if self.demo_line:
            self.set_y(-14)
            self.set_font(fonts.FAMILY, size=9)
            self.set_text_color(170, 0, 0)
            self.cell(0, 6, self.demo_line, align="C")
            self.set_text_color(0, 0, 0)


def render_pdf(page: Page) -> bytes:
    with translation.override(page.language):
        labels = {
            "organisation": _("Issued by"),
            "officer": _("Officer"),
            "date": _("Date"),
            "number": _("Reference number"),
            "code": _("Verification code"),
            "verify": _("Check this document at"),
        }
        demo_line = _("DEMO — not a real government document") if page.is_demo else ""
    pdf = _Document(format="A4")
    pdf.demo_line = demo_line
    pdf.set_title(page.title)
    pdf.set_creator("Nutag")
    pdf.set_lang(page.language)
    pdf.set_auto_page_break(auto=True, margin=24)
    fonts.add_to(pdf)
    pdf.add_page()
    pdf.set_font(fonts.FAMILY, size=10)
    pdf.multi_cell(0, 5, page.organisation, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font(fonts.FAMILY, size=18)
    pdf.multi_cell(0, 9, page.title.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(fonts.FAMILY, size=11)
    for paragraph in re.split(r"\n\s*\n", page.body.strip()):
        pdf.multi_cell(0, 6, " ".join(paragraph.split()), align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.ln(8)
    for label, value in (
        (labels["organisation"], page.organisation),
        (labels["officer"], page.officer),
        (labels["date"], page.issued_on),
        (labels["number"], page.number),
    ):
        if value:
            pdf.multi_cell(0, 6, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    if pdf.get_y() > pdf.h - 75:
        pdf.add_page()
    top = pdf.h - 70
    _draw_qr(pdf, page.verification_url, pdf.l_margin, top, 36)
    pdf.set_xy(pdf.l_margin + 42, top + 4)
    pdf.set_font(fonts.FAMILY, size=10)
    pdf.multi_cell(0, 5, f"{labels['code']}:", new_x="LEFT", new_y="NEXT")
    pdf.set_font(fonts.FAMILY, size=16)
    pdf.multi_cell(0, 8, page.verification_code, new_x="LEFT", new_y="NEXT")
    pdf.set_font(fonts.FAMILY, size=9)
    pdf.multi_cell(0, 5, f"{labels['verify']}: {page.verification_url}", new_x="LEFT", new_y="NEXT")
    return bytes(pdf.output())
