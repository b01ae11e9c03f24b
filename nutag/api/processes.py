"""Process models over the API: metadata, the original BPMN file, the drawing, uploads of reference processes
(to a draft service version) and variants (to an adoption), and the comparison of a variant with its
reference. Every refusal comes back in the uniform error body (nutag.api.errors)."""

from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from nutag.catalog.models import Adoption, ServiceVersion
from nutag.core.errors import NotFound
from nutag.core.permissions import visible_to
from nutag.processes import selectors
from nutag.processes.modeling.reader import MAX_FILE_BYTES
from nutag.processes.models import ProcessModel
from nutag.processes.permissions import may_see_variants_of
from nutag.processes.services import process_model_upload

ERROR_RESPONSES = {
    400: OpenApiResponse(
        description="Uniform error body: the file is not BPMN 2.0, or the request is invalid"
    ),
    403: OpenApiResponse(description="Uniform error body: not allowed"),
    404: OpenApiResponse(description="Uniform error body: no such object, or not visible to you"),
    409: OpenApiResponse(description="Uniform error body: the service version is published (frozen)"),
}


class _FileRenderer(BaseRenderer):
    """Lets clients ask for the file's own media type; error bodies still come as JSON text."""

    charset = None

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


class BpmnRenderer(_FileRenderer):
    media_type = "application/xml"
    format = "bpmn"


class SvgRenderer(_FileRenderer):
    media_type = "image/svg+xml"
    format = "svg"


class ProblemSerializer(serializers.Serializer[dict[str, str]]):
    element_id = serializers.CharField()
    element_name = serializers.CharField()
    what = serializers.CharField(help_text="What is wrong, in plain words")
    how_to_fix = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning"])


class ProcessModelSerializer(serializers.ModelSerializer[ProcessModel]):
    kind = serializers.SerializerMethodField()
    service = serializers.SerializerMethodField()
    problems = ProblemSerializer(many=True, read_only=True)
    uploaded_by = serializers.SerializerMethodField()
    bpmn_url = serializers.SerializerMethodField()
    svg_url = serializers.SerializerMethodField()

    class Meta:
        model = ProcessModel
        fields = [
            "id",
            "kind",
            "service",
            "version",
            "adoption",
            "number",
            "is_current",
            "file_name",
            "process_id",
            "process_name",
            "is_executable",
            "problems",
            "spec_hash",
            "element_count",
            "uploaded_by",
            "uploaded_at",
            "bpmn_url",
            "svg_url",
        ]
        read_only_fields = fields

    def get_kind(self, model: ProcessModel) -> str:
        return "variant" if model.adoption_id else "reference"

    def get_service(self, model: ProcessModel) -> str:
        owner = model.adoption if model.adoption_id else model.version
        return owner.service.code if owner else ""

    def get_uploaded_by(self, model: ProcessModel) -> str | None:
        return model.uploaded_by.username if model.uploaded_by else None

    def _url(self, name: str, model: ProcessModel) -> str:
        path = reverse(name, kwargs={"pk": model.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_bpmn_url(self, model: ProcessModel) -> str:
        return self._url("api:process-model-bpmn", model)

    def get_svg_url(self, model: ProcessModel) -> str:
        return self._url("api:process-model-svg", model)


class ProcessUploadSerializer(serializers.Serializer[dict[str, Any]]):
    file = serializers.FileField(help_text="A BPMN 2.0 file (multipart/form-data)")

    def validate_file(self, upload: Any) -> Any:
        if upload.size > MAX_FILE_BYTES:
            raise serializers.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // 1_000_000}
            )
        return upload


class ChangeSerializer(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=["added", "removed", "changed"])
    element_id = serializers.CharField()
    element_name = serializers.CharField()
    what = serializers.CharField()
    category = serializers.ChoiceField(choices=["step", "flow", "role", "condition", "timer", "name", "type"])
    weight = serializers.FloatField()


class ComparisonSerializer(serializers.Serializer[Any]):
    reference = ProcessModelSerializer()
    variant = ProcessModelSerializer()
    variance = serializers.FloatField(help_text="0 = identical; see nutag.processes.modeling.comparison")
    changes = ChangeSerializer(many=True)
    svg = serializers.CharField(help_text="The variant drawn with added, removed and changed elements marked")


def _upload(request: Request, owner: ServiceVersion | Adoption) -> Response:
    serializer = ProcessUploadSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    upload = serializer.validated_data["file"]
    model = process_model_upload(
        owner=owner, file_name=upload.name or "", content=upload.read(), actor=request.user
    )
    data = ProcessModelSerializer(model, context={"request": request}).data
    return Response(data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Process models you may see",
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=["reference", "variant"]),
            OpenApiParameter("executable", OpenApiTypes.STR, enum=["yes", "no"]),
            OpenApiParameter("service", OpenApiTypes.STR, description="Service code (part of it)"),
            OpenApiParameter("all", OpenApiTypes.BOOL, description="Include replaced model versions"),
        ],
    ),
    retrieve=extend_schema(summary="One process model: metadata and problems"),
)
class ProcessModelViewSet(viewsets.ReadOnlyModelViewSet[ProcessModel]):
    queryset = ProcessModel.objects.none()  # the schema's view of the model; requests use get_queryset
    serializer_class = ProcessModelSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[ProcessModel]:
        params = self.request.query_params
        return selectors.process_models_for_list(
            user=self.request.user,
            kind=params.get("kind", ""),
            executable=params.get("executable", ""),
            current_only=params.get("all", "").lower() not in ("1", "true", "yes"),
            query=params.get("service", "")[:60],
        )

    def get_object(self) -> ProcessModel:
        return selectors.process_model_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="The original BPMN file, byte for byte",
        responses={(200, "application/xml"): OpenApiTypes.BINARY, 404: ERROR_RESPONSES[404]},
    )
    @action(detail=True, methods=["get"], url_path="bpmn", renderer_classes=[JSONRenderer, BpmnRenderer])
    def bpmn(self, request: Request, pk: str | None = None) -> HttpResponse:
        model = self.get_object()
        response = HttpResponse(model.original_bytes, content_type="application/xml")
        response["Content-Disposition"] = content_disposition_header(True, model.file_name)
        return response

    @extend_schema(
        summary="The model drawn as SVG",
        responses={(200, "image/svg+xml"): OpenApiTypes.STR, 404: ERROR_RESPONSES[404]},
    )
    @action(detail=True, methods=["get"], url_path="svg", renderer_classes=[JSONRenderer, SvgRenderer])
    def svg(self, request: Request, pk: str | None = None) -> HttpResponse:
        model = self.get_object()
        response = HttpResponse(model.svg, content_type="image/svg+xml; charset=utf-8")
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response


VERSION_PARAMETERS = [
    OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="Service code"),
    OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH, description="Version number"),
]
ADOPTION_PARAMETERS = [OpenApiParameter("adoption_id", OpenApiTypes.INT, OpenApiParameter.PATH)]


class ServiceVersionProcessViewSet(viewsets.GenericViewSet[Any]):
    """Upload the reference process of a draft service version (``/services/{code}/versions/{number}/...``,
    the catalogue's own address of a version)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]
    serializer_class = ProcessUploadSerializer

    def get_queryset(self) -> QuerySet[ServiceVersion]:
        return visible_to(self.request.user, ServiceVersion.objects.select_related("service"))

    @extend_schema(
        summary="Upload the reference process of a draft service version",
        description="Files Nutag cannot run are stored and marked not executable, with every problem; "
        "malformed XML and non-BPMN files are refused (400) and nothing is stored. Published versions are "
        "frozen (409).",
        parameters=VERSION_PARAMETERS,
        request={"multipart/form-data": ProcessUploadSerializer},
        responses={201: ProcessModelSerializer, **ERROR_RESPONSES},
    )
    @action(detail=False, methods=["post"], url_path="process-model")
    def process_model(self, request: Request, code: str = "", number: str = "") -> Response:
        version = self.get_queryset().filter(service__code=code, number=number).first()
        if version is None:
            raise NotFound(_("There is no such service version."))
        return _upload(request, version)


class AdoptionProcessViewSet(viewsets.GenericViewSet[Any]):
    """Upload an adoption's local variant; compare it with the reference process."""

    permission_classes = [IsAuthenticated]
    serializer_class = ProcessUploadSerializer

    def get_queryset(self) -> QuerySet[Adoption]:
        return visible_to(
            self.request.user, Adoption.objects.select_related("service", "version", "territory")
        )

    def _adoption(self, adoption_id: str) -> Adoption:
        adoption = self.get_queryset().filter(pk=adoption_id).first()
        if adoption is None:
            raise NotFound(_("There is no such adoption."))
        return adoption

    @extend_schema(
        summary="Upload the local variant of an adoption's process",
        parameters=ADOPTION_PARAMETERS,
        request={"multipart/form-data": ProcessUploadSerializer},
        responses={201: ProcessModelSerializer, **ERROR_RESPONSES},
    )
    @action(detail=False, methods=["post"], url_path="process-model", parser_classes=[MultiPartParser])
    def process_model(self, request: Request, adoption_id: str = "") -> Response:
        return _upload(request, self._adoption(adoption_id))

    @extend_schema(
        summary="The adoption's variant compared with its reference process",
        parameters=ADOPTION_PARAMETERS,
        responses={200: ComparisonSerializer, 404: ERROR_RESPONSES[404]},
    )
    @action(detail=False, methods=["get"], url_path="process-comparison")
    def process_comparison(self, request: Request, adoption_id: str = "") -> Response:
        adoption = self._adoption(adoption_id)
        comparison = (
            selectors.adoption_comparison(adoption) if may_see_variants_of(request.user, adoption) else None
        )
        if comparison is None:
            raise NotFound(_("This adoption has no variant with a reference process to compare it with."))
        data = ComparisonSerializer(
            {
                "reference": comparison.reference,
                "variant": comparison.variant,
                "variance": comparison.variance,
                "changes": [asdict(change) for change in comparison.changes],
                "svg": comparison.svg,
            },
            context={"request": request},
        ).data
        return Response(data)


def register(router: DefaultRouter) -> None:
    """Registers the process-model endpoints on the v1 router."""
    router.register("process-models", ProcessModelViewSet, basename="process-model")
    # Prefixes with the owner's id, so that these add addresses below the catalogue's own endpoints
    # (/services/{code}/versions/{number}/process-model, /adoptions/{id}/process-model) without taking
    # the catalogue's place in the API root.
    router.register(
        r"services/(?P<code>[A-Z][A-Z0-9-]*)/versions/(?P<number>[0-9]+)",
        ServiceVersionProcessViewSet,
        basename="version-process",
    )
    router.register(r"adoptions/(?P<adoption_id>[0-9]+)", AdoptionProcessViewSet, basename="adoption-process")
