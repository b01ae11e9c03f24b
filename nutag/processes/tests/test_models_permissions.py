"""Who may upload and see process models; refused calls change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from nutag.accounts.models import User
from nutag.catalog.choices import VersionStatus
from nutag.core.errors import PermissionDenied
from nutag.core.models import AuditEvent
from nutag.core.permissions import visible_to
from nutag.processes.models import ProcessModel
from nutag.processes.permissions import may_upload
from nutag.processes.services import process_model_upload

from .conftest import demo_bytes
from .factories import make_version

pytestmark = pytest.mark.django_db

VARIANT = "permit__extra_approval"


def _refused(owner: Any, actor: Any) -> None:
    models, events = ProcessModel.objects.count(), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        process_model_upload(owner=owner, file_name="x.bpmn", content=demo_bytes(VARIANT), actor=actor)
    assert (ProcessModel.objects.count(), AuditEvent.objects.count()) == (models, events)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("admin_aimag", True),
        ("admin_soum_b", True),
        ("platform_admin", True),
        ("admin_other_aimag", False),
        ("designer", False),
        ("analyst", False),
        ("officer_soum_a", False),
        ("citizen", False),
    ],
)
def test_only_org_admins_of_the_territory_upload_a_variant(
    request: pytest.FixtureRequest, adoption_b: Any, persona: str, allowed: bool
) -> None:
    user = request.getfixturevalue(persona)
    assert may_upload(user, adoption_b) is allowed
    if allowed:
        model = process_model_upload(
            owner=adoption_b, file_name="v.bpmn", content=demo_bytes(VARIANT), actor=user
        )
        assert model.adoption == adoption_b
    else:
        _refused(adoption_b, user)


def test_anonymous_visitor_uploads_nothing(adoption_b: Any) -> None:
    assert not may_upload(AnonymousUser(), adoption_b)
    _refused(adoption_b, AnonymousUser())


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("designer", True), ("platform_admin", True), ("admin_aimag", False), ("analyst", False),
     ("officer_soum_a", False)],
)  # fmt: skip
def test_only_designers_upload_reference_processes(
    request: pytest.FixtureRequest, world: None, persona: str, allowed: bool
) -> None:
    draft = make_version("BIZ-910", "permit", status=VersionStatus.DRAFT)
    user = request.getfixturevalue(persona)
    assert may_upload(user, draft) is allowed
    if allowed:
        process_model_upload(owner=draft, file_name="p.bpmn", content=demo_bytes("permit"), actor=user)
    else:
        _refused(draft, user)


@pytest.fixture
def models(adoption_b: Any, adoption_other: Any, designer: User) -> dict[str, ProcessModel]:
    draft = make_version("BIZ-911", "permit", status=VersionStatus.DRAFT)
    return {
        "published": ProcessModel.objects.get(version=adoption_b.version),
        "draft": process_model_upload(
            owner=draft, file_name="d.bpmn", content=demo_bytes("permit"), actor=designer
        ),
        "variant_b": process_model_upload(
            owner=adoption_b, file_name="b.bpmn", content=demo_bytes(VARIANT), actor=None
        ),
        "variant_other": process_model_upload(
            owner=adoption_other, file_name="o.bpmn", content=demo_bytes(VARIANT), actor=None
        ),
    }


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("designer", {"published", "draft", "variant_b", "variant_other"}),
        ("platform_admin", {"published", "draft", "variant_b", "variant_other"}),
        ("analyst", {"published", "variant_b", "variant_other"}),
        ("admin_aimag", {"published", "variant_b"}),
        ("admin_soum_b", {"published", "variant_b"}),
        ("admin_other_aimag", {"published", "variant_other"}),
        ("officer_soum_a", {"published"}),
        ("citizen", set()),
    ],
)
def test_who_sees_which_process_models(
    request: pytest.FixtureRequest, models: dict[str, ProcessModel], persona: str, expected: set[str]
) -> None:
    user = request.getfixturevalue(persona)
    names = {pk: name for name, pk in ((n, m.pk) for n, m in models.items())}
    seen = {names[pk] for pk in visible_to(user, ProcessModel.objects.all()).values_list("pk", flat=True)}
    assert seen == expected
    from nutag.core.permissions import may

    assert {name for name, model in models.items() if may(user, "view", model)} == expected


def test_anonymous_visitor_sees_no_process_model(models: dict[str, ProcessModel]) -> None:
    assert not visible_to(AnonymousUser(), ProcessModel.objects.all()).exists()
