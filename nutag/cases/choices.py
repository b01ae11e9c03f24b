from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    """Compatible with E-Mongolia's request statuses (see E_MONGOLIA below); `awaiting_payment` is E-Mongolia's
    SUBMITTED of a paid service before the payment arrives."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    AWAITING_PAYMENT = "awaiting_payment", _("Waiting for payment")
    PROCESSING = "processing", _("Being processed")
    RETURNED = "returned", _("Returned for correction")
    DOCUMENTS_REQUESTED = "documents_requested", _("Documents requested")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")


E_MONGOLIA = {
    RequestStatus.DRAFT: "DRAFT",
    RequestStatus.SUBMITTED: "SUBMITTED",
    RequestStatus.AWAITING_PAYMENT: "SUBMITTED",
    RequestStatus.PROCESSING: "PROCESSING",
    RequestStatus.RETURNED: "EDIT",
    RequestStatus.DOCUMENTS_REQUESTED: "FILE_REQUESTED",
    RequestStatus.COMPLETED: "COMPLETED",
    RequestStatus.REJECTED: "REJECTED",
    RequestStatus.EXPIRED: "EXPIRED",
}
OPEN_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.AWAITING_PAYMENT,
    RequestStatus.PROCESSING,
    RequestStatus.RETURNED,
    RequestStatus.DOCUMENTS_REQUESTED,
)
WAITING_ON_APPLICANT = (
    RequestStatus.RETURNED,
    RequestStatus.DOCUMENTS_REQUESTED,
    RequestStatus.AWAITING_PAYMENT,
)
FINAL_STATUSES = (RequestStatus.COMPLETED, RequestStatus.REJECTED, RequestStatus.EXPIRED)


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    OPERATOR = "operator", _("Soum operator")
    KHURDAN = "khurdan", _("KHURDAN point")


class WorkItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Withdrawn")


class DocumentRequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the applicant")
    SENT = "sent", _("Sent by the applicant")
    CLOSED = "closed", _("No longer needed")


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


EVENT_LABELS = {
    "created": _("Application started"),
    "document_added": _("Document attached"),
    "submitted": _("Request submitted"),
    "claimed": _("Taken up by an officer"),
    "released": _("Put back in the queue"),
    "assigned": _("Assigned by a supervisor"),
    "decided": _("Decision at a step"),
    "returned_for_correction": _("Returned for correction"),
    "corrected": _("Corrected request sent"),
    "fee_requested": _("Fee requested"),
    "paid": _("Fee paid"),
    "result_issued": _("Result issued"),
    "staff_reminded": _("Staff reminded"),
    "timer": _("Deadline reached"),
    "result_printed": _("Result printed at a service point"),
    "result_revoked": _("Result document revoked"),
    "documents_requested": _("More documents requested"),
    "documents_sent": _("Requested documents sent"),
    "consultation_asked": _("Question sent to another office"),
    "consultation_answered": _("Another office answered"),
    "consultation_withdrawn": _("Question to another office withdrawn"),
}
