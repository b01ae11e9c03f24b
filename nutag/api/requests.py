"""The request lifecycle over HTTP: apply, upload, submit, list, claim, act, history. Creation honours the
`Idempotency-Key` header; actions take the request's ETag in `If-Match` (or `version` in the body), and a stale
one gets 409."""

import functools
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response

from nutag.accounts.models import acting_user
from nutag.accounts.services import citizen_get_or_create
from nutag.cases import answers, services
from nutag.cases.models import Consultation, DocumentRequest, Request, RequestEvent, WorkItem
from nutag.cases.selectors import document_requests_for_request, queue_for
from nutag.catalog.choices import AdoptionStatus
from nutag.catalog.models import Adoption
from nutag.core.errors import Conflict, NotFound, ValidationFailed
from nutag.core.permissions import may, visible_to
from nutag.core.queries import Compiled
from nutag.organisations.models import Organisation

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Repeat a creation safely: the same key returns the same request",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The request's ETag as last read; a stale one gets 409",
)


class RequestSerializer(serializers.ModelSerializer[Request]):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    territory = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    e_mongolia_status = serializers.CharField(read_only=True)
    answers = serializers.JSONField(source="form_data", read_only=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Request
        fields = [
            "id",
            "number",
            "service",
            "territory",
            "organisation",
            "channel",
            "status",
            "e_mongolia_status",
            "answers",
            "documents",
            "created_at",
            "submitted_at",
            "closed_at",
            "norm_due_at",
            "statutory_due_at",
            "correction_note",
            "decision_reason",
            "fee_mnt",
            "version",
        ]

    def get_documents(self, obj: Request) -> list[dict[str, Any]]:
        return [
            {"id": d.pk, "code": d.code, "name": d.original_name, "size": d.size, "sha256": d.sha256}
            for d in obj.documents.all()
        ]


# Every application looks up what it applies for: compiled once per process (see core.queries).
_OFFERED = Compiled(
    lambda service, territory: (
        Adoption.objects.filter(
            service__code=service, territory__code=territory, status=AdoptionStatus.OFFERED
        )
        .select_related("version", "service", "territory", "organisation")
        .order_by("pk")[:1]
    ),
    placeholders=["service-code", "territory-code"],
)


@functools.cache
def _request_representation() -> RequestSerializer:
    return RequestSerializer()


def request_body(found: Request) -> dict[str, Any]:
    """RequestSerializer's body, from one serializer whose fields are built once: building a model serializer's
    fields costs more than using them, and every submission answers with this body."""
    return dict(_request_representation().to_representation(found))


def _answer(found: Request, status_code: int = status.HTTP_200_OK) -> Response:
    """A request's body with its ETag, which the next action sends back in If-Match."""
    response = Response(request_body(found), status=status_code)
    response["ETag"] = found.etag
    return response


class RequestCreateSerializer(serializers.Serializer[Any]):
    service = serializers.CharField(help_text="Code of the reference service")
    territory = serializers.CharField(
        help_text="Code of the soum (or aimag for aimag services) where you apply"
    )
    answers = serializers.JSONField(required=False, default=dict)
    applicant_register_number = serializers.CharField(
        required=False, help_text="Operators: the citizen applied for"
    )
    applicant_full_name = serializers.CharField(required=False, default="")
    submit = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Submit at once (services needing no documents): one call, one transaction, the process starts",
    )


class AnswersSerializer(serializers.Serializer[Any]):
    answers = serializers.JSONField()


class UploadSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    file = serializers.FileField()


class EventSerializer(serializers.ModelSerializer[RequestEvent]):
    actor = serializers.StringRelatedField()

    class Meta:
        model = RequestEvent
        fields = ["at", "kind", "label", "actor", "status_before", "status_after", "step", "after", "reason"]


class WorkItemSerializer(serializers.ModelSerializer[WorkItem]):
    request_number = serializers.CharField(source="request.number", read_only=True)
    claimed_by = serializers.StringRelatedField()

    class Meta:
        model = WorkItem
        fields = [
            "id",
            "request",
            "request_number",
            "name",
            "role",
            "status",
            "actions",
            "claimed_by",
            "due_at",
        ]


class ActSerializer(serializers.Serializer[Any]):
    action = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, help_text="Alternative to If-Match")


class DocumentRequestSerializer(serializers.ModelSerializer[DocumentRequest]):
    documents = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text='What is asked, each with the code to upload it under: [{"code": "ASKED1-1", "name": "..."}]',
    )
    requested_by = serializers.StringRelatedField()

    class Meta:
        model = DocumentRequest
        fields = ["id", "documents", "note", "status", "requested_by", "requested_at", "sent_at"]


class AskForDocumentsSerializer(serializers.Serializer[Any]):
    documents = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        help_text="Names of the documents, as the applicant sees them",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, help_text="Alternative to If-Match")


class AskOfficeSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField(help_text="Code of the office asked (see /organisations)")
    question = serializers.CharField(allow_blank=True)
    due_working_days = serializers.IntegerField(required=False, default=3, help_text="1 to 30")
    version = serializers.IntegerField(required=False, help_text="Alternative to If-Match")


class AnswerSerializer(serializers.Serializer[Any]):
    answer = serializers.CharField(allow_blank=True)
    file = serializers.FileField(required=False, help_text="Optional: PDF, PNG or JPEG, at most 10 MB")
    version = serializers.IntegerField(required=False, help_text="Alternative to If-Match")


class WithdrawSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(required=False, help_text="Alternative to If-Match")


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    request_number = serializers.CharField(source="request.number", read_only=True)
    request_version = serializers.IntegerField(source="request.version", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    asking_organisation = serializers.CharField(source="request.organisation.code", read_only=True)
    step = serializers.CharField(source="work_item.name", read_only=True)
    asked_by = serializers.StringRelatedField()
    answered_by = serializers.StringRelatedField()
    withdrawn_by = serializers.StringRelatedField()
    request_data = serializers.SerializerMethodField(
        help_text="The request as far as needed to answer: for the office asked while the question is open"
    )

    class Meta:
        model = Consultation
        fields = [
            "id",
            "request",
            "request_number",
            "request_version",
            "asking_organisation",
            "organisation",
            "step",
            "question",
            "status",
            "due_at",
            "asked_by",
            "asked_at",
            "answer",
            "answer_file_name",
            "answered_by",
            "answered_at",
            "withdrawn_by",
            "withdrawn_at",
            "request_data",
        ]
        read_only_fields = fields

    def get_request_data(self, obj: Consultation) -> dict[str, Any] | None:
        user = self.context.get("user")
        if user is None or not may(user, "view_request", obj):
            return None
        found = obj.request
        return {
            "service": found.service_version.name,
            "territory": found.territory.code,
            "status": found.status,
            "answers": found.form_data,
            "documents": [
                {"id": d.pk, "code": d.code, "name": d.original_name, "size": d.size, "sha256": d.sha256}
                for d in found.documents.all()
            ],
        }


def _expected_version(http: HttpRequest, request: Request, body_version: int | None = None) -> int | None:
    header = http.headers.get("If-Match", "")
    if header:
        if header.strip() != request.etag:
            raise Conflict(_("The request changed since you read it (ETag mismatch)."))
        return request.version
    return body_version


class RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Request]):
    serializer_class = RequestSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Request]:
        return (
            visible_to(self.request.user, Request.objects.all())
            .select_related("service", "territory", "organisation", "adoption__version")
            .prefetch_related("documents")
            .order_by("-created_at")
        )

    def retrieve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Response:
        found = self.get_object()
        if found.applicant_id != request.user.pk:
            services.request_record_access(
                request=found, staff=acting_user(request), what=f"API request {found}"
            )
        return _answer(found)

    @extend_schema(
        summary="Start an application (a draft)",
        request=RequestCreateSerializer,
        responses={201: RequestSerializer},
        parameters=[IDEMPOTENCY],
    )
    def create(self, request: HttpRequest) -> Response:
        payload = RequestCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        adoption = _OFFERED.first(data["service"], data["territory"])
        if adoption is None:
            raise NotFound(_("This service is not offered in this place."))
        user: Any = request.user
        applicant = user
        if data.get("applicant_register_number"):
            applicant = citizen_get_or_create(
                register_number=data["applicant_register_number"], full_name=data["applicant_full_name"]
            )
        start = services.request_apply if data["submit"] else services.request_start
        found = start(
            adoption=adoption,
            applicant=applicant,
            actor=user,
            form_data=data["answers"],
            idempotency_key=request.headers.get("Idempotency-Key", "")[:80],
        )
        return _answer(found, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Save answers of a draft or of a returned request",
        request=AnswersSerializer,
        responses=inline_serializer("AnswerProblems", {"problems": serializers.DictField()}),
    )
    @action(detail=True, methods=["post"])
    def answers(self, request: HttpRequest, pk: str) -> Response:
        payload = AnswersSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if not isinstance(payload.validated_data["answers"], dict):
            raise ValidationFailed(
                _("The answers must be an object of field names and values."),
                details={"answers": ["not_an_object"]},
            )
        problems = services.request_save_answers(
            request=self.get_object(),
            actor=acting_user(request),
            form_data=payload.validated_data["answers"],
        )
        return Response({"problems": problems})

    @extend_schema(
        summary="Attach a document (PDF, PNG or JPEG, at most 10 MB; checked on content)",
        request={"multipart/form-data": UploadSerializer},
        responses={201: RequestSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def documents(self, request: HttpRequest, pk: str) -> Response:
        payload = UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        file = payload.validated_data["file"]
        services.request_attach_document(
            request=self.get_object(),
            actor=acting_user(request),
            code=payload.validated_data["code"],
            name=file.name,
            content=file.read(answers.MAX_UPLOAD_BYTES + 1),
        )
        return Response(
            RequestSerializer(self.get_queryset().get(pk=pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Submit the request; repeating it returns the same request",
        request=None,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: HttpRequest, pk: str) -> Response:
        found = self.get_object()
        _expected_version(request, found)
        found = services.request_submit(request=found, actor=acting_user(request))
        return _answer(found)

    @extend_schema(summary="Send the corrected request back", request=None)
    @action(detail=True, methods=["post"])
    def resubmit(self, request: HttpRequest, pk: str) -> Response:
        return Response(
            RequestSerializer(
                services.request_resubmit(request=self.get_object(), actor=acting_user(request))
            ).data
        )

    @extend_schema(
        summary="Send the documents an officer asked for (upload them first with /documents)",
        request=None,
        responses=RequestSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="send-documents")
    def send_documents(self, request: HttpRequest, pk: str) -> Response:
        found = self.get_object()
        found = services.request_send_documents(
            request=found, actor=acting_user(request), expected_version=_expected_version(request, found)
        )
        return _answer(found)

    @extend_schema(
        summary="Documents officers asked the applicant for, with the codes their uploads take",
        responses=DocumentRequestSerializer(many=True),
    )
    @action(detail=True, methods=["get"], url_path="document-requests")
    def document_requests(self, request: HttpRequest, pk: str) -> Response:
        found = self.get_object()
        return Response(
            DocumentRequestSerializer(document_requests_for_request(request=found), many=True).data
        )

    @extend_schema(summary="Everything that happened to the request", responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: HttpRequest, pk: str) -> Response:
        found = self.get_object()
        events = found.events.select_related("actor").order_by("at", "id")
        if found.applicant_id == request.user.pk:
            events = events.filter(is_visible_to_applicant=True)
        return Response(EventSerializer(events, many=True).data)


class WorkItemViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[WorkItem]):
    """The queue: open steps the user may act on, overdue first."""

    serializer_class = WorkItemSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[WorkItem]:
        params = self.request.query_params
        return queue_for(
            user=self.request.user,
            mine_only=params.get("mine") == "1",
            overdue_only=params.get("overdue") == "1",
            service=params.get("service", ""),
        )

    def _item(self, pk: str) -> WorkItem:
        item = visible_to(self.request.user, WorkItem.objects.all()).filter(pk=pk).first()
        if item is None:
            raise NotFound(_("No such work item in your queue."))
        return item

    @extend_schema(summary="Take the step into your own queue", request=None)
    @action(detail=True, methods=["post"])
    def claim(self, request: HttpRequest, pk: str) -> Response:
        return Response(
            WorkItemSerializer(services.workitem_claim(item=self._item(pk), actor=acting_user(request))).data
        )

    @extend_schema(summary="Put the step back in the queue", request=None)
    @action(detail=True, methods=["post"])
    def release(self, request: HttpRequest, pk: str) -> Response:
        return Response(
            WorkItemSerializer(
                services.workitem_release(item=self._item(pk), actor=acting_user(request))
            ).data
        )

    @extend_schema(
        summary="Act with one of the step's actions",
        request=ActSerializer,
        responses=RequestSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def act(self, request: HttpRequest, pk: str) -> Response:
        payload = ActSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = self._item(pk)
        expected = _expected_version(request, item.request, payload.validated_data.get("version"))
        found = services.request_act(
            item=item,
            actor=acting_user(request),
            action=payload.validated_data["action"],
            reason=payload.validated_data["reason"],
            note=payload.validated_data["note"],
            expected_version=expected,
        )
        return _answer(found)

    @extend_schema(
        summary="Ask the applicant for more documents (the request waits, its clock stopped; the step stays yours)",
        request=AskForDocumentsSerializer,
        responses=RequestSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="request-documents")
    def request_documents(self, request: HttpRequest, pk: str) -> Response:
        payload = AskForDocumentsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = self._item(pk)
        expected = _expected_version(request, item.request, payload.validated_data.get("version"))
        found = services.request_ask_for_documents(
            item=item,
            actor=acting_user(request),
            documents=payload.validated_data["documents"],
            note=payload.validated_data["note"],
            expected_version=expected,
        )
        return _answer(found)

    @extend_schema(
        summary="Ask another office of the aimag; the step cannot be completed until it answers or you withdraw",
        request=AskOfficeSerializer,
        responses={201: ConsultationSerializer},
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="ask-office")
    def ask_office(self, request: HttpRequest, pk: str) -> Response:
        payload = AskOfficeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = self._item(pk)
        expected = _expected_version(request, item.request, payload.validated_data.get("version"))
        organisation = Organisation.objects.filter(code=payload.validated_data["organisation"]).first()
        if organisation is None:
            raise ValidationFailed(_("No organisation has this code."), details={"organisation": ["unknown"]})
        consultation = services.consultation_ask(
            item=item,
            actor=acting_user(request),
            organisation=organisation,
            question=payload.validated_data["question"],
            due_working_days=payload.validated_data["due_working_days"],
            expected_version=expected,
        )
        return Response(
            ConsultationSerializer(consultation, context={"user": request.user}).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=["open", "answered", "withdrawn"]),
            OpenApiParameter(
                "request", OpenApiTypes.INT, description="Only the questions about this request"
            ),
        ]
    )
)
class ConsultationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Consultation]
):
    """Questions between offices: those to the user's offices and those their offices asked. `?status=open`,
    `?request=<id>` filter the list."""

    serializer_class = ConsultationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Consultation]:
        consultations = visible_to(self.request.user, Consultation.objects.all()).select_related(
            "request__organisation",
            "request__service_version",
            "request__territory",
            "organisation",
            "work_item",
        )
        params = self.request.query_params
        if params.get("status"):
            consultations = consultations.filter(status=params["status"])
        if params.get("request", "").isdigit():
            consultations = consultations.filter(request_id=params["request"])
        return (
            consultations.select_related("asked_by", "answered_by", "withdrawn_by")
            .prefetch_related("request__documents")
            .order_by("due_at", "id")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "user": self.request.user}

    def retrieve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Response:
        found = self.get_object()
        data = self.get_serializer(found).data
        if data["request_data"] is not None:
            services.request_record_access(
                request=found.request,
                staff=acting_user(request),
                what=f"API question about request {found.request}",
            )
        response = Response(data)
        response["ETag"] = found.request.etag
        return response

    @extend_schema(
        summary="Answer a question to your office (optionally with a document)",
        request={"multipart/form-data": AnswerSerializer, "application/json": AnswerSerializer},
        responses=ConsultationSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def answer(self, request: HttpRequest, pk: str) -> Response:
        payload = AnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        found = self.get_object()
        file = payload.validated_data.get("file")
        consultation = services.consultation_answer(
            consultation=found,
            actor=acting_user(request),
            answer=payload.validated_data["answer"],
            file_name=file.name if file else "",
            content=file.read(answers.MAX_UPLOAD_BYTES + 1) if file else b"",
            expected_version=_expected_version(request, found.request, payload.validated_data.get("version")),
        )
        return Response(self.get_serializer(consultation).data)

    @extend_schema(
        summary="Withdraw a question your office asked",
        request=WithdrawSerializer,
        responses=ConsultationSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: HttpRequest, pk: str) -> Response:
        payload = WithdrawSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        found = self.get_object()
        consultation = services.consultation_withdraw(
            consultation=found,
            actor=acting_user(request),
            expected_version=_expected_version(request, found.request, payload.validated_data.get("version")),
        )
        return Response(self.get_serializer(consultation).data)
