"""Catalogue endpoints: reference services and versions (with comparison), adoptions, coverage."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from nutag.catalog import services
from nutag.catalog.models import CONTENT_FIELDS, Adoption, ReferenceService, ServiceVersion
from nutag.catalog.selectors import adoptions_behind, coverage_summary, published_services, versions_compare
from nutag.core.errors import NotFound
from nutag.core.permissions import visible_to
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit


class VersionSerializer(serializers.ModelSerializer[ServiceVersion]):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ServiceVersion
        fields = ["service", "number", "status", *CONTENT_FIELDS, "published_at"]
        read_only_fields = ["service", "number", "status", "published_at"]


class ServiceSerializer(serializers.ModelSerializer[ReferenceService]):
    current_version = VersionSerializer(read_only=True)

    class Meta:
        model = ReferenceService
        fields = ["code", "current_version"]


class ServiceCreateSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(max_length=40)
    version = serializers.JSONField(help_text="The content fields of the first draft version")


class DifferenceSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    label = serializers.CharField()
    before = serializers.JSONField()
    after = serializers.JSONField()
    added = serializers.ListField(child=serializers.CharField())
    removed = serializers.ListField(child=serializers.CharField())
    changed = serializers.ListField(child=serializers.CharField())


class AdoptionSerializer(serializers.ModelSerializer[Adoption]):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    derived_from = serializers.IntegerField(source="derived_from.number", read_only=True)
    current_version = serializers.IntegerField(source="service.current_version.number", read_only=True)
    territory = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Adoption
        fields = [
            "id",
            "service",
            "version",
            "derived_from",
            "current_version",
            "territory",
            "organisation",
            "status",
            "channels",
            "fee_mnt",
            "service_norm_days",
            "extra_documents",
            "extra_form_fields",
            "note_mn",
            "note_en",
            "variance",
        ]


class AdoptionWriteSerializer(serializers.Serializer[Any]):
    service = serializers.CharField(help_text="Code of the reference service")
    version = serializers.IntegerField(
        required=False, help_text="Published version number; default: the current one"
    )
    territory = serializers.CharField(help_text="Code of the aimag or soum")
    organisation = serializers.CharField(help_text="Code of the delivering organisation")
    status = serializers.ChoiceField(choices=["planned", "offered"], default="planned")
    channels = serializers.ListField(child=serializers.CharField(), required=False)
    fee_mnt = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    service_norm_days = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    extra_documents = serializers.JSONField(required=False)
    extra_form_fields = serializers.JSONField(required=False)


class AdoptionStatusSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=["planned", "offered", "suspended", "withdrawn"])
    reason = serializers.CharField(required=False, allow_blank=True, default="")


def _version(service: ReferenceService, number: Any, user: Any) -> ServiceVersion:
    version = visible_to(user, service.versions.all()).filter(number=number).first()
    if version is None:
        raise NotFound(f"Version {number} of {service.code} does not exist.")
    return version


@extend_schema_view(
    list=extend_schema(
        summary="Published reference services",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("category", OpenApiTypes.STR),
            OpenApiParameter("life_event", OpenApiTypes.STR),
        ],
    ),
    retrieve=extend_schema(summary="One reference service with its current version"),
)
class ServiceViewSet(viewsets.ReadOnlyModelViewSet[ReferenceService]):
    serializer_class = ServiceSerializer
    lookup_field = "code"
    filter_backends: list[Any] = []
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[ReferenceService]:
        params = self.request.query_params
        if self.action == "list":
            return published_services(
                query=params.get("q", ""),
                category=params.get("category", ""),
                life_event=params.get("life_event", ""),
            )
        return ReferenceService.objects.select_related("current_version")

    @extend_schema(
        summary="Create a reference service with its first draft (designers)",
        request=ServiceCreateSerializer,
        responses={201: VersionSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = ServiceCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        version = services.service_create(
            code=payload.validated_data["code"], data=payload.validated_data["version"], actor=request.user
        )
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="The versions of a service you may see", responses=VersionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, code: str) -> Response:
        service = self.get_object()
        return Response(
            VersionSerializer(
                visible_to(request.user, service.versions.all()).order_by("-number"), many=True
            ).data
        )

    @extend_schema(
        summary="Compare two versions field by field",
        responses=DifferenceSerializer(many=True),
        parameters=[
            OpenApiParameter("from", OpenApiTypes.INT, required=True),
            OpenApiParameter("to", OpenApiTypes.INT, required=True),
        ],
    )
    @action(detail=True, methods=["get"])
    def compare(self, request: Request, code: str) -> Response:
        service = self.get_object()
        older = _version(service, request.query_params.get("from"), request.user)
        newer = _version(service, request.query_params.get("to"), request.user)
        return Response(DifferenceSerializer(versions_compare(older, newer), many=True).data)


class VersionViewSet(viewsets.GenericViewSet[ServiceVersion]):
    """Drafts: change, publish, retire. URL: /services/{code}/versions/{number}/..."""

    serializer_class = VersionSerializer
    permission_classes = [IsAuthenticated]

    def _get(self, code: str, number: str) -> ServiceVersion:
        return _version(get_object_or_404(ReferenceService, code=code), number, self.request.user)

    @extend_schema(summary="Change a draft version (designers)", request=VersionSerializer)
    def partial_update(self, request: Request, code: str, number: str) -> Response:
        version = services.version_update(
            version=self._get(code, number), data=dict(request.data), actor=request.user
        )
        return Response(VersionSerializer(version).data)

    @extend_schema(
        summary="Start a new draft from the newest version (designers)",
        request=None,
        responses={201: VersionSerializer},
    )
    def start_draft(self, request: Request, code: str) -> Response:
        draft = services.version_start_draft(
            service=get_object_or_404(ReferenceService, code=code), actor=request.user
        )
        return Response(VersionSerializer(draft).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Publish a draft (designers)", request=None)
    def publish(self, request: Request, code: str, number: str) -> Response:
        return Response(
            VersionSerializer(
                services.version_publish(version=self._get(code, number), actor=request.user)
            ).data
        )

    @extend_schema(summary="Retire a published version (designers)", request=None)
    def retire(self, request: Request, code: str, number: str) -> Response:
        return Response(
            VersionSerializer(
                services.version_retire(version=self._get(code, number), actor=request.user)
            ).data
        )


@extend_schema_view(
    list=extend_schema(
        summary="Adoptions you may see",
        parameters=[
            OpenApiParameter(
                "territory", OpenApiTypes.STR, description="Code of an aimag or soum: it and below"
            ),
            OpenApiParameter("service", OpenApiTypes.STR),
            OpenApiParameter("behind", OpenApiTypes.BOOL, description="Only adoptions on an older version"),
        ],
    ),
)
class AdoptionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Adoption]):
    serializer_class = AdoptionSerializer
    filter_backends: list[Any] = []
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Adoption]:
        params = self.request.query_params
        path = ""
        if params.get("territory"):
            unit = TerritoryUnit.objects.filter(code=params["territory"]).first()
            path = unit.path if unit else "-"
        if params.get("behind") in ("1", "true"):
            adoptions = adoptions_behind(user=self.request.user, territory_path=path)
        else:
            adoptions = visible_to(self.request.user, Adoption.objects.all())
            if path:
                adoptions = adoptions.filter(territory_path__startswith=path)
        if params.get("service"):
            adoptions = adoptions.filter(service__code=params["service"])
        return adoptions.select_related(
            "service__current_version", "version", "derived_from", "territory", "organisation"
        ).order_by("territory_path", "service__code")

    @extend_schema(
        summary="Adopt a published version for an aimag or soum (organisation admins)",
        request=AdoptionWriteSerializer,
        responses={201: AdoptionSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = AdoptionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        service = ReferenceService.objects.filter(code=data.pop("service")).first()
        if service is None or service.current_version is None:
            raise NotFound(_("No published reference service has this code."))
        number = data.pop("version", None)
        version = _version(service, number, request.user) if number else service.current_version
        territory = TerritoryUnit.objects.filter(code=data.pop("territory")).first()
        organisation = Organisation.objects.filter(code=data.pop("organisation")).first()
        if territory is None or organisation is None:
            raise NotFound(_("Unknown territory or organisation code."))
        adoption = services.adoption_create(
            version=version, territory=territory, organisation=organisation, actor=request.user, **data
        )
        return Response(AdoptionSerializer(adoption).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change the status of an adoption (planned, offered, suspended, withdrawn)",
        request=AdoptionStatusSerializer,
    )
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, pk: str) -> Response:
        payload = AdoptionStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        adoption = services.adoption_set_status(
            adoption=self.get_object(), actor=request.user, **payload.validated_data
        )
        return Response(AdoptionSerializer(adoption).data)


CoverageSerializer = inline_serializer(
    "Coverage",
    fields={
        "aimags": inline_serializer(
            "AimagCoverage",
            many=True,
            fields={
                "code": serializers.CharField(),
                "name_mn": serializers.CharField(),
                "name_en": serializers.CharField(),
                "offered": serializers.IntegerField(),
                "share": serializers.FloatField(),
            },
        ),
        "distinct_total": serializers.IntegerField(),
        "catalogue_size": serializers.IntegerField(),
    },
)


class CoverageViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        summary="Services offered per aimag and distinct services offered anywhere",
        parameters=[OpenApiParameter("aimag", OpenApiTypes.STR)],
        responses=CoverageSerializer,
    )
    def list(self, request: Request) -> Response:
        coverage = coverage_summary(aimag_code=request.query_params.get("aimag", ""))
        size = coverage.catalogue_size or 1
        return Response(
            {
                "aimags": [
                    {
                        "code": unit.code,
                        "name_mn": unit.name_mn,
                        "name_en": unit.name_en,
                        "offered": coverage.per_aimag[unit.code],
                        "share": round(coverage.per_aimag[unit.code] / size, 4),
                    }
                    for unit in coverage.aimags
                ],
                "distinct_total": coverage.distinct_total,
                "catalogue_size": coverage.catalogue_size,
            }
        )
