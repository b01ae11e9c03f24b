"""Insights over the API: the dashboard's figures as JSON (the same tables as the page and its CSV/XLSX) and a
request to bring the rollups up to date. Refusals come back in the uniform error body."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from nutag.accounts.models import User
from nutag.analytics import selectors, tables
from nutag.analytics.forms import InsightFilterForm
from nutag.analytics.permissions import insight_scope_require
from nutag.analytics.services import rollups_refresh_request
from nutag.cases.choices import Channel
from nutag.core.errors import PermissionDenied, ValidationFailed


class TableSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField()),
        help_text='Raw values; a row of an aimag outside your scope holds "withheld".',
    )


class SummarySerializer(serializers.Serializer[Any]):
    submitted = serializers.IntegerField()
    closed = serializers.IntegerField()
    median_resolution_days = serializers.FloatField(allow_null=True)
    p90_resolution_days = serializers.FloatField(allow_null=True)
    within_norm_percent = serializers.FloatField(allow_null=True)
    within_deadline_percent = serializers.FloatField(allow_null=True)
    returned_percent = serializers.FloatField(allow_null=True)


class InsightsSerializer(serializers.Serializer[Any]):
    period_from = serializers.CharField()
    period_to = serializers.CharField()
    is_national = serializers.BooleanField(help_text="False: other aimags' request figures are withheld")
    summary = SummarySerializer()
    tables = TableSerializer(many=True)


class RefreshSerializer(serializers.Serializer[Any]):
    queued = serializers.BooleanField()


FILTERS = [
    OpenApiParameter(
        "period_from", str, description="First month, YYYY-MM (default: 11 months before the last)"
    ),
    OpenApiParameter("period_to", str, description="Last month, YYYY-MM (default: this month)"),
    OpenApiParameter("aimag", str, description="Aimag code, e.g. 64"),
    OpenApiParameter("service", str, description="Reference service code"),
    OpenApiParameter("channel", str, enum=Channel.values),
]
ERRORS = {
    400: OpenApiResponse(description="Uniform error body: a filter is not valid"),
    403: OpenApiResponse(description="Uniform error body: not an analyst, or an aimag outside your scope"),
}


def _user(request: Request) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied(_("Sign in first."))
    return request.user


class InsightViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=FILTERS, responses={200: InsightsSerializer, **ERRORS})
    def list(self, request: Request) -> Response:
        scope = insight_scope_require(_user(request))
        form = InsightFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationFailed(_("A filter is not valid."), details=form.errors.get_json_data())
        filters = form.filters()
        selectors.filters_check(scope=scope, filters=filters)
        summary, found = tables.dashboard(filters, scope)

        def days(seconds: float | None) -> float | None:
            return None if seconds is None else round(seconds / 86_400, 2)

        body = {
            "period_from": f"{filters.month_from:%Y-%m}",
            "period_to": f"{filters.month_to:%Y-%m}",
            "is_national": scope.is_national,
            "summary": {
                "submitted": summary.submitted,
                "closed": summary.closed,
                "median_resolution_days": days(summary.median_seconds),
                "p90_resolution_days": days(summary.p90_seconds),
                "within_norm_percent": summary.within_norm_percent,
                "within_deadline_percent": summary.within_deadline_percent,
                "returned_percent": summary.returned_percent,
            },
            "tables": [
                {
                    "key": table.key,
                    "title": table.title,
                    "columns": table.columns,
                    "rows": [["withheld" if c.is_withheld else c.value for c in row] for row in table.rows],
                }
                for table in found
            ],
        }
        return Response(InsightsSerializer(body).data)

    @extend_schema(request=None, responses={202: RefreshSerializer, 403: ERRORS[403]})
    def create(self, request: Request) -> Response:
        """Queue a refresh of the rollups (the background worker folds the new events)."""
        rollups_refresh_request(actor=_user(request))
        return Response({"queued": True}, status=status.HTTP_202_ACCEPTED)


def register(router: DefaultRouter) -> None:
    """Registers this app's endpoints on the v1 router."""
    router.register("insights", InsightViewSet, basename="insight")
