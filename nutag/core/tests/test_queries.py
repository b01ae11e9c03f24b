import datetime

import pytest
from django.db import connection
from django.db.models.functions import Upper
from django.test.utils import CaptureQueriesContext

from nutag.accounts.models import User
from nutag.core.queries import Compiled

pytestmark = pytest.mark.django_db

_BY_PK = Compiled(
    lambda pk: User.objects.only("username", "date_joined").annotate(shout=Upper("username")).filter(pk=pk),
    placeholders=[0],
)


def test_compiled_query_builds_the_instance_the_queryset_would() -> None:
    joined = datetime.datetime(2026, 3, 8, 9, 30, tzinfo=datetime.UTC)
    user = User.objects.create_user(username="saran", full_name="Саран Бат", date_joined=joined)

    with CaptureQueriesContext(connection) as queries:
        found = _BY_PK.first(user.pk)
    assert len(queries) == 1

    assert found is not None and found.pk == user.pk and not found._state.adding
    assert found.username == "saran"
    assert found.date_joined == joined  # converted back to an aware datetime on SQLite too
    assert found.shout == "SARAN"
    assert found.get_deferred_fields() >= {"full_name"}
    assert found.full_name == "Саран Бат"  # a deferred field still loads when asked for


def test_compiled_query_answers_none_for_no_row_and_refuses_wrong_arity() -> None:
    assert _BY_PK.first(987654) is None
    with pytest.raises(TypeError):
        _BY_PK.first(1, 2)
