"""Academy endpoints: programmes, sessions and readiness (read), open surveys with POST of answers, ratings."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from nutag.academy import selectors, services, survey_services
from nutag.academy.models import Programme, Question, ServiceRating, Survey, TrainingSession
from nutag.academy.permissions import readiness_paths
from nutag.academy.readiness import readiness_for
from nutag.accounts.models import acting_user
from nutag.cases.models import Request
from nutag.core.errors import NotFound
from nutag.core.permissions import may
from nutag.territory.models import TerritoryUnit


class TrainingProgrammeSerializer(serializers.ModelSerializer[Programme]):
    class Meta:
        model = Programme
        fields = [
            "code",
            "name_mn",
            "name_en",
            "description_mn",
            "description_en",
            "audience",
            "length_hours",
            "prepares_roles",
        ]


class TrainingSessionSerializer(serializers.ModelSerializer[TrainingSession]):
    programme: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    territory: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    registered = serializers.IntegerField(read_only=True)
    completed = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "programme",
            "territory",
            "aimag_code",
            "place",
            "is_online",
            "starts_on",
            "ends_on",
            "capacity",
            "registered",
            "completed",
        ]


class TallySerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField()
    trained = serializers.IntegerField(source="done")
    percent = serializers.IntegerField(allow_null=True)


class ReadinessUnitSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(
        allow_blank=True, help_text="Soum code; empty for the aimag's own organisations"
    )
    officers = TallySerializer()
    operators = TallySerializer()


class ReadinessSerializer(serializers.Serializer[Any]):
    aimag = serializers.CharField(source="aimag.code")
    officers = TallySerializer()
    operators = TallySerializer()
    units = serializers.SerializerMethodField()

    @extend_schema_field(ReadinessUnitSerializer(many=True))
    def get_units(self, obj: Any) -> list[dict[str, Any]]:
        return [
            ReadinessUnitSerializer({"code": code, "officers": row.officers, "operators": row.operators}).data
            for code, row in obj.units.items()
            if row.officers.total or row.operators.total
        ]


class SurveyQuestionSerializer(serializers.ModelSerializer[Question]):
    class Meta:
        model = Question
        fields = ["id", "position", "kind", "text", "options", "scale_max", "is_required"]


class SurveySerializer(serializers.ModelSerializer[Survey]):
    questions = SurveyQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "title",
            "description",
            "audiences",
            "opens_at",
            "closes_at",
            "is_anonymous",
            "questions",
        ]


class SurveyAnswersSerializer(serializers.Serializer[Any]):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Question id → answer: an option (single), a list of options (multiple), 1..max (scale), "
        "true/false (yes/no) or text",
    )
    citizen_register_number = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Operators: the citizen interviewed in person"
    )
    citizen_soum = serializers.CharField(required=False, allow_blank=True, default="", help_text="Soum code")


class SurveyResponseSerializer(serializers.Serializer[Any]):
    survey = serializers.IntegerField(source="survey_id")
    channel = serializers.CharField()
    audience = serializers.CharField()
    submitted_on = serializers.DateField()


class ServiceRatingSerializer(serializers.ModelSerializer[ServiceRating]):
    request = serializers.IntegerField(source="request_id", help_text="Id of your completed request")
    service: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    score = serializers.IntegerField(min_value=1, max_value=5)

    class Meta:
        model = ServiceRating
        fields = ["id", "request", "service", "aimag_code", "score", "comment", "created_at"]
        read_only_fields = ["id", "service", "aimag_code", "created_at"]


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet[Programme]):
    serializer_class = TrainingProgrammeSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Programme]:
        return selectors.programmes_for_list(user=self.request.user).order_by("code")


@extend_schema(
    parameters=[
        OpenApiParameter("aimag", OpenApiTypes.STR, description="Aimag code"),
        OpenApiParameter("programme", OpenApiTypes.STR, description="Programme code"),
    ]
)
class SessionViewSet(viewsets.ReadOnlyModelViewSet[TrainingSession]):
    serializer_class = TrainingSessionSerializer
    permission_classes = [AllowAny]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[TrainingSession]:
        sessions = selectors.sessions_for_list(
            user=self.request.user, aimag_code=self.request.query_params.get("aimag", "")[:4]
        )
        if self.request.query_params.get("programme"):
            sessions = sessions.filter(programme__code=self.request.query_params["programme"])
        return sessions.order_by("-starts_on", "pk")


class ReadinessViewSet(viewsets.GenericViewSet[Any]):
    """Readiness figures per aimag: trainers, organisation admins and analysts, within their territory."""

    serializer_class = ReadinessSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None
    filter_backends: list[Any] = []

    @extend_schema(parameters=[OpenApiParameter("aimag", OpenApiTypes.STR, description="Only this aimag")])
    def list(self, request: HttpRequest) -> Response:
        paths = readiness_paths(request.user, with_names=False)
        if not paths:
            raise NotFound(_("You do not see readiness figures."))
        report = readiness_for(paths=paths, aimag_code=request.query_params.get("aimag", "")[:4])
        rows = sorted(report.values(), key=lambda r: r.aimag.code)
        return Response(ReadinessSerializer(rows, many=True).data)


class SurveyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Survey]):
    """Open surveys for the signed-in user, and answering them."""

    serializer_class = SurveySerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []
    pagination_class = None

    def get_queryset(self) -> QuerySet[Survey]:
        ids = [survey.pk for survey in selectors.surveys_open_for(user=self.request.user)]
        return Survey.objects.filter(pk__in=ids).prefetch_related("questions").order_by("pk")

    @extend_schema(
        summary="Answer a survey (once per person)",
        request=SurveyAnswersSerializer,
        responses={201: SurveyResponseSerializer},
    )
    @action(detail=True, methods=["post"])
    def answers(self, request: HttpRequest, pk: str) -> Response:
        survey = Survey.objects.filter(pk=pk).first() if pk.isdigit() else None
        user = acting_user(request)
        if survey is None or not (may(user, "view", survey) or may(user, "answer_for_citizen", survey)):
            raise NotFound(_("No such survey."))
        payload = SurveyAnswersSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        soum = None
        if data["citizen_soum"]:
            soum = TerritoryUnit.objects.filter(code=data["citizen_soum"]).first()
            if soum is None:
                raise NotFound(_("No such soum."))
        response = survey_services.survey_answer(
            survey=survey,
            actor=user,
            answers=data["answers"],
            citizen_register_number=data["citizen_register_number"],
            citizen_soum=soum,
        )
        return Response(SurveyResponseSerializer(response).data, status=status.HTTP_201_CREATED)


class RatingViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet[ServiceRating]):
    """Ratings of completed requests: the applicant rates once; analysts and admins read."""

    serializer_class = ServiceRatingSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ServiceRating]:
        return selectors.ratings_for_list(user=self.request.user).order_by("-created_at", "pk")

    def create(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Response:
        user = acting_user(request)
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        found = Request.objects.filter(pk=payload.validated_data["request_id"], applicant=user).first()
        if found is None:
            raise NotFound(_("No such request of yours."))
        rating = services.rating_create(
            request=found,
            actor=user,
            score=payload.validated_data["score"],
            comment=payload.validated_data.get("comment", ""),
        )
        return Response(self.get_serializer(rating).data, status=status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    """Registers this app's endpoints on the v1 router."""
    router.register("academy/programmes", ProgrammeViewSet, basename="academy-programme")
    router.register("academy/sessions", SessionViewSet, basename="academy-session")
    router.register("academy/readiness", ReadinessViewSet, basename="academy-readiness")
    router.register("academy/surveys", SurveyViewSet, basename="academy-survey")
    router.register("academy/ratings", RatingViewSet, basename="academy-rating")
