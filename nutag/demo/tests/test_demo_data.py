import json
from io import StringIO

import pytest
from django.core.management import call_command

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


@pytest.fixture(scope="module")
def demo_database(django_db_setup: None, django_db_blocker: object) -> object:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        call_command("load_demo", stdout=StringIO())
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        from nutag.processes.models import ProcessModel, ProcessVariance

        ProcessVariance.objects.all().delete()
        ProcessModel.objects.all().delete()
        Adoption.objects.all().delete()
        ReferenceService.objects.update(current_version=None)
        ReferenceService.objects.all().delete()
        from nutag.accounts.demo import CITIZENS, STAFF
        from nutag.accounts.models import User

        User.objects.filter(username__in=[p.username for p in STAFF] + [c[0] for c in CITIZENS]).delete()


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.xdist_group("demo"),
    pytest.mark.usefixtures("demo_database"),
]


def test_coverage_command_prints_the_seed_documents_figures() -> None:
    out = StringIO()
    call_command("coverage", "--json", stdout=out)
    report = json.loads(out.getvalue())
    offered = {aimag["code"]: aimag["offered"] for aimag in report["aimags"]}
    assert {code: offered[code] for code in SEED_FIGURES} == SEED_FIGURES
    assert report["distinct_total"] == 145
    assert len(offered) == 22


def test_coverage_command_for_one_aimag() -> None:
    out = StringIO()
    call_command("coverage", "--aimag", "64", stdout=out)
    assert "Bayankhongor" in out.getvalue() and " 31" in out.getvalue()
    assert "distinct services offered in this aimag: 31" in out.getvalue()


def test_loading_the_demo_again_changes_nothing() -> None:
    before = (ReferenceService.objects.count(), Adoption.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (ReferenceService.objects.count(), Adoption.objects.count()) == before
    assert "Catalogue: 0 services and 0 adoptions created" in out.getvalue()


def test_demo_catalogue_marks_which_names_are_real() -> None:
    real = ReferenceService.objects.filter(current_version__is_real_name=True)
    assert 30 <= real.count() < 145
    assert all(service.current_version.source for service in real.select_related("current_version"))


def test_an_unknown_aimag_code_is_a_clear_error() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No aimag has the code"):
        call_command("coverage", "--aimag", "99")
