"""Every change of stored process models: uploads of reference processes and local variants, and the process
variance of adoptions that follows from them."""

import hashlib
import logging
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.catalog.models import Adoption, ServiceVersion
from nutag.core import audit
from nutag.core.errors import Conflict, ValidationFailed
from nutag.core.permissions import require
from nutag.processes import engine
from nutag.processes.library import library_definitions, library_files
from nutag.processes.modeling.checks import ERROR, WARNING, Problem, check_definitions
from nutag.processes.modeling.comparison import compare
from nutag.processes.modeling.drawing import draw_svg
from nutag.processes.modeling.model import Definitions
from nutag.processes.modeling.reader import BpmnFileError, read_bpmn
from nutag.processes.models import ProcessModel, ProcessVariance
from nutag.processes.permissions import UPLOAD

logger = logging.getLogger(__name__)

MAX_FILE_NAME = 200


@dataclass(frozen=True)
class Analysis:
    """What Nutag learns from one BPMN file: checks, compiled definition, drawing. Pure: same bytes, same
    analysis, so the demo loader's identical files are analysed once."""

    process_id: str
    process_name: str
    is_executable: bool
    problems: tuple[tuple[tuple[str, str], ...], ...]
    definition_json: str | None
    spec_hash: str
    svg: str
    element_count: int

    def problem_list(self) -> list[dict[str, str]]:
        return [dict(problem) for problem in self.problems]


def _problem_items(problem: Problem) -> tuple[tuple[str, str], ...]:
    return tuple(asdict(problem).items())


def _read(content: bytes) -> Definitions:
    """The file read into Nutag's model; malformed XML and non-BPMN files are refused in plain words."""
    try:
        return read_bpmn(content)
    except BpmnFileError as error:
        raise ValidationFailed(
            _("This file cannot be imported: %(reason)s") % {"reason": error},
            code="not_bpmn",
            details={"file": [str(error)]},
        ) from None


_ANALYSES: OrderedDict[str, Analysis] = OrderedDict()
_ANALYSES_KEPT = 16


def _analyse(content: bytes) -> Analysis:
    """Checks, compiled definition and drawing of a file, remembered by content hash for a few files."""
    digest = hashlib.sha256(content).hexdigest()
    analysis = _ANALYSES.get(digest)
    if analysis is None:
        analysis = _ANALYSES[digest] = _analyse_afresh(content)
        while len(_ANALYSES) > _ANALYSES_KEPT:
            _ANALYSES.popitem(last=False)
    return analysis


def _analyse_afresh(content: bytes) -> Analysis:
    definitions = _read(content)
    main = definitions.main_process()
    problems = check_definitions(definitions, library=library_definitions())
    definition_json, spec_hash = None, ""
    if not any(problem.severity == ERROR for problem in problems):
        try:
            compiled = engine.compile_model(content, library=library_files())
            definition_json, spec_hash = compiled.to_json(), compiled.spec_hash
        except engine.ModelNotExecutable as refusal:
            problems += [p for p in refusal.problems if p not in problems]
        except Exception:  # the engine library on uploaded input: report, never crash
            logger.exception("Compiling an uploaded process model failed")
            problems.append(
                Problem(main.id if main else "", main.name if main else "",
                        "The engine could not compile the model.",
                        "Check the model in Camunda Modeler, or ask the platform admins.")
            )  # fmt: skip
    title = (main.name if main and main.name else "") or (main.id if main else "")
    try:
        svg = draw_svg(definitions, title=title or None)
    except Exception:  # a drawing must never stop an import
        logger.exception("Drawing an uploaded process model failed")
        svg = ""
        problems.append(Problem("", "", "The diagram could not be drawn.",
                                "Open and save the file again in a BPMN modeller.", WARNING))  # fmt: skip
    problems.sort(key=lambda problem: problem.severity != ERROR)
    return Analysis(
        process_id=main.id if main else "",
        process_name=main.name if main else "",
        is_executable=definition_json is not None,
        problems=tuple(_problem_items(problem) for problem in problems),
        definition_json=definition_json,
        spec_hash=spec_hash,
        svg=svg,
        element_count=len(definitions.nodes) + len(definitions.flows),
    )


def _clean_file_name(file_name: str) -> str:
    name = PurePosixPath((file_name or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|:*?')
    if not name:
        return "process.bpmn"
    if len(name) > MAX_FILE_NAME:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: MAX_FILE_NAME - len(suffix) - 1] + dot + suffix) if dot else name[:MAX_FILE_NAME]
    return name


@transaction.atomic
def process_model_upload(
    *, owner: ServiceVersion | Adoption, file_name: str, content: bytes, actor: Any
) -> ProcessModel:
    """Store a BPMN file as the new current process of a service version (the reference process) or of an
    adoption (its local variant). Files Nutag cannot run are stored too, marked not executable with every
    reason; files that are not BPMN 2.0 are refused and nothing is stored. ``actor=None`` is the demo loader,
    which may attach reference processes to published versions."""
    adoption: Adoption | None = None
    version: ServiceVersion | None = None
    if isinstance(owner, Adoption):
        adoption = Adoption.objects.select_for_update().select_related("version").get(pk=owner.pk)
        candidate = ProcessModel(adoption=adoption)
        owned = ProcessModel.objects.filter(adoption=adoption)
    else:
        version = ServiceVersion.objects.select_for_update().select_related("service").get(pk=owner.pk)
        candidate = ProcessModel(version=version)
        owned = ProcessModel.objects.filter(version=version)
    if actor is not None:
        require(actor, UPLOAD, candidate, _("You may not upload a process model here."))
        if version is not None and not version.is_editable:
            raise Conflict(
                _(
                    "Version %(number)s is %(status)s and its process cannot change; start a new draft "
                    "and upload the process there."
                )
                % {"number": version.number, "status": version.get_status_display()}
            )
    if not isinstance(content, (bytes, bytearray)):
        raise ValidationFailed(_("The file must be uploaded as bytes."))
    content = bytes(content)
    analysis = _analyse(content)
    previous = owned.filter(is_current=True).only("id", "number").first()
    number = (owned.aggregate(highest=Max("number"))["highest"] or 0) + 1
    owned.filter(is_current=True).update(is_current=False)
    model = ProcessModel.objects.create(
        version=version,
        adoption=adoption,
        number=number,
        is_current=True,
        file_name=_clean_file_name(file_name),
        bpmn_xml=content,
        process_id=analysis.process_id[:200],
        process_name=analysis.process_name[:300],
        is_executable=analysis.is_executable,
        problems=analysis.problem_list(),
        definition_json=analysis.definition_json,
        spec_hash=analysis.spec_hash,
        svg=analysis.svg,
        element_count=analysis.element_count,
        uploaded_by=actor if actor is not None and actor.pk else None,
        uploaded_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="process_model.uploaded",
        obj=model,
        territory_path=adoption.territory_path if adoption else "",
        before={"current": previous.number} if previous else None,
        after={
            "owner": f"adoption:{owner.pk}" if adoption else f"version:{owner.pk}",
            "number": number,
            "file_name": model.file_name,
            "is_executable": model.is_executable,
            "problems": len(model.problems),
            "spec_hash": model.spec_hash,
        },
    )
    if adoption is not None:
        process_variance_refresh(adoption_ids=[adoption.pk])
    elif version is not None:
        process_variance_refresh(adoption_ids=list(version.adoptions.values_list("pk", flat=True)))
    return model


def _change_record(change: Any) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "element_id": change.element_id,
        "element_name": change.element_name,
        "what": change.what,
        "category": change.category,
        "weight": change.weight,
    }


@transaction.atomic
def process_variance_refresh(*, adoption_ids: Iterable[int] | None = None) -> int:
    """Recompute the process variance of these adoptions (all with a variant when None): their current
    variant compared with the current reference process of the version they adopted. Adoptions without a
    variant, or whose version has no reference process, have no variance row. Returns the rows written."""
    variants = ProcessModel.objects.filter(adoption__isnull=False, is_current=True).select_related("adoption")
    stale = ProcessVariance.objects.all()
    if adoption_ids is not None:
        ids = list(adoption_ids)
        variants = variants.filter(adoption_id__in=ids)
        stale = stale.filter(adoption_id__in=ids)
    variant_list = list(variants)
    references = {
        model.version_id: model
        for model in ProcessModel.objects.filter(
            version_id__in={variant.adoption.version_id for variant in variant_list if variant.adoption},
            is_current=True,
        )
    }
    read: dict[int, Definitions] = {}

    def definitions_of(model: ProcessModel) -> Definitions:
        if model.pk not in read:
            read[model.pk] = read_bpmn(model.original_bytes)
        return read[model.pk]

    kept: list[int] = []
    now = timezone.now()
    for variant in variant_list:
        assert variant.adoption is not None
        reference = references.get(variant.adoption.version_id)
        if reference is None:
            continue
        comparison = compare(definitions_of(reference), definitions_of(variant))
        ProcessVariance.objects.update_or_create(
            adoption=variant.adoption,
            defaults={
                "reference": reference,
                "variant": variant,
                "variance": comparison.variance,
                "change_count": len(comparison.changes),
                "changes": [_change_record(change) for change in comparison.changes],
                "computed_at": now,
            },
        )
        kept.append(variant.adoption.pk)
    stale.exclude(adoption_id__in=kept).delete()
    return len(kept)
