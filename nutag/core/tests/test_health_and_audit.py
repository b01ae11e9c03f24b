from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from nutag.core import audit
from nutag.core.models import AuditEvent
from nutag.organisations.models import Organisation


@pytest.mark.django_db
def test_health_answers_200_when_the_database_is_reachable(client: Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_not(client: Client, monkeypatch: Any) -> None:
    def broken_cursor(*args: Any, **kwargs: Any) -> Any:
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_audit_events_cannot_be_changed_even_with_raw_sql(world: None) -> None:
    organisation = Organisation.objects.get(code="gov-6401")
    event = audit.record(actor=None, action="test.done", obj=organisation, after={"x": 1})
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.done"
