"""Every change of result documents: saving a template, issuing (from the process's `issue-result` task),
revoking, recording a print-out or a download, and verifying (each attempt is logged and rate-limited)."""

import datetime
import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.accounts.models import User
from nutag.cases.models import Request, RequestEvent, WorkItem
from nutag.cases.services import request_record_access
from nutag.catalog.models import ServiceVersion
from nutag.core import audit
from nutag.core.errors import Conflict, DomainError, ValidationFailed
from nutag.core.permissions import require
from nutag.core.queries import Compiled
from nutag.results import codes, registry, rendering, signing
from nutag.results.choices import DocumentLanguage, DocumentStatus, VerificationMethod, VerificationResult
from nutag.results.models import ResultDocument, ResultTemplate, VerificationAttempt

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class RateLimited(DomainError):
    status_code = 429
    code = "rate_limited"


# Templates ------------------------------------------------------------------------------------------------------


@transaction.atomic
def template_save(
    *,
    version: ServiceVersion,
    actor: User,
    title_mn: str,
    body_mn: str,
    title_en: str = "",
    body_en: str = "",
    is_english_issued: bool = False,
) -> ResultTemplate:
    """Create or change the result template of a service version; documents already issued keep their text."""
    template = ResultTemplate.objects.select_for_update().filter(version=version).first() or ResultTemplate(
        version=version
    )
    require(actor, "edit", template, _("Only service designers write result templates."))
    fields = {r["name"] for r in version.form}
    problems: dict[str, list[str]] = {}
    for name, text in (
        ("title_mn", title_mn),
        ("body_mn", body_mn),
        ("title_en", title_en),
        ("body_en", body_en),
    ):
        unknown = rendering.unknown_placeholders(text, fields)
        if unknown:
            problems[name] = [
                _("Unknown placeholders: %(names)s") % {"names": ", ".join(f"{{{{ {n} }}}}" for n in unknown)}
            ]
    for name, text in (("title_mn", title_mn), ("body_mn", body_mn)):
        if not text.strip():
            problems.setdefault(name, []).append(_("This field is required."))
    if is_english_issued:
        for name, text in (("title_en", title_en), ("body_en", body_en)):
            if not text.strip():
                problems.setdefault(name, []).append(_("Needed when an English document is issued."))
    if problems:
        raise ValidationFailed(_("The template has problems."), details=problems)
    before = audit.snapshot(template, ["title_mn", "body_mn", "title_en", "body_en"]) if template.pk else None
    template.title_mn, template.body_mn = title_mn.strip(), body_mn.strip()
    template.title_en, template.body_en = title_en.strip(), body_en.strip()
    template.is_english_issued = is_english_issued
    template.updated_by = actor
    template.save()
    audit.record(
        actor=actor,
        action="result_template.saved",
        obj=template,
        before=before,
        after=audit.snapshot(template, ["title_mn", "body_mn", "title_en", "body_en", "is_english_issued"]),
    )
    return template


def _texts(version: ServiceVersion, template: ResultTemplate | None, language: str) -> tuple[str, str]:
    if template is None:
        name = version.result_name_en if language == "en" else version.result_name_mn
        return name or rendering.DEFAULT_TITLE[language], rendering.DEFAULT_BODY[language]
    if language == "en":
        return template.title_en, template.body_en
    return template.title_mn, template.body_mn


# Issuing --------------------------------------------------------------------------------------------------------


def _deciding_officer(request: Request) -> User | None:
    """The officer who completed the last step: the work item is closed before the process goes on to issue."""
    item = (
        WorkItem.objects.filter(request=request, completed_by__isnull=False)
        .select_related("completed_by")
        .order_by("-completed_at", "-id")
        .first()
    )
    if item is not None:
        return item.completed_by
    event = (
        RequestEvent.objects.filter(request=request, kind="decided", actor__isnull=False)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    return event.actor if event is not None else None


def verification_url(code: str) -> str:
    return f"{settings.NUTAG_SITE_URL.rstrip('/')}/documents/verify/{code}/"


def document_issue(
    *, request: Request, language: str, now: datetime.datetime, officer: User | None = None
) -> ResultDocument:
    """Render, sign and store the result of `request` in `language`. Runs inside the request's transaction (the
    process's issue-result task), so a request is completed only together with its document."""
    existing = ResultDocument.objects.filter(request=request, language=language).first()
    if existing is not None:
        return existing
    version = request.service_version
    template = ResultTemplate.objects.filter(version=version).first()
    title_template, body_template = _texts(version, template, language)
    organisation = request.organisation
    material = signing.material_for(organisation)
    code = codes.new_code()
    officer_name = (officer.full_name or officer.username) if officer else ""
    values = rendering.values_for(
        request, language=language, officer_name=officer_name, issued_at=now, code=code
    )
    title = rendering.fill(title_template, values)
    organisation_name = organisation.name_en if language == "en" else organisation.name_mn
    page = rendering.Page(
        language=language,
        title=title,
        body=rendering.fill(body_template, values),
        organisation=organisation_name,
        officer=officer_name,
        issued_on=values["issued_on"],
        number=request.number or "",
        verification_code=code,
        verification_url=verification_url(code),
        is_demo=material.is_demo,
    )
    content = signing.sign(
        rendering.render_pdf(page), material, reason=title, location=values["territory"] or organisation_name
    )
    digest = hashlib.sha256(content).hexdigest()
    document = ResultDocument(
        request=request,
        language=language,
        verification_code=code,
        title=title[:200],
        service_name=values["service"][:300],
        holder_name=values["applicant.name"][:200],
        holder_register_masked=request.applicant.masked_register_number,
        organisation=organisation,
        organisation_name=organisation_name[:200],
        issued_by=officer,
        issued_by_name=officer_name[:200],
        issued_at=now,
        size=len(content),
        sha256=digest,
        certificate_fingerprint=material.fingerprint,
        is_demo=material.is_demo,
    )
    document.file.save(f"{code}.pdf", ContentFile(content), save=False)  # storage never overwrites a name
    document.save()
    audit.record(
        actor=officer,
        action="result_document.issued",
        obj=document,
        after={"sha256": digest, "language": language, "request": request.number},
        territory_path=request.territory_path,
    )
    return document


def document_issue_hook(request: Request, now: datetime.datetime) -> dict[str, Any]:
    """The `issue-result` service task: a Mongolian document, and an English one where the service needs it."""
    template = ResultTemplate.objects.filter(version=request.service_version).first()
    languages = [DocumentLanguage.MONGOLIAN.value]
    if template is not None and template.is_english_issued:
        languages.append(DocumentLanguage.ENGLISH.value)
    officer = _deciding_officer(request)
    issued = [document_issue(request=request, language=lang, now=now, officer=officer) for lang in languages]
    return {"result_verification_code": issued[0].verification_code}


# Revoking, printing, downloading --------------------------------------------------------------------------------


@transaction.atomic
def document_revoke(
    *, document: ResultDocument, actor: User, reason: str, now: datetime.datetime | None = None
) -> ResultDocument:
    document = (
        ResultDocument.objects.select_for_update(of=("self",)).select_related("request").get(pk=document.pk)
    )
    require(actor, "revoke", document, _("Only officers and supervisors of the issuing office revoke it."))
    if not reason.strip():
        raise ValidationFailed(
            _("Give the reason for revoking the document."), details={"reason": ["required"]}
        )
    if document.is_revoked:
        raise Conflict(_("This document was already revoked."))
    moment = now or timezone.now()
    ResultDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.REVOKED, revoked_at=moment, revoked_by=actor, revocation_reason=reason.strip()
    )
    document.refresh_from_db()
    RequestEvent.objects.create(
        request=document.request,
        at=moment,
        actor=actor,
        kind="result_revoked",
        status_before=document.request.status,
        status_after=document.request.status,
        after={"verification_code": document.verification_code, "language": document.language},
        reason=reason.strip(),
    )
    audit.record(
        actor=actor,
        action="result_document.revoked",
        obj=document,
        before={"status": DocumentStatus.VALID},
        after={"status": DocumentStatus.REVOKED},
        reason=reason.strip(),
        territory_path=document.request.territory_path,
    )
    return document


@transaction.atomic
def document_record_print(*, document: ResultDocument, actor: User) -> None:
    """An operator printed the document for the citizen at a service point: the request's history shows it."""
    require(actor, "print", document, _("Only operators of this place print documents for citizens."))
    request = document.request
    RequestEvent.objects.create(
        request=request,
        at=timezone.now(),
        actor=actor,
        kind="result_printed",
        status_before=request.status,
        status_after=request.status,
        after={"verification_code": document.verification_code, "language": document.language},
    )
    request_record_access(
        request=request, staff=actor, what=_("Printed %(title)s") % {"title": document.title}
    )


def document_record_download(*, document: ResultDocument, actor: User) -> None:
    require(actor, "view", document)
    request_record_access(
        request=document.request, staff=actor, what=_("Downloaded %(title)s") % {"title": document.title}
    )


# Verifying ------------------------------------------------------------------------------------------------------


def _limit() -> tuple[int, int]:
    def read(name: str, default: int) -> int:
        value = getattr(settings, name, None) or os.environ.get(name)
        return int(value) if value not in (None, "") else default

    return read("NUTAG_VERIFY_RATE_LIMIT", 30), read("NUTAG_VERIFY_RATE_WINDOW_SECONDS", 60)


def client_hash(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


# The query behind every QR code scanned: compiled once per process (see core.queries).
_BY_CODE = Compiled(lambda code: ResultDocument.objects.filter(verification_code=code), placeholders=["-"])


def _admit(client: str, method: str, moment: datetime.datetime, code: str = "", sha: str = "") -> None:
    """At most NUTAG_VERIFY_RATE_LIMIT attempts per client in each window of NUTAG_VERIFY_RATE_WINDOW_SECONDS
    (0: no limit), counted in the cache: per process with the default local-memory cache, across processes once
    a shared cache is configured. Refusals are logged too."""
    limit, window = _limit()
    if not limit:
        return
    key = f"results:verify:{client}:{int(moment.timestamp()) // window}"
    try:  # the window's counter exists after the client's first check in it: one step (two with Redis)
        count = cache.incr(key)
    except ValueError:  # the first check in this window (or the counter was evicted)
        count = 1 if cache.add(key, 1, timeout=window * 2) else cache.incr(key)
    if count > limit:
        _log(
            at=moment,
            method=method,
            code=code[:32],
            uploaded_sha256=sha,
            result=VerificationResult.RATE_LIMITED,
            client_hash=client,
        )
        raise RateLimited(
            _("Too many checks from your address. Wait a minute and try again."),
            details={"retry_after_seconds": window},
        )


def _log(**fields: Any) -> None:
    VerificationAttempt.objects.create(**fields)  # autocommit: one round trip, kept even if the caller fails


@dataclass(frozen=True)
class Verification:
    result: str
    code: str = ""
    document: ResultDocument | None = None
    signature: signing.SignatureCheck | None = None
    record: registry.VerifiedRecord | None = None

    @property
    def is_genuine(self) -> bool:
        return self.result in (VerificationResult.VALID, VerificationResult.REVOKED)


def _result_of(document: ResultDocument) -> str:
    return VerificationResult.REVOKED if document.is_revoked else VerificationResult.VALID


def document_verify_code(
    *, code: str, client: str, now: datetime.datetime | None = None, with_records: bool = False
) -> Verification:
    """Look a document up by the code printed on it (or in its QR code). `with_records` also asks the other apps'
    resolvers (registry.py), whose codes need not carry a check character (older training certificates)."""
    moment = now or timezone.now()
    typed = codes.normalise(code)[:32]
    _admit(client, VerificationMethod.CODE, moment, code=typed)
    document = None
    record = None
    result: str
    if codes.is_valid(typed):
        document = _BY_CODE.first(typed)
    if document is None and with_records:
        record = registry.record_for_code(typed)
    if document is not None:
        result = _result_of(document)
    elif record is not None:
        result = VerificationResult.REVOKED if record.is_revoked else VerificationResult.VALID
    elif not codes.is_valid(typed):
        result = VerificationResult.INVALID_CODE
    else:
        result = VerificationResult.UNKNOWN
    _log(
        at=moment,
        method=VerificationMethod.CODE,
        code=typed,
        document=document,
        result=result,
        client_hash=client,
    )
    return Verification(result=result, code=typed, document=document, record=record)


def document_verify_upload(
    *, content: bytes, client: str, now: datetime.datetime | None = None
) -> Verification:
    """Check an uploaded PDF: genuine only if it is byte for byte a document issued here, whose signature also
    validates; anything else (a changed copy, a document from elsewhere) reads as not genuine."""
    moment = now or timezone.now()
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(_("The file is larger than 10 MB."), details={"file": ["too large"]})
    if not content.startswith(b"%PDF-"):
        raise ValidationFailed(_("This is not a PDF file."), details={"file": ["not a PDF"]})
    digest = hashlib.sha256(content).hexdigest()
    _admit(client, VerificationMethod.UPLOAD, moment, sha=digest)
    check = signing.check(content)
    document = ResultDocument.objects.filter(sha256=digest).first()
    result: str
    if document is not None and check.is_valid:
        result = _result_of(document)
    elif document is not None or check.is_signed:
        result = VerificationResult.TAMPERED
    else:
        result = VerificationResult.UNKNOWN
    _log(
        at=moment,
        method=VerificationMethod.UPLOAD,
        code=document.verification_code if document else "",
        uploaded_sha256=digest,
        document=document,
        result=result,
        client_hash=client,
    )
    return Verification(
        result=result, code=document.verification_code if document else "", document=document, signature=check
    )
