"""Notifications to applicants and staff: written in the transaction of the change (rows plus queued tasks), sent
by the worker after the commit. SMS goes through a provider interface; the development provider records the
message and sends nothing."""

from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from nutag.cases.choices import NotificationChannel, NotificationStatus
from nutag.cases.models import Notification, Request


class SmsProvider(Protocol):
    def send(self, *, phone: str, text: str) -> str:
        """Send and return the provider's message reference; raise on failure."""
        ...


class DevelopmentSmsProvider:
    """Records the message (the Notification row is the record) and pretends to send it."""

    def send(self, *, phone: str, text: str) -> str:
        return f"dev-{timezone.now():%Y%m%d%H%M%S%f}"


def _texts(request: Request, kind: str, detail: str) -> tuple[str, str]:
    number = request.number or ""
    service = request.service_version.name
    subjects = {
        "submitted": _("Request %(number)s received") % {"number": number},
        "returned": _("Request %(number)s needs a correction") % {"number": number},
        "documents_requested": _("Request %(number)s: more documents are needed") % {"number": number},
        "fee_requested": _("Request %(number)s: please pay the fee") % {"number": number},
        "result_ready": _("Request %(number)s: your result is ready") % {"number": number},
        "decision": _("Request %(number)s: a decision was made") % {"number": number},
        "closed": _("Request %(number)s is closed") % {"number": number},
        "staff_reminder": _("Reminder: request %(number)s is waiting") % {"number": number},
    }
    bodies = {
        "submitted": _(
            "We received your request for “%(service)s”. Reference number: %(number)s. You can follow it under My requests."
        )
        % {"service": service, "number": number},
        "returned": _("Your request %(number)s was returned for correction: %(detail)s")
        % {"number": number, "detail": detail},
        "documents_requested": _(
            "To go on with your request %(number)s we need these documents from you: %(detail)s. Upload them "
            "on the request's page under My requests and send them; the time we take stops until you do."
        )
        % {"number": number, "detail": detail},
        "fee_requested": _("Please pay %(detail)s₮ for request %(number)s.")
        % {"number": number, "detail": detail},
        "result_ready": _("The result of your request %(number)s for “%(service)s” is ready.")
        % {"service": service, "number": number},
        "decision": _("A decision was made on your request %(number)s. %(detail)s")
        % {"number": number, "detail": detail},
        "closed": _("Your request %(number)s is closed. See My requests for the details.")
        % {"number": number},
        "staff_reminder": _("Request %(number)s is waiting at step “%(detail)s”.")
        % {"number": number, "detail": detail},
    }
    return subjects[kind], bodies[kind]


def notification_queue(request: Request, kind: str, detail: str = "") -> list[Notification]:
    """Write the notifications of one change and queue their sending; call inside the change's transaction."""
    recipient = request.applicant
    with translation.override(recipient.preferred_language or "mn"):
        subject, body = _texts(request, kind, detail)
    created = []
    if recipient.email:
        created.append(
            Notification(
                request=request,
                recipient=recipient,
                channel=NotificationChannel.EMAIL,
                address=recipient.email,
                subject=subject,
                body=body,
            )
        )
    if recipient.phone:
        created.append(
            Notification(
                request=request,
                recipient=recipient,
                channel=NotificationChannel.SMS,
                address=recipient.phone,
                subject=subject,
                body=body,
            )
        )
    Notification.objects.bulk_create(created)
    for notification in created:
        notification_send.enqueue(notification_id=notification.pk)
    return created


@task()
def notification_send(*, notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if notification.status == NotificationStatus.SENT:
        return
    try:
        if notification.channel == NotificationChannel.EMAIL:
            send_mail(notification.subject, notification.body, None, [notification.address])
            reference = ""
        else:
            provider: Any = import_string(settings.NUTAG_SMS_PROVIDER)()
            reference = provider.send(
                phone=notification.address, text=f"{notification.subject}. {notification.body}"
            )
    except Exception as error:
        Notification.objects.filter(pk=notification.pk).update(
            status=NotificationStatus.FAILED, error=str(error)[:2000]
        )
        raise
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENT, sent_at=timezone.now(), provider_reference=reference
    )
