"""A one-page PDF receipt for a payment, in the interface language, set in Noto Sans (which has Mongolian
Cyrillic; PDF's built-in fonts do not)."""

import logging
from functools import lru_cache
from pathlib import Path

import fontpkg_noto_sans
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from nutag.payments.models import Payment

FAMILY = "NotoSans"
logging.getLogger("fontTools").setLevel(logging.WARNING)  # its subsetter logs every glyph at INFO


@lru_cache(maxsize=1)
def _font_file() -> Path:
    return next(
        path for path in (fontpkg_noto_sans.ROOT / "files").glob("NotoSans*.ttf") if "Italic" not in path.name
    )


def _mnt(amount: int) -> str:
    return f"{formats.number_format(amount, decimal_pos=0, force_grouping=True)}₮"


def receipt_pdf(payment: Payment) -> bytes:
    invoice = payment.invoice
    request = invoice.request
    pdf = FPDF(format="A4")
    pdf.set_title(_("Payment receipt %(number)s") % {"number": payment.receipt_number})
    pdf.set_creator("Nutag")
    pdf.add_font(FAMILY, "", str(_font_file()), variations={"wght": 400.0})
    pdf.add_font(FAMILY, "B", str(_font_file()), variations={"wght": 700.0})
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.cell(0, 10, _("Payment receipt"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(0, 6, str(request.organisation), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    rows = [
        (_("Receipt number"), payment.receipt_number),
        (_("Invoice"), invoice.sender_invoice_no),
        (_("Request"), str(request.number or request.pk)),
        (_("Service"), request.service_version.name_mn),
        (_("Payer"), f"{request.applicant} ({request.applicant.masked_register_number})"),
        (_("Method"), payment.get_method_display()),
        (_("Paid at"), timezone.localtime(payment.paid_at).strftime("%Y-%m-%d %H:%M")),
    ]
    if payment.recorded_by_id:
        rows.append((_("Recorded by"), str(payment.recorded_by)))
    for label, value in rows:
        pdf.set_font(FAMILY, "B", 10)
        pdf.cell(40, 7, label)
        pdf.set_font(FAMILY, "", 10)
        pdf.multi_cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(40, 10, _("Amount"))
    pdf.cell(0, 10, _mnt(payment.amount_mnt), new_x="LMARGIN", new_y="NEXT")
    refund = getattr(payment, "refund", None)  # the reverse one-to-one raises AttributeError when absent
    if refund is not None:
        pdf.set_font(FAMILY, "", 10)
        pdf.multi_cell(
            0,
            6,
            _("Refund owed: %(amount)s (%(rule)s)")
            % {"amount": _mnt(refund.amount_mnt), "rule": refund.get_rule_display()},
        )
    return bytes(pdf.output())
