"""Result documents over HTTP: public verification (by code, or by uploading the PDF), and for those who may see a
document its details, its PDF and (for officers of the issuing office) its revocation."""

import datetime
from typing import Any

from django.http import FileResponse, JsonResponse
from django.http import HttpRequest as DjangoRequest
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from nutag.accounts.models import acting_user
from nutag.api.errors import error_body
from nutag.core.errors import DomainError
from nutag.results import selectors, services
from nutag.results.models import ResultDocument
from nutag.results.views import client_of

STATUS_HELP = "valid, or revoked (by an officer of the issuing office)"


class DocumentSerializer(serializers.ModelSerializer[ResultDocument]):
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    request_number = serializers.CharField(source="request.number", read_only=True)
    organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = ResultDocument
        fields = [
            "id",
            "request",
            "request_number",
            "language",
            "title",
            "service_name",
            "holder_name",
            "organisation",
            "organisation_name",
            "issued_by_name",
            "issued_at",
            "verification_code",
            "sha256",
            "size",
            "is_demo",
            "status",
            "revoked_at",
            "revocation_reason",
        ]


class PublicDocumentSerializer(serializers.ModelSerializer[ResultDocument]):
    """What verification shows: enough to recognise the document, not the citizen's record."""

    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)

    class Meta:
        model = ResultDocument
        fields = [
            "title",
            "service_name",
            "holder_name",
            "holder_register_masked",
            "organisation_name",
            "issued_by_name",
            "issued_at",
            "status",
            "revoked_at",
            "is_demo",
        ]


class SignatureSerializer(serializers.Serializer[Any]):
    is_signed = serializers.BooleanField()
    is_intact = serializers.BooleanField()
    is_trusted = serializers.BooleanField()
    covers_whole_file = serializers.BooleanField()
    is_signature_valid = serializers.BooleanField(
        source="is_valid", help_text="intact, covering the whole file, from a trusted certificate"
    )
    signer = serializers.CharField()


class VerificationSerializer(serializers.Serializer[Any]):
    result = serializers.ChoiceField(
        choices=["valid", "revoked", "unknown", "tampered", "invalid_code"],
        help_text="valid and revoked documents are genuine; revoked ones no longer hold",
    )
    is_genuine = serializers.BooleanField()
    code = serializers.CharField()
    document = PublicDocumentSerializer(allow_null=True)
    signature = SignatureSerializer(allow_null=True, required=False)


class DocumentUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="The PDF as received (at most 10 MB)")


class RevokeSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


PUBLIC_FIELDS = PublicDocumentSerializer.Meta.fields


def _verification_body(verification: services.Verification) -> dict[str, Any]:
    """The VerificationSerializer's shape, built directly: this endpoint is the hot path of the QR codes."""
    document = verification.document
    signature = verification.signature
    return {
        "result": verification.result,
        "is_genuine": verification.is_genuine,
        "code": verification.code,
        "document": {
            name: timezone.localtime(value).isoformat() if isinstance(value, datetime.datetime) else value
            for name, value in ((name, getattr(document, name)) for name in PUBLIC_FIELDS)
        }
        if document is not None
        else None,
        "signature": {
            "is_signed": signature.is_signed,
            "is_intact": signature.is_intact,
            "is_trusted": signature.is_trusted,
            "covers_whole_file": signature.covers_whole_file,
            "is_signature_valid": signature.is_valid,
            "signer": signature.signer,
        }
        if signature is not None
        else None,
    }


class VerificationViewSet(viewsets.ViewSet):
    """Public: anyone may check a document. Attempts are logged and limited per client address (429)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9-]{1,32}"

    @extend_schema(summary="Check a document by its verification code", responses=VerificationSerializer)
    def retrieve(self, request: HttpRequest, code: str) -> Response:
        verification = services.document_verify_code(code=code, client=client_of(request))
        return Response(_verification_body(verification))

    @extend_schema(
        summary="Check an uploaded PDF: its hash against the documents issued and its signature",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses=VerificationSerializer,
    )
    def create(self, request: HttpRequest) -> Response:
        payload = DocumentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        verification = services.document_verify_upload(
            content=payload.validated_data["file"].read(services.MAX_UPLOAD_BYTES + 1),
            client=client_of(request),
        )
        return Response(_verification_body(verification))

    def get_parsers(self) -> list[Any]:
        return [MultiPartParser()] if getattr(self, "action", None) == "create" else super().get_parsers()


@csrf_exempt  # public and read-only, like every API view: other methods get the uniform 405 below
def verification_by_code(request: DjangoRequest, code: str) -> JsonResponse:
    """GET documents/verify/{code}, the path every scanned QR code takes, served without DRF's machinery
    (negotiation, parsers, renderers; a fifth of this request's cost): the same body and the same error body as
    VerificationViewSet.retrieve, which remains the documented operation of the schema (a test holds them equal)."""
    if request.method not in ("GET", "HEAD"):
        refused = JsonResponse(
            error_body(
                "method_not_allowed", _("Method “%(method)s” not allowed.") % {"method": request.method}
            ),
            status=405,
        )
        refused["Allow"] = "GET, HEAD"
        return refused
    try:
        verification = services.document_verify_code(code=code, client=client_of(request))
    except DomainError as error:
        return JsonResponse(error_body(error.code, error.message, error.details), status=error.status_code)
    return JsonResponse(_verification_body(verification), json_dumps_params={"ensure_ascii": False})


class DocumentViewSet(viewsets.GenericViewSet[ResultDocument]):
    serializer_class = DocumentSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = "[0-9]+"
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return selectors.documents_for_user(user=self.request.user)

    def _document(self, pk: str) -> ResultDocument:
        return selectors.document_get_for_user(user=self.request.user, pk=int(pk))

    @extend_schema(summary="A result document you may see")
    def retrieve(self, request: HttpRequest, pk: str) -> Response:
        return Response(DocumentSerializer(self._document(pk)).data)

    @extend_schema(
        summary="The signed PDF",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"])
    def download(self, request: HttpRequest, pk: str) -> FileResponse:
        document = self._document(pk)
        services.document_record_download(document=document, actor=acting_user(request))
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.file_name,
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary="Revoke the document (officers and supervisors of the issuing office)",
        request=RevokeSerializer,
        responses=DocumentSerializer,
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: HttpRequest, pk: str) -> Response:
        payload = RevokeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.document_revoke(
            document=self._document(pk), actor=acting_user(request), reason=payload.validated_data["reason"]
        )
        return Response(DocumentSerializer(document).data)


PATHS = [
    path(
        "documents/verify/<str:code>",
        verification_by_code,
        name="document-verification-by-code",
    )
]


def register(router: DefaultRouter) -> None:
    """Registers this app's endpoints on the v1 router."""
    router.register("documents/verify", VerificationViewSet, basename="document-verification")
    router.register("documents", DocumentViewSet, basename="document")
