import pytest

from nutag.accounts.models import User
from nutag.catalog import services
from nutag.catalog.models import ReferenceService, ServiceVersion
from nutag.catalog.selectors import versions_compare
from nutag.catalog.tests.factories import published_version, version_data
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.core.models import AuditEvent

pytestmark = pytest.mark.usefixtures("world")


def test_designer_creates_edits_and_publishes_a_service(designer: User) -> None:
    draft = services.service_create(code="CIVIL-901", data=version_data(), actor=designer)
    services.version_update(version=draft, data={"fee_mnt": 3000}, actor=designer)
    published = services.version_publish(version=draft, actor=designer)
    assert published.status == "published"
    assert ReferenceService.objects.get(code="CIVIL-901").current_version == published
    actions = list(
        AuditEvent.objects.filter(object_type="catalog.serviceversion").values_list("action", flat=True)
    )
    assert {"service.created", "version.updated", "version.published"} <= set(actions)
    update = AuditEvent.objects.get(action="version.updated")
    assert (
        update.actor == designer and update.before == {"fee_mnt": 2000} and update.after == {"fee_mnt": 3000}
    )


def test_published_version_is_frozen_and_a_change_starts_a_new_draft(designer: User) -> None:
    version = published_version()
    with pytest.raises(Conflict):
        services.version_update(version=version, data={"fee_mnt": 1}, actor=designer)
    draft = services.version_start_draft(service=version.service, actor=designer)
    assert draft.number == 2 and draft.fee_mnt == version.fee_mnt
    with pytest.raises(Conflict):
        services.version_start_draft(service=version.service, actor=designer)
    version.refresh_from_db()
    assert version.fee_mnt == 2000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fee_mnt": -5}, "whole number"),
        ({"service_norm_days": 20, "statutory_deadline_days": 10}, "longer than the statutory"),
        ({"form": [{"name": "x", "type": "colour", "label_mn": "a", "label_en": "a"}]}, "unknown field type"),
        (
            {
                "form": [
                    {
                        "name": "x",
                        "type": "text",
                        "label_mn": "a",
                        "label_en": "a",
                        "visible_if": {"field": "later", "equals": "1"},
                    }
                ]
            },
            "earlier field",
        ),
        ({"channels": ["fax"]}, "Channels"),
        ({"category": "space"}, "category"),
    ],
)
def test_bad_content_is_refused_and_nothing_changes(designer: User, change: dict, message: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.service_create(code="CIVIL-902", data=version_data(**change), actor=designer)
    assert any(message in problem for problem in refused.value.details["problems"])
    assert not ReferenceService.objects.filter(code="CIVIL-902").exists()


def test_what_a_version_needs_to_be_published(designer: User) -> None:
    draft = services.service_create(
        code="CIVIL-903", data=version_data(description_en="", form=[], channels=["operator"]), actor=designer
    )
    with pytest.raises(ValidationFailed) as refused:
        services.version_publish(version=draft, actor=designer)
    problems = " ".join(refused.value.details["problems"])
    assert "description_en" in problems and "at least one field" in problems and "online" in problems
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_only_designers_keep_the_reference_catalogue(officer_soum_a: User, admin_aimag: User) -> None:
    for user in (officer_soum_a, admin_aimag):
        with pytest.raises(PermissionDenied):
            services.service_create(code="CIVIL-904", data=version_data(), actor=user)
    version = services.service_create(code="CIVIL-905", data=version_data(), actor=None)
    with pytest.raises(PermissionDenied):
        services.version_update(version=version, data={"fee_mnt": 1}, actor=admin_aimag)
    with pytest.raises(PermissionDenied):
        services.version_publish(version=version, actor=officer_soum_a)
    assert ServiceVersion.objects.get(pk=version.pk).status == "draft"


def test_two_versions_are_compared_field_by_field(designer: User) -> None:
    first = published_version()
    draft = services.version_start_draft(service=first.service, actor=designer)
    new_form = [
        *first.form,
        {"name": "copies", "type": "number", "label_mn": "Хувь", "label_en": "Copies", "min": 1, "max": 5},
    ]
    services.version_update(version=draft, data={"fee_mnt": 2500, "form": new_form}, actor=designer)
    differences = {d.field: d for d in versions_compare(first, ServiceVersion.objects.get(pk=draft.pk))}
    assert set(differences) == {"fee_mnt", "form"}
    assert (differences["fee_mnt"].before, differences["fee_mnt"].after) == (2000, 2500)
    assert differences["form"].added == ["copies"] and not differences["form"].removed


def test_retiring_needs_no_one_to_offer_the_version(designer: User) -> None:
    from nutag.catalog.tests.factories import adopt

    version = published_version()
    adoption = adopt(version, "6401")
    with pytest.raises(Conflict):
        services.version_retire(version=version, actor=designer)
    services.adoption_set_status(adoption=adoption, status="withdrawn", actor=None)
    assert services.version_retire(version=version, actor=designer).status == "retired"
