"""Reads of result documents, already filtered by what the user may see."""

from typing import Any

from django.db.models import QuerySet

from nutag.cases.models import Request
from nutag.core.errors import NotFound
from nutag.core.permissions import may, visible_to
from nutag.results.models import ResultDocument, ResultTemplate


def document_get_for_user(*, user: Any, pk: int) -> ResultDocument:
    """A document the user may see; others get "not found", so that ids reveal nothing."""
    document = (
        ResultDocument.objects.select_related(
            "request__applicant", "request__service_version", "organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if document is None or not may(user, "view", document):
        raise NotFound("No such document.")
    return document


def documents_for_request(*, user: Any, request: Request) -> QuerySet[ResultDocument]:
    return visible_to(user, ResultDocument.objects.filter(request=request)).order_by("language")


def documents_for_user(*, user: Any) -> QuerySet[ResultDocument]:
    return (
        visible_to(user, ResultDocument.objects.all()).select_related("request").order_by("-issued_at", "-id")
    )


def template_for_version(*, version_id: int) -> ResultTemplate | None:
    return ResultTemplate.objects.filter(version_id=version_id).select_related("version").first()
