"""Training certificates: a verification code and a one-page PDF (fpdf2 with Noto Sans, which has Cyrillic), checked
on the public verification page of result documents (results.registry), which this module feeds."""

import io

import segno
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fontpkg_noto_sans import ROOT as NOTO_ROOT
from fpdf import FPDF

from nutag.academy.models import Participant
from nutag.academy.selectors import certificate_get
from nutag.results import codes
from nutag.results.registry import VerifiedRecord

FONT = NOTO_ROOT / "files" / "NotoSans[wdth,wght].ttf"


def certificate_code_new() -> str:
    """A code of the result documents' kind, whose check character catches a mistyped code. Certificates issued
    before carry twelve random characters without one; both are found by `certificate_get`."""
    return codes.new_code()


def certificate_code_normalise(code: str) -> str:
    return codes.normalise(code)


def issuing_body(participant: Participant) -> str:
    organiser = participant.session.organiser
    return organiser.name if organiser is not None else _("Nutag academy")


def certificate_place(participant: Participant) -> str:
    session = participant.session
    if session.is_online:
        return _("online")
    return f"{session.territory}, {session.place}".strip(", ")


def certificate_record(participant: Participant) -> VerifiedRecord:
    """What the public verification page shows: no more than the certificate itself says."""
    session = participant.session
    completed_at = participant.completed_at
    return VerifiedRecord(
        kind=_("Training certificate"),
        title_label=_("Programme"),
        title=session.programme.name,
        holder_name=participant.full_name,
        issued_by=issuing_body(participant),
        issued_on=timezone.localdate(completed_at) if completed_at else session.ends_on,
        details=(
            (_("Training dates"), f"{session.starts_on:%Y-%m-%d} – {session.ends_on:%Y-%m-%d}"),
            (_("Place"), certificate_place(participant)),
        ),
    )


def certificate_resolve(code: str) -> VerifiedRecord | None:
    """The resolver registered with results (see AcademyConfig.ready)."""
    participant = certificate_get(code)
    return certificate_record(participant) if participant is not None else None


def _qr_png(url: str) -> io.BytesIO:
    image = io.BytesIO()
    segno.make(url, error="m", micro=False).save(image, kind="png", scale=8, border=0)
    image.seek(0)
    return image


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
            "place": certificate_place(participant),
            "start": formats.date_format(session.starts_on, "Y-m-d"),
            "end": formats.date_format(session.ends_on, "Y-m-d"),
        },
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    pdf.cell(
        0,
        9,
        _("Issued by %(body)s") % {"body": issuing_body(participant)},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    top = pdf.get_y() + 8
    pdf.image(_qr_png(verification_url), x=pdf.l_margin, y=top, w=32, h=32)
    pdf.set_xy(pdf.l_margin + 38, top + 8)
    pdf.set_font("Noto", "", 11)
    pdf.cell(
        0,
        8,
        _("Verification code: %(code)s") % {"code": participant.certificate_code},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_x(pdf.l_margin + 38)
    pdf.cell(0, 8, _("Check it at %(url)s") % {"url": verification_url}, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
