from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nutag.cases.choices import (
    E_MONGOLIA,
    EVENT_LABELS,
    Channel,
    ConsultationStatus,
    DocumentRequestStatus,
    NotificationChannel,
    NotificationStatus,
    RequestStatus,
    WorkItemStatus,
)
from nutag.catalog.models import Adoption, ReferenceService, ServiceVersion
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit


class Holiday(models.Model):
    """A public holiday: not a working day for deadlines. Admins keep the calendar; fixed holidays and the lunar
    new year of the coming years are loaded with the reference data."""

    date = models.DateField(_("date"), unique=True)
    name_mn = models.CharField(_("name (Mongolian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name_mn}"


class Request(models.Model):
    """A citizen's application for a service, from draft to result. Every change goes through cases.services and
    is recorded as a RequestEvent; `version` increases with each change so a stale action gets a conflict."""

    # Unique by a constraint, not `unique=True`: on PostgreSQL that also makes a LIKE index nothing uses, written on
    # every submission. (Every index here is paid on each insert: only those a query needs are kept.) Null until
    # submitted, so that drafts, which have no number yet, do not collide.
    number = models.CharField(_("reference number"), max_length=16, null=True, blank=True)  # noqa: DJ001
    service = models.ForeignKey(
        ReferenceService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="+"
    )
    adoption = models.ForeignKey(
        Adoption, verbose_name=_("adoption"), on_delete=models.PROTECT, related_name="requests"
    )
    service_version = models.ForeignKey(ServiceVersion, on_delete=models.PROTECT, related_name="+")
    process_model = models.ForeignKey(
        "processes.ProcessModel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("resolving organisation"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    territory = models.ForeignKey(
        TerritoryUnit, verbose_name=_("aimag or soum"), on_delete=models.PROTECT, related_name="+"
    )
    territory_path = models.CharField(max_length=64, editable=False)
    aimag_code = models.CharField(max_length=4, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="requests",
        db_index=False,  # request_applicant_idx starts with it
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assisted_requests",
        db_index=False,  # request_operator_idx holds only the requests an operator filed
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    form_data = models.JSONField(_("answers"), default=dict, blank=True)
    state_json = models.TextField(blank=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    idempotency_key = models.CharField(max_length=80, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    norm_due_at = models.DateTimeField(_("due (service norm)"), null=True, blank=True)
    statutory_due_at = models.DateTimeField(_("due (statutory deadline)"), null=True, blank=True)
    paused_at = models.DateTimeField(_("clock paused since"), null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(default=0)
    next_timer_at = models.DateTimeField(null=True, blank=True)
    correction_note = models.TextField(_("what to correct"), blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=120, blank=True)
    fee_mnt = models.PositiveIntegerField(_("fee (₮)"), default=0)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="request_number_unique"),
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="request_idempotency_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["applicant", "-created_at"], name="request_applicant_idx"),
            models.Index(
                fields=["next_timer_at"], condition=Q(next_timer_at__isnull=False), name="request_timer_idx"
            ),
            models.Index(
                fields=["organisation", "statutory_due_at"],
                condition=Q(status__in=["submitted", "processing", "awaiting_payment"]),
                name="request_overdue_idx",
            ),
            models.Index(fields=["aimag_code", "status"], name="request_aimag_status_idx"),
            models.Index(
                fields=["operator"], condition=Q(operator__isnull=False), name="request_operator_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"draft {self.pk}"

    @property
    def e_mongolia_status(self) -> str:
        return E_MONGOLIA[RequestStatus(self.status)]

    @property
    def etag(self) -> str:
        return f'"{self.pk}-{self.version}"'


class RequestDocument(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(_("document"), max_length=40)
    file = models.FileField(upload_to="requests/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["code", "uploaded_at"]

    def __str__(self) -> str:
        return f"{self.code}: {self.original_name}"


class WorkItem(models.Model):
    """An open user task of a request's process, mirrored from the engine so that queues are plain indexed
    queries. Acted on by staff who hold `role` in `organisation`."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="work_items")
    task_id = models.CharField(max_length=64)
    element_id = models.CharField(max_length=120)
    name = models.CharField(_("step"), max_length=300)
    role = models.CharField(_("role"), max_length=20)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="work_items")
    territory_path = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=WorkItemStatus.choices, default=WorkItemStatus.OPEN
    )
    actions = models.JSONField(default=list)
    decision_field = models.CharField(max_length=60, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="claimed_work"
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        indexes = [
            models.Index(
                fields=["organisation", "role", "due_at"],
                condition=Q(status="open"),
                name="workitem_queue_idx",
            ),
            models.Index(
                fields=["claimed_by", "due_at"], condition=Q(status="open"), name="workitem_mine_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} — {self.name}"


class RequestEvent(models.Model):
    """Every change of a request: who, what, when, before and after. Append-only (database triggers)."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=40)
    status_before = models.CharField(max_length=20, blank=True)
    status_after = models.CharField(max_length=20, blank=True)
    step = models.CharField(max_length=120, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    is_visible_to_applicant = models.BooleanField(default=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["request", "at"], name="event_request_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Request events are append-only.")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))


class AccessRecord(models.Model):
    """A member of staff opened a citizen's request or document; the citizen can see who, from where, and when."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="access_records")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation_name = models.CharField(max_length=200, blank=True)
    what = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}"


class Notification(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=NotificationChannel.choices)
    address = models.CharField(max_length=200)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED
    )
    provider_reference = models.CharField(max_length=120, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.channel} to {self.address}: {self.subject}"


class DocumentRequest(models.Model):
    """An officer asked the applicant for more documents, at any step and without moving the process: the
    request waits (documents_requested, the clock paused) until the applicant sends them. `documents` lists what
    was asked, each with the code its uploads carry: [{"code": "ASKED1-1", "name": "Income statement"}]."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="document_requests")
    work_item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="+")
    documents = models.JSONField(_("documents asked for"), default=list)
    note = models.TextField(_("note to the applicant"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentRequestStatus.choices, default=DocumentRequestStatus.OPEN
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("asked at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("request for documents")
        verbose_name_plural = _("requests for documents")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(status="open"), name="document_request_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request}: {', '.join(d['name'] for d in self.documents)}"

    @property
    def codes(self) -> list[str]:
        return [document["code"] for document in self.documents]


class Consultation(models.Model):
    """A question from the officer holding a step to another office (a department of the aimag, the aimag's or
    another soum's governor's office). While it is open the step cannot be completed; the clock keeps running."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="consultations")
    work_item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="consultations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("office asked"), on_delete=models.PROTECT, related_name="consultations"
    )
    question = models.TextField(_("question"))
    status = models.CharField(
        _("status"), max_length=10, choices=ConsultationStatus.choices, default=ConsultationStatus.OPEN
    )
    due_at = models.DateTimeField(_("answer due"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(_("asked at"))
    answer = models.TextField(_("answer"), blank=True)
    answer_file = models.FileField(upload_to="consultations/%Y/%m/", blank=True)
    answer_file_name = models.CharField(_("file name"), max_length=200, blank=True)
    answer_file_type = models.CharField(max_length=80, blank=True)
    answer_file_size = models.PositiveIntegerField(default=0)
    answer_file_sha256 = models.CharField(max_length=64, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question to another office")
        verbose_name_plural = _("questions to other offices")
        ordering = ["asked_at", "id"]
        indexes = [
            models.Index(
                fields=["organisation", "due_at"], condition=Q(status="open"), name="consultation_queue_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status == ConsultationStatus.OPEN
