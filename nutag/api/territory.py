from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from nutag.core.permissions import visible_to
from nutag.organisations.models import Organisation
from nutag.organisations.selectors import organisations_for_list
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit
from nutag.territory.selectors import units_search


class TerritoryUnitSerializer(serializers.ModelSerializer[TerritoryUnit]):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = TerritoryUnit
        fields = [
            "code",
            "level",
            "parent",
            "path",
            "iso_code",
            "name_mn",
            "name_en",
            "centre_mn",
            "centre_en",
            "time_zone",
            "population",
        ]


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    jurisdiction: serializers.SlugRelatedField[TerritoryUnit] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["code", "name_mn", "name_en", "kind", "department", "jurisdiction", "parent", "is_active"]


@extend_schema_view(
    list=extend_schema(
        summary="Territory units",
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Name search (case, Ө/Ү and legacy letters folded)"
            ),
            OpenApiParameter("level", OpenApiTypes.STR, enum=Level.values),
            OpenApiParameter("within", OpenApiTypes.STR, description="Code of a unit: only units below it"),
        ],
    ),
    retrieve=extend_schema(summary="One territory unit by code"),
)
class TerritoryUnitViewSet(viewsets.ReadOnlyModelViewSet[TerritoryUnit]):
    serializer_class = TerritoryUnitSerializer
    lookup_field = "code"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[TerritoryUnit]:
        params = self.request.query_params
        level = params.get("level", "")
        within = ""
        if params.get("within"):
            parent = TerritoryUnit.objects.filter(code=params["within"]).first()
            within = parent.path if parent else "-"
        units = units_search(query=params.get("q", ""), levels=[level] if level else None, within=within)
        return visible_to(self.request.user, units)


@extend_schema_view(
    list=extend_schema(
        summary="Government organisations",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Name search"),
            OpenApiParameter("kind", OpenApiTypes.STR),
            OpenApiParameter("territory", OpenApiTypes.STR, description="Code of a territory unit"),
        ],
    ),
    retrieve=extend_schema(summary="One organisation by code"),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet[Organisation]):
    serializer_class = OrganisationSerializer
    lookup_field = "code"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Organisation]:
        params = self.request.query_params
        path = ""
        if params.get("territory"):
            unit = TerritoryUnit.objects.filter(code=params["territory"]).first()
            path = unit.path if unit else "-"
        return organisations_for_list(
            user=self.request.user,
            query=params.get("q", ""),
            kind=params.get("kind", ""),
            territory_path=path,
        )
