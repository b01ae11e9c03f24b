"""Work waiting in the demo officers' queues: requests of the demo citizens, made and submitted through the same
services a citizen's application goes through (answers checked, documents checked on content, the process started),
some of them submitted long enough ago to be overdue. Idempotent: each has its own idempotency key."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from nutag.accounts.models import User
from nutag.cases import answers, services
from nutag.cases.choices import Channel, RequestStatus
from nutag.cases.models import Request
from nutag.catalog.choices import AdoptionStatus
from nutag.catalog.models import Adoption
from nutag.processes.selectors import process_model_for_adoption

# A one-page PDF standing in for a scanned identity card.
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# (citizen, soum of the service, how many requests, days since the oldest was submitted)
WAITING = [
    ("demo-citizen-bkh", "6401", 4, 12),
    ("demo-citizen-baatsagaan", "6404", 3, 9),
    ("demo-citizen-sainshand", "4401", 2, 3),
]


def _sample_answer(field: dict[str, Any]) -> Any:
    kind = field.get("type")
    if kind in ("choice", "multichoice"):
        first = field["choices"][0]["value"]
        return [first] if kind == "multichoice" else first
    if kind == "number":
        return field.get("min", 1)
    return {
        "date": timezone.localdate().isoformat(),
        "boolean": True,
        "phone": "99112233",
        "email": "citizen@example.mn",
        "register_number": "ВЮ85031412",
    }.get(str(kind), "Демо хариулт")


def _sample_answers(adoption: Adoption) -> dict[str, Any]:
    filled: dict[str, Any] = {}
    for field in answers.form_fields(adoption):
        if field.get("required"):
            filled[field["name"]] = _sample_answer(field)
    return filled


def _runnable(adoption: Adoption) -> bool:
    model = process_model_for_adoption(adoption)
    return model is not None and model.is_executable


@transaction.atomic
def waiting_requests_demo_load(*, now: datetime.datetime | None = None) -> int:
    """Submitted requests for the demo officers; returns how many were made (0 on a second run)."""
    moment = now or timezone.now()
    made = 0
    for username, soum, count, oldest_days in WAITING:
        citizen = User.objects.filter(username=username).first()
        if citizen is None:
            continue
        adoptions = [
            adoption
            for adoption in Adoption.objects.filter(territory__code=soum, status=AdoptionStatus.OFFERED)
            .select_related("version", "service", "territory", "organisation")
            .order_by("service__code")
            if Channel.ONLINE in adoption.channels and _runnable(adoption)
        ][:count]
        for number, adoption in enumerate(adoptions):
            key = f"demo-waiting-{username}-{number}"
            if Request.objects.filter(applicant=citizen, idempotency_key=key).exists():
                continue
            submitted_at = moment - datetime.timedelta(days=oldest_days * (count - number) / count)
            request = services.request_start(
                adoption=adoption,
                applicant=citizen,
                actor=citizen,
                form_data=_sample_answers(adoption),
                idempotency_key=key,
                now=submitted_at - datetime.timedelta(minutes=20),
            )
            for document in answers.documents_required(adoption):
                if document.get("is_mandatory"):
                    services.request_attach_document(
                        request=request,
                        actor=citizen,
                        code=document["code"],
                        name=f"{document['code'].lower()}.pdf",
                        content=DEMO_PDF,
                        now=submitted_at - datetime.timedelta(minutes=5),
                    )
            submitted = services.request_submit(request=request, actor=citizen, now=submitted_at)
            made += submitted.status != RequestStatus.DRAFT
    return made
