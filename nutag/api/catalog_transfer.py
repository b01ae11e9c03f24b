"""Catalogue export and import (docs/catalogue-format.md), included under /api/v1/catalogue/."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from nutag.catalog import transfer
from nutag.core.errors import ValidationFailed

ErrorSerializer = inline_serializer(
    "CatalogueTransferError",
    fields={
        "error": inline_serializer(
            "CatalogueTransferErrorBody",
            fields={
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "details": serializers.JSONField(),
            },
        )
    },
)
ReportSerializer = inline_serializer(
    "CatalogueImportReport",
    fields={
        "ok": serializers.BooleanField(help_text="False when anything is rejected; then nothing is imported"),
        "applied": serializers.BooleanField(help_text="True when the import was written (not a dry run)"),
        "created": serializers.ListField(child=serializers.CharField()),
        "updated": serializers.ListField(child=serializers.CharField()),
        "unchanged": serializers.IntegerField(),
        "rejected": inline_serializer(
            "CatalogueImportRejection",
            many=True,
            fields={"what": serializers.CharField(), "reason": serializers.CharField()},
        ),
    },
)
UploadSerializer = inline_serializer(
    "CatalogueImportUpload",
    fields={
        "file": serializers.FileField(help_text="A nutag-catalogue JSON document or XLSX workbook, ≤ 10 MB")
    },
)


class _IgnoreFormatParameter(DefaultContentNegotiation):
    """`format` names the export's file format here, not a DRF renderer."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


class CatalogueExportView(APIView):
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = _IgnoreFormatParameter

    @extend_schema(
        summary="Export the catalogue, or one service, with versions and adoptions",
        description=(
            "Signed-in staff. Drafts are included for service designers only; adoptions are those the user "
            "may see. The JSON document is format nutag-catalogue version 1."
        ),
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx"], default="json"),
            OpenApiParameter("service", OpenApiTypes.STR, description="Code of one reference service"),
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, transfer.XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request) -> HttpResponse:
        kind = request.query_params.get("format", "json")
        if kind not in ("json", "xlsx"):
            raise ValidationFailed(_("format must be json or xlsx."), details={"format": ["json", "xlsx"]})
        service_code = request.query_params.get("service", "").strip()
        exported = transfer.catalogue_export_file(actor=request.user, service_code=service_code, kind=kind)
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response


class CatalogueImportView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Import a catalogue file, all or nothing (designers, organisation admins)",
        description=(
            "With dry_run=1 only the pre-check report is returned (200, with rejections listed). Otherwise the "
            "file is imported when nothing is rejected; when anything is, nothing is written and the answer is "
            "400 with the report in error.details.report."
        ),
        parameters=[OpenApiParameter("dry_run", OpenApiTypes.BOOL, default=False)],
        request={"multipart/form-data": UploadSerializer},
        responses={200: ReportSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        transfer.require_importer(request.user)
        upload: Any = request.FILES.get("file")
        if upload is None:
            raise ValidationFailed(
                _("Attach the catalogue as the multipart field 'file'."), details={"file": ["required"]}
            )
        if upload.size > transfer.MAX_FILE_BYTES:
            raise ValidationFailed(_("The file is larger than 10 MB."))
        data = transfer.read_file(upload.read(), upload.name or "")
        dry_run = request.query_params.get("dry_run", "").lower() in ("1", "true", "yes")
        if dry_run:
            return Response(transfer.precheck(data, request.user).as_dict() | {"applied": False})
        return Response(transfer.apply(data, request.user).as_dict() | {"applied": True})


urlpatterns = [
    path("export", CatalogueExportView.as_view(), name="catalogue-export"),
    path("import", CatalogueImportView.as_view(), name="catalogue-import"),
]
