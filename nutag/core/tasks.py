"""Background tasks that belong to no single domain. Tasks are thin: they call services or Django helpers."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def email_send(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [to])
