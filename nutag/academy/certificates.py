"""Training certificates: a verification code and a one-page PDF (fpdf2 with Noto Sans, which has Cyrillic)."""

import secrets

from django.utils import formats
from django.utils.translation import gettext as _
from fontpkg_noto_sans import ROOT as NOTO_ROOT
from fpdf import FPDF

from nutag.academy.models import Participant

# The reference-number alphabet of cases.numbers (no easily confused characters), three groups of four.
ALPHABET = "ACEFHJKMNPRTWXY3479"
FONT = NOTO_ROOT / "files" / "NotoSans[wdth,wght].ttf"


def certificate_code_new() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def certificate_code_normalise(code: str) -> str:
    raw = "".join(code.upper().split()).replace("-", "")
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else raw


def certificate_pdf(participant: Participant, *, verification_url: str) -> bytes:
    session = participant.session
    programme = session.programme
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(_("Training certificate"))
    pdf.set_author("Nutag")
    pdf.add_font("Noto", "", FONT, variations={"wght": 400.0})
    pdf.add_font("Noto", "B", FONT, variations={"wght": 700.0})
    pdf.add_page()
    pdf.set_margins(25, 25, 25)
    pdf.set_y(30)
    pdf.set_font("Noto", "B", 28)
    pdf.cell(0, 16, _("Certificate"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "", 14)
    pdf.cell(0, 10, _("This certifies that"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "B", 22)
    pdf.cell(0, 14, participant.full_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "", 14)
    pdf.multi_cell(
        0,
        9,
        _("completed the programme “%(programme)s” (%(hours)s hours), %(place)s, %(start)s – %(end)s.")
        % {
            "programme": programme.name,
            "hours": programme.length_hours,
            "place": _("online")
            if session.is_online
            else f"{session.territory}, {session.place}".strip(", "),
            "start": formats.date_format(session.starts_on, "Y-m-d"),
            "end": formats.date_format(session.ends_on, "Y-m-d"),
        },
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(12)
    pdf.set_font("Noto", "", 11)
    pdf.cell(
        0,
        8,
        _("Verification code: %(code)s") % {"code": participant.certificate_code},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(
        0, 8, _("Check it at %(url)s") % {"url": verification_url}, align="C", new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())
