"""Reads of stored process models: the reference process of a version, the process an adoption runs, the
comparison of a variant with its reference, and adoptions ranked by process variance."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from nutag.catalog.choices import VersionStatus
from nutag.catalog.models import Adoption, ReferenceService, ServiceVersion
from nutag.core.errors import NotFound
from nutag.core.permissions import visible_to
from nutag.core.queries import Compiled
from nutag.processes.modeling.comparison import Change, compare, draw_comparison
from nutag.processes.modeling.reader import read_bpmn
from nutag.processes.models import ProcessModel
from nutag.processes.permissions import adoptions_with_visible_variants

# Heavy columns a list never needs.
HEAVY_FIELDS = ("bpmn_xml", "svg", "definition_json")


def reference_model_for_version(version: ServiceVersion) -> ProcessModel | None:
    """The current reference process of a service version, if one was uploaded."""
    return ProcessModel.objects.filter(version=version, is_current=True).first()


def reference_model_for_service(service: ReferenceService) -> ProcessModel | None:
    """The current reference process of the service's current (newest published) version."""
    if service.current_version_id is None:
        return None
    return ProcessModel.objects.filter(version_id=service.current_version_id, is_current=True).first()


def variant_for_adoption(adoption: Adoption) -> ProcessModel | None:
    return ProcessModel.objects.filter(adoption=adoption, is_current=True).first()


# Every submission asks which process to start: compiled once per process (see core.queries).
_CURRENT_FOR_ADOPTION = Compiled(
    lambda adoption_id, version_id: ProcessModel.objects.filter(
        Q(adoption_id=adoption_id) | Q(version_id=version_id, adoption_id__isnull=True), is_current=True
    ).defer(*HEAVY_FIELDS),
    placeholders=[-101, -102],
)


def process_model_for_adoption(adoption: Adoption) -> ProcessModel | None:
    """The process the adoption runs: its own variant, or else the reference process of its version, without its
    heavy columns (a process reads its definition once per compiled model: see cases.runtime)."""
    candidates = _CURRENT_FOR_ADOPTION.all(adoption.pk, adoption.version_id)
    by_owner = {model.adoption_id is not None: model for model in candidates}
    return by_owner.get(True) or by_owner.get(False)


def process_model_get_for_user(*, user: Any, pk: Any) -> ProcessModel:
    """One process model the user may see, with its owner; NotFound otherwise (also for models hidden from
    the user, so that their existence does not leak)."""
    try:
        model_id = int(pk)
    except (TypeError, ValueError):
        raise NotFound(_("There is no such process model, or you may not see it.")) from None
    model = (
        visible_to(user, ProcessModel.objects.all())
        .select_related(
            "version__service", "adoption__service", "adoption__territory", "adoption__version", "uploaded_by"
        )
        .filter(pk=model_id)
        .first()
    )
    if model is None:
        raise NotFound(_("There is no such process model, or you may not see it."))
    return model


def process_models_for_list(
    *, user: Any, kind: str = "", executable: str = "", current_only: bool = True, query: str = ""
) -> QuerySet[ProcessModel]:
    """Process models the user may see, lightest columns only. ``kind`` is "reference" or "variant";
    ``executable`` is "yes" or "no"; ``query`` matches the service code."""
    models = visible_to(user, ProcessModel.objects.all()).defer(*HEAVY_FIELDS)
    if kind == "reference":
        models = models.filter(version__isnull=False)
    elif kind == "variant":
        models = models.filter(adoption__isnull=False)
    if executable in ("yes", "no"):
        models = models.filter(is_executable=executable == "yes")
    if current_only:
        models = models.filter(is_current=True)
    if query:
        code = query.strip().upper()
        models = models.filter(
            Q(version__service__code__contains=code) | Q(adoption__service__code__contains=code)
        )
    return models.select_related(
        "version__service", "adoption__service", "adoption__territory", "uploaded_by"
    ).order_by("version__service__code", "-version__number", "adoption__territory_path", "-number")


def reference_processes_for_list(
    *, user: Any, executable: str = "", query: str = ""
) -> QuerySet[ProcessModel]:
    return process_models_for_list(user=user, kind="reference", executable=executable, query=query)


def process_model_history(model: ProcessModel) -> QuerySet[ProcessModel]:
    """Every uploaded file of the same owner, newest first."""
    owned = (
        ProcessModel.objects.filter(adoption_id=model.adoption_id)
        if model.adoption_id
        else ProcessModel.objects.filter(version_id=model.version_id)
    )
    return owned.defer(*HEAVY_FIELDS).select_related("uploaded_by").order_by("-number")


@dataclass
class AdoptionComparison:
    reference: ProcessModel
    variant: ProcessModel
    changes: list[Change]
    variance: float
    svg: str

    def changes_of(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    @property
    def added(self) -> list[Change]:
        return self.changes_of("added")

    @property
    def removed(self) -> list[Change]:
        return self.changes_of("removed")

    @property
    def changed(self) -> list[Change]:
        return self.changes_of("changed")


def adoption_comparison(adoption: Adoption) -> AdoptionComparison | None:
    """The adoption's variant compared with the reference process of its version, drawn with the added,
    removed and changed elements marked. None when either is missing."""
    variant = variant_for_adoption(adoption)
    reference = reference_model_for_version(adoption.version) if variant else None
    if variant is None or reference is None:
        return None
    reference_definitions = read_bpmn(reference.original_bytes)
    variant_definitions = read_bpmn(variant.original_bytes)
    comparison = compare(reference_definitions, variant_definitions)
    try:
        svg = draw_comparison(reference_definitions, variant_definitions, comparison)
    except Exception:  # a drawing problem must not hide the list of changes
        svg = ""
    return AdoptionComparison(
        reference=reference,
        variant=variant,
        changes=comparison.changes,
        variance=comparison.variance,
        svg=svg,
    )


def variances_ranked(
    user: Any, aimag_code: str | None = None, *, only_variants: bool = False
) -> QuerySet[Adoption]:
    """Adoptions ranked by process variance, highest first; each carries ``process_variance_value`` (0 for
    an adoption that runs the reference). Only adoptions whose variants the user may see."""
    adoptions = adoptions_with_visible_variants(user, Adoption.objects.all())
    if aimag_code:
        adoptions = adoptions.filter(aimag_code=aimag_code)
    variant = ProcessModel.objects.filter(adoption=OuterRef("pk"), is_current=True)
    if only_variants:
        adoptions = adoptions.filter(Exists(variant))
    return (
        adoptions.annotate(
            process_variance_value=Coalesce(
                F("process_variance__variance"), Value(0.0), output_field=FloatField()
            ),
            has_variant=Exists(variant),
        )
        .select_related("service", "version", "territory", "process_variance")
        .defer("process_variance__changes")
        .order_by("-process_variance_value", "territory_path", "service__code")
    )


def draft_versions_for_upload(*, user: Any) -> QuerySet[ServiceVersion]:
    """Draft service versions the user may give a reference process (designers: every draft), each with
    ``has_reference``."""
    current = ProcessModel.objects.filter(version=OuterRef("pk"), is_current=True)
    return (
        visible_to(user, ServiceVersion.objects.filter(status=VersionStatus.DRAFT), "change")
        .select_related("service")
        .annotate(has_reference=Exists(current))
        .order_by("service__code")
    )
