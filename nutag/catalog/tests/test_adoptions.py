import pytest

from nutag.accounts.models import User
from nutag.catalog import services
from nutag.catalog.models import Adoption, CoverageCell
from nutag.catalog.selectors import adoptions_behind, coverage_summary
from nutag.catalog.tests.factories import adopt, published_version
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.models import AuditEvent
from nutag.core.permissions import visible_to
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit

pytestmark = pytest.mark.usefixtures("world")


def _adopt_as(user: User, version, code: str, **details):  # type: ignore[no-untyped-def]
    return services.adoption_create(
        version=version,
        territory=TerritoryUnit.objects.get(code=code),
        organisation=Organisation.objects.get(code=f"gov-{code}"),
        actor=user,
        **details,
    )


def test_aimag_admin_adopts_for_a_soum_of_the_aimag(admin_aimag: User) -> None:
    version = published_version()
    adoption = _adopt_as(admin_aimag, version, "6404", fee_mnt=1500, service_norm_days=3)
    assert adoption.derived_from == version and adoption.aimag_code == "64"
    assert adoption.variance == 2  # local fee and local norm
    assert AuditEvent.objects.filter(
        action="adoption.created", object_id=str(adoption.pk), actor=admin_aimag
    ).exists()


def test_admin_adopts_only_within_their_own_territory(admin_soum_b: User, admin_other_aimag: User) -> None:
    version = published_version()
    with pytest.raises(PermissionDenied):
        _adopt_as(admin_soum_b, version, "6401")
    with pytest.raises(PermissionDenied):
        _adopt_as(admin_other_aimag, version, "6404")
    assert not Adoption.objects.exists()
    assert _adopt_as(admin_soum_b, version, "6404").territory.code == "6404"


def test_a_nationally_set_fee_cannot_be_changed_locally(admin_aimag: User) -> None:
    version = published_version(fee_is_locally_adjustable=False)
    with pytest.raises(ValidationFailed):
        _adopt_as(admin_aimag, version, "6401", fee_mnt=100)
    with pytest.raises(ValidationFailed):
        _adopt_as(admin_aimag, version, "6401", service_norm_days=11)  # longer than the statutory 10 days
    assert not Adoption.objects.exists()


def test_a_soum_service_is_adopted_by_soums_and_only_once(admin_aimag: User) -> None:
    version = published_version()
    with pytest.raises(ValidationFailed):
        _adopt_as(admin_aimag, version, "64")
    _adopt_as(admin_aimag, version, "6401")
    with pytest.raises(Conflict):
        _adopt_as(admin_aimag, version, "6401")
    assert Adoption.objects.count() == 1


def test_adoption_lifecycle_keeps_its_history(admin_aimag: User) -> None:
    adoption = _adopt_as(admin_aimag, published_version(), "6401")
    for status in ("offered", "suspended", "offered", "withdrawn"):
        services.adoption_set_status(
            adoption=adoption, status=status, actor=admin_aimag, reason=f"to {status}"
        )
    with pytest.raises(Conflict):
        services.adoption_set_status(adoption=adoption, status="suspended", actor=admin_aimag)
    moves = AuditEvent.objects.filter(action="adoption.status_changed", object_id=str(adoption.pk)).order_by(
        "id"
    )
    assert [event.after["status"] for event in moves] == ["offered", "suspended", "offered", "withdrawn"]


def test_adoptions_on_an_older_version_are_flagged_as_behind(designer: User, admin_aimag: User) -> None:
    version = published_version()
    adoption = adopt(version, "6401")
    assert not adoptions_behind(user=admin_aimag).exists()
    draft = services.version_start_draft(service=version.service, actor=designer)
    services.version_update(version=draft, data={"service_norm_days": 1}, actor=designer)
    services.version_publish(version=draft, actor=designer)
    assert list(adoptions_behind(user=admin_aimag)) == [adoption]
    services.adoption_update(adoption=adoption, actor=admin_aimag, version=draft)
    assert not adoptions_behind(user=admin_aimag).exists()


def test_offered_adoptions_are_public_and_planned_ones_are_not(
    admin_aimag: User, officer_soum_b: User
) -> None:
    from django.contrib.auth.models import AnonymousUser

    version = published_version()
    offered = adopt(version, "6401")
    planned = adopt(published_version(code="CIVIL-911"), "6404", status="planned")
    assert set(visible_to(AnonymousUser(), Adoption.objects.all())) == {offered}
    assert set(visible_to(officer_soum_b, Adoption.objects.all())) == {offered}
    assert set(visible_to(admin_aimag, Adoption.objects.all())) == {offered, planned}
    assert not visible_to(officer_soum_b, Adoption.objects.all(), "change").exists()


def test_coverage_counts_distinct_services_per_aimag_from_offered_adoptions() -> None:
    one, two = published_version(code="CIVIL-921"), published_version(code="CIVIL-922")
    adopt(one, "6401")
    adopt(one, "6404")  # the same service in two soums of one aimag counts once
    adopt(two, "6404", status="planned")  # not offered: not counted
    adopt(two, "4401")
    coverage = coverage_summary()
    assert coverage.per_aimag["64"] == 1 and coverage.per_aimag["44"] == 1 and coverage.per_aimag["21"] == 0
    assert coverage.distinct_total == 2
    assert CoverageCell.objects.get(service=one.service, aimag_code="64").offering_units == 2
    services.adoption_set_status(
        adoption=Adoption.objects.get(territory__code="4401"), status="suspended", actor=None
    )
    assert coverage_summary().distinct_total == 1
