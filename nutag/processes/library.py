"""The shared sub-process library that call activities resolve against (e.g. ``fee_payment``).

Decision: the library ships with Nutag's code (``demo_models/``, names in ``SHARED_SUB_PROCESSES``) instead of
being uploaded like reference processes. A call activity then always resolves to a reviewed file, and the
compiled definition stored with each model (``ProcessModel.definition_json``) already contains the called
sub-process, so a later change of the library never changes a model that requests are running.
"""

from functools import cache

from nutag.processes.modeling.demo_models_list import SHARED_SUB_PROCESSES, demo_model
from nutag.processes.modeling.model import Definitions
from nutag.processes.modeling.reader import read_bpmn


@cache
def library_files() -> tuple[bytes, ...]:
    return tuple(demo_model(name) for name in SHARED_SUB_PROCESSES)


def library_definitions() -> list[Definitions]:
    return [read_bpmn(content) for content in library_files()]
