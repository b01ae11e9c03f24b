"""Comparison of a variant with its reference, the process variance of adoptions, and the demo loader."""

from __future__ import annotations

from typing import Any

import pytest

from nutag.accounts.models import User
from nutag.catalog.models import Adoption
from nutag.processes import selectors
from nutag.processes.demo import processes_demo_load
from nutag.processes.models import ProcessModel, ProcessVariance
from nutag.processes.services import process_model_upload, process_variance_refresh

from .conftest import demo_bytes
from .factories import make_adoption, make_version

pytestmark = pytest.mark.django_db


def test_adoption_runs_the_reference_until_it_has_a_variant(adoption_b: Any, admin_soum_b: User) -> None:
    reference = selectors.reference_model_for_version(adoption_b.version)
    assert reference is not None
    assert selectors.process_model_for_adoption(adoption_b) == reference
    assert selectors.adoption_comparison(adoption_b) is None
    assert not ProcessVariance.objects.exists()
    variant = process_model_upload(
        owner=adoption_b, file_name="v.bpmn", content=demo_bytes("permit__extra_approval"), actor=admin_soum_b
    )
    assert selectors.process_model_for_adoption(adoption_b) == variant
    assert selectors.reference_model_for_service(adoption_b.service) == reference


def test_comparison_lists_the_added_approval_and_draws_it(adoption_b: Any, admin_aimag: User) -> None:
    process_model_upload(
        owner=adoption_b, file_name="v.bpmn", content=demo_bytes("permit__extra_approval"), actor=admin_aimag
    )
    comparison = selectors.adoption_comparison(adoption_b)
    assert comparison is not None
    assert {c.element_id for c in comparison.added} >= {"second_approval", "second_approved"}
    assert [c.category for c in comparison.removed] == ["flow"]
    assert "+ added" in comparison.svg and "Legend" in comparison.svg
    assert comparison.variance == round((2 * 1.0 + 5 * 0.5) / 33, 3)


def test_variance_is_stored_and_ranked(permit_version: Any, adoption_b: Any, adoption_other: Any,
                                       analyst: User, admin_aimag: User) -> None:  # fmt: skip
    process_model_upload(
        owner=adoption_b, file_name="v.bpmn", content=demo_bytes("permit__extra_approval"), actor=None
    )
    row = ProcessVariance.objects.get(adoption=adoption_b)
    assert row.variance > 0 and row.change_count == len(row.changes)
    assert row.reference == selectors.reference_model_for_version(permit_version)
    assert any(change["element_id"] == "second_approval" for change in row.changes)
    ranked = list(selectors.variances_ranked(analyst))
    assert [a.pk for a in ranked] == [adoption_b.pk, adoption_other.pk]
    assert ranked[0].process_variance_value == row.variance and ranked[1].process_variance_value == 0.0
    assert ranked[0].has_variant and not ranked[1].has_variant
    assert [a.pk for a in selectors.variances_ranked(analyst, "44")] == [adoption_other.pk]
    assert [a.pk for a in selectors.variances_ranked(analyst, only_variants=True)] == [adoption_b.pk]
    assert [a.pk for a in selectors.variances_ranked(admin_aimag)] == [adoption_b.pk]


def test_a_new_reference_recomputes_the_variance_of_its_adoptions(adoption_b: Any) -> None:
    process_model_upload(
        owner=adoption_b, file_name="v.bpmn", content=demo_bytes("permit__extra_approval"), actor=None
    )
    before = ProcessVariance.objects.get(adoption=adoption_b)
    new_reference = process_model_upload(
        owner=adoption_b.version,
        file_name="same.bpmn",
        content=demo_bytes("permit__extra_approval"),
        actor=None,
    )
    after = ProcessVariance.objects.get(adoption=adoption_b)
    assert before.variance > 0 and after.variance == 0.0 and after.reference == new_reference


def test_refresh_drops_variances_without_a_reference(world: None) -> None:
    version = make_version("BIZ-920", "permit")
    adoption = make_adoption(version, "6401")
    process_model_upload(owner=adoption, file_name="v.bpmn", content=demo_bytes("permit"), actor=None)
    assert selectors.adoption_comparison(adoption) is None
    assert process_variance_refresh() == 0 and not ProcessVariance.objects.exists()


@pytest.fixture
def small_catalogue(world: None) -> list[Adoption]:
    adoptions = []
    for index, kind in enumerate(
        ["permit", "welfare_committee", "site_inspection_permit", "reference_letter"]
    ):
        version = make_version(f"DEMO-{index}", kind)
        for soum in ("6401", "6404", "4401", "4404", "2301", "2101"):
            adoptions.append(make_adoption(version, soum))
    return adoptions


def test_demo_loader_attaches_references_and_variants_and_is_idempotent(
    small_catalogue: list[Adoption], analyst: User
) -> None:
    created = processes_demo_load()
    references = ProcessModel.objects.filter(version__isnull=False)
    variants = ProcessModel.objects.filter(adoption__isnull=False)
    assert references.count() == 4 and all(m.is_executable for m in references)
    assert {m.version.process_kind for m in references} == {m.process_id for m in references}
    assert variants.count() >= 8 and all(m.is_executable for m in variants)
    assert created == references.count() + variants.count()
    assert {m.adoption.aimag_code for m in variants} == {"64", "44", "23", "21"}
    assert ProcessVariance.objects.count() == variants.count()
    assert ProcessVariance.objects.filter(variance__gt=0).count() == variants.count()
    top = selectors.variances_ranked(analyst).first()
    assert top is not None and top.process_variance_value > 0
    assert processes_demo_load() == 0
    assert ProcessModel.objects.count() == created
