import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from nutag.core.tasks import email_send


@pytest.mark.django_db(transaction=True)
def test_work_queued_in_a_rolled_back_transaction_is_never_run() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        email_send.enqueue(to="a@example.mn", subject="lost", body="never sent")
        raise RuntimeError("the change failed")
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_work_queued_with_a_committed_change_is_run_by_the_worker() -> None:
    with transaction.atomic():
        email_send.enqueue(to="a@example.mn", subject="Таны хүсэлт", body="Хүлээн авлаа")
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Таны хүсэлт"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
