"""Demo process models: the reference process of every published demo service version (chosen by its process
kind), and local variants for some adoptions in four aimags that differ the way real ones do. Idempotent: a
version that has a reference process and an adoption that has a variant are left alone.

Run after the catalogue demo (``catalogue_demo_load``); ``manage.py load_demo`` calls ``processes_demo_load``.
"""

from django.db import transaction

from nutag.catalog.choices import VersionStatus
from nutag.catalog.models import Adoption, ServiceVersion
from nutag.processes.modeling.demo_models_list import REFERENCE_MODELS, VARIANTS, demo_model
from nutag.processes.models import ProcessModel
from nutag.processes.services import process_model_upload, process_variance_refresh

# aimag code -> the variants its organisations made, each for a few services of the variant's process kind
# (the first adoption, by territory code, of each of the first services by code).
VARIANT_PLAN: dict[str, tuple[str, ...]] = {
    "64": ("permit__extra_approval", "welfare_committee__longer_deadline"),  # Bayankhongor
    "44": ("site_inspection_permit__no_inspection", "reference_letter__supervisor_signoff"),  # Dornogovi
    "23": ("permit__extra_approval", "reference_letter__supervisor_signoff"),  # Khentii
    "21": ("welfare_committee__longer_deadline", "site_inspection_permit__no_inspection"),  # Dornod
}
ADOPTIONS_PER_VARIANT = 3


@transaction.atomic
def processes_demo_load() -> int:
    """Attach the demo reference processes and variants; returns the number of process models created."""
    created = 0
    with_reference = set(
        ProcessModel.objects.filter(version__isnull=False, is_current=True).values_list(
            "version_id", flat=True
        )
    )
    versions = (
        ServiceVersion.objects.filter(status=VersionStatus.PUBLISHED, process_kind__in=REFERENCE_MODELS)
        .exclude(pk__in=with_reference)
        .order_by("service__code", "number")
    )
    for version in versions:
        process_model_upload(
            owner=version,
            file_name=f"{version.process_kind}.bpmn",
            content=demo_model(version.process_kind),
            actor=None,
        )
        created += 1
    with_variant = set(
        ProcessModel.objects.filter(adoption__isnull=False).values_list("adoption_id", flat=True)
    )
    for aimag_code, variant_names in VARIANT_PLAN.items():
        for name in variant_names:
            for adoption in _adoptions_for_variant(aimag_code, VARIANTS[name]):
                if adoption.pk in with_variant:
                    continue
                process_model_upload(
                    owner=adoption,
                    file_name=f"{name}-{adoption.territory.code}.bpmn",
                    content=demo_model(name),
                    actor=None,
                )
                with_variant.add(adoption.pk)
                created += 1
    if created:
        process_variance_refresh()
    return created


def _adoptions_for_variant(aimag_code: str, process_kind: str) -> list[Adoption]:
    adoptions = (
        Adoption.objects.filter(aimag_code=aimag_code, version__process_kind=process_kind)
        .select_related("service", "territory")
        .order_by("service__code", "territory__code")
    )
    chosen: dict[int, Adoption] = {}
    for adoption in adoptions.iterator():
        chosen.setdefault(adoption.service_id, adoption)
        if len(chosen) == ADOPTIONS_PER_VARIANT:
            break
    return list(chosen.values())
