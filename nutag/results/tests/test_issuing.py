import hashlib
from io import BytesIO

import pytest
from fontTools.ttLib import TTFont
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from nutag.accounts.models import User
from nutag.cases.models import Request
from nutag.catalog.models import Adoption
from nutag.core.errors import PermissionDenied, ValidationFailed
from nutag.core.models import AuditEvent
from nutag.results import codes, services, signing
from nutag.results.models import ResultDocument, SigningIdentity


def test_approval_issues_a_signed_document_that_pyhanko_validates(document: ResultDocument) -> None:
    content = document.file.read()
    assert hashlib.sha256(content).hexdigest() == document.sha256 and document.size == len(content)
    assert codes.is_valid(document.verification_code) and document.is_demo
    assert document.issued_by_name and document.organisation.code == "gov-6401"
    reader = PdfFileReader(BytesIO(content))
    [signature] = reader.embedded_signatures
    roots = signing.trust_roots()
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=roots, allow_fetching=False))
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert "/ETSI.CAdES.detached" in str(signature.sig_object["/SubFilter"])
    assert AuditEvent.objects.filter(action="result_document.issued", object_id=str(document.pk)).exists()


def test_document_embeds_noto_sans_with_mongolian_cyrillic(document: ResultDocument) -> None:
    reader = PdfFileReader(BytesIO(document.file.read()))
    font = reader.root["/Pages"]["/Kids"][0]["/Resources"]["/Font"]["/F1"]
    assert "NotoSans" in str(font["/BaseFont"])  # the packaged open font, embedded; never a machine font
    descendant = font["/DescendantFonts"][0]
    assert "/FontFile2" in descendant["/FontDescriptor"]
    to_unicode = font["/ToUnicode"].data
    assert b"04AF" in to_unicode.upper() or b"04E9" in to_unicode.upper()  # ү or ө typeset from the font


def test_embedded_glyphs_carry_their_true_bounding_boxes(document: ResultDocument) -> None:
    """The writer copies glyphs without recomputing their boxes (fonts.add_to): a reader clipping to a wrong box
    would cut letters, so every embedded glyph's stored box must be the one its outline gives."""
    reader = PdfFileReader(BytesIO(document.file.read()))
    font = reader.root["/Pages"]["/Kids"][0]["/Resources"]["/Font"]["/F1"]
    embedded = TTFont(BytesIO(font["/DescendantFonts"][0]["/FontDescriptor"]["/FontFile2"].data))
    glyphs = embedded["glyf"]
    outlined = [name for name in embedded.getGlyphOrder() if glyphs[name].numberOfContours > 0]
    assert len(outlined) > 20
    for name in outlined:
        glyph = glyphs[name]
        stored = (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax)
        glyph.recalcBounds(glyphs)
        assert stored == (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax), name


def test_demo_authority_is_made_once_and_reused(completed, citizen: User, make_citizen) -> None:  # type: ignore[no-untyped-def]
    completed()
    completed(applicant=make_citizen(register_number="УБ90010112"))
    assert SigningIdentity.objects.filter(is_root=True).count() == 1
    assert SigningIdentity.objects.filter(organisation__code="gov-6401").count() == 1
    assert ResultDocument.objects.values("certificate_fingerprint").distinct().count() == 1


def test_documents_are_immutable(document: ResultDocument) -> None:
    with pytest.raises(RuntimeError):
        document.save()
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic():
        ResultDocument.objects.filter(pk=document.pk).update(sha256="0" * 64)
    assert ResultDocument.objects.get(pk=document.pk).sha256 == document.sha256


def test_english_document_is_issued_when_the_template_asks(
    letter_service: Adoption, designer: User, completed
) -> None:  # type: ignore[no-untyped-def]
    services.template_save(
        version=letter_service.version,
        actor=designer,
        title_mn="Тодорхойлолт",
        body_mn="{{ applicant.name }} {{ answers.purpose }} зорилгоор. Дугаар {{ number }}.",
        title_en="Reference",
        body_en="{{ applicant.name }} for {{ answers.purpose }}.",
        is_english_issued=True,
    )
    request: Request = completed()
    assert set(request.result_documents.values_list("language", flat=True)) == {"mn", "en"}
    assert request.result_documents.get(language="mn").title == "Тодорхойлолт"


def test_only_designers_save_templates_and_unknown_placeholders_are_refused(
    letter_service: Adoption, designer: User, officer_soum_a: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.template_save(
            version=letter_service.version, actor=officer_soum_a, title_mn="A", body_mn="B"
        )
    with pytest.raises(ValidationFailed) as refused:
        services.template_save(
            version=letter_service.version,
            actor=designer,
            title_mn="A",
            body_mn="{{ applicant.__class__ }} {{ answers.salary }} {{ secret }}",
        )
    assert "body_mn" in refused.value.details
    with pytest.raises(ValidationFailed):
        services.template_save(
            version=letter_service.version, actor=designer, title_mn="A", body_mn="B", is_english_issued=True
        )
    from nutag.results.models import ResultTemplate

    assert not ResultTemplate.objects.exists()
