"""Background work of the academy: telling registered people that their session was cancelled. Queued by
services.session_cancel in its transaction, so nobody is told of a cancellation that did not happen."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from nutag.academy.models import Participant


def _phone(participant: Participant) -> str:
    return participant.phone or (participant.user.phone if participant.user else "")


def _email(participant: Participant) -> str:
    return participant.user.email if participant.user else ""


def is_reachable(participant: Participant) -> bool:
    return bool(_phone(participant) or _email(participant))


def cancellation_message(participant: Participant) -> tuple[str, str]:
    session = participant.session
    subject = _("Training cancelled: %(programme)s, %(start)s") % {
        "programme": session.programme.name,
        "start": session.starts_on.isoformat(),
    }
    body = _(
        "The training session “%(programme)s” in %(territory)s on %(start)s – %(end)s, for which you were "
        "registered, is cancelled. Reason: %(reason)s"
    ) % {
        "programme": session.programme.name,
        "territory": session.territory,
        "start": session.starts_on.isoformat(),
        "end": session.ends_on.isoformat(),
        "reason": session.cancellation_reason,
    }
    return subject, body


@task()
def session_cancellation_send(*, participant_id: int) -> None:
    """Tell one registered person, by e-mail and by SMS where known, in their own language."""
    participant = Participant.objects.select_related("user", "session__programme", "session__territory").get(
        pk=participant_id
    )
    language = participant.user.preferred_language if participant.user else ""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject, body = cancellation_message(participant)
    if _email(participant):
        send_mail(subject, body, None, [_email(participant)])
    if _phone(participant):
        provider: Any = import_string(settings.NUTAG_SMS_PROVIDER)()
        provider.send(phone=_phone(participant), text=f"{subject}. {body}")
