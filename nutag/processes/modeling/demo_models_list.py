"""The demo reference processes shipped with Nutag, and the aimag variants of each."""

from __future__ import annotations

from pathlib import Path

DEMO_MODELS_DIR = Path(__file__).resolve().parents[1] / "demo_models"
SHARED_SUB_PROCESSES = ("fee_payment",)
REFERENCE_MODELS = ("reference_letter", "permit", "welfare_committee", "site_inspection_permit")
VARIANTS = {
    "reference_letter__supervisor_signoff": "reference_letter",
    "permit__extra_approval": "permit",
    "welfare_committee__longer_deadline": "welfare_committee",
    "site_inspection_permit__no_inspection": "site_inspection_permit",
}
DEMO_MODEL_NAMES = (*SHARED_SUB_PROCESSES, *REFERENCE_MODELS, *VARIANTS)


def demo_model(name: str) -> bytes:
    return (DEMO_MODELS_DIR / f"{name}.bpmn").read_bytes()
