import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from nutag.accounts.models import User
from nutag.cases.selectors import queue_for
from nutag.catalog.models import Adoption, ReferenceService

SEED_FIGURES = {
    "64": 31,
    "45": 61,
    "44": 72,
    "21": 72,
    "48": 64,
    "62": 67,
    "46": 46,
    "22": 76,
    "43": 73,
    "23": 70,
}


# Transactional: the whole demo is loaded for real (commits included) and the database is emptied afterwards.
@pytest.mark.django_db(transaction=True)
@pytest.mark.xdist_group("demo")
def test_the_demo_reproduces_the_seed_figures_and_loads_idempotently() -> None:
    call_command("load_demo", stdout=StringIO())

    out = StringIO()
    call_command("coverage", "--json", stdout=out)
    report = json.loads(out.getvalue())
    offered = {aimag["code"]: aimag["offered"] for aimag in report["aimags"]}
    assert {code: offered[code] for code in SEED_FIGURES} == SEED_FIGURES
    assert report["distinct_total"] == 145 and len(offered) == 22

    out = StringIO()
    call_command("coverage", "--aimag", "64", stdout=out)
    assert (
        "Bayankhongor" in out.getvalue() and "distinct services offered in this aimag: 31" in out.getvalue()
    )
    with pytest.raises(CommandError, match="No aimag has the code"):
        call_command("coverage", "--aimag", "99")

    real = ReferenceService.objects.filter(current_version__is_real_name=True).select_related(
        "current_version"
    )
    assert 30 <= real.count() < 145 and all(service.current_version.source for service in real)

    before = (ReferenceService.objects.count(), Adoption.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (ReferenceService.objects.count(), Adoption.objects.count()) == before
    assert "Catalogue: 0 services and 0 adoptions created" in out.getvalue()
    assert "Requests waiting in the demo officers' queues: 0 submitted" in out.getvalue()

    # The demo officer finds work waiting, the oldest of it overdue, made through the real services.
    officer = User.objects.get(username="officer.bkh")
    waiting = queue_for(user=officer)
    assert waiting.count() >= 2
    assert waiting.filter(due_at__lt=timezone.now()).exists()
    assert all(item.request.number and item.request.process_model_id for item in waiting)
