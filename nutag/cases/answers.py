"""Checking a citizen's answers against the form of the adopted version (with its local fields), and uploads
against what they claim to be. Both return every problem at once, keyed by field, in plain words."""

import datetime
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from nutag.accounts.register_number import InvalidRegisterNumber
from nutag.accounts.register_number import parse as parse_register_number
from nutag.catalog.models import Adoption

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What a file must start with to be what its type says; names and browsers' content types are not trusted.
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
EXTENSIONS = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
PHONE = re.compile(r"^\+?976?\s?[0-9]{8}$|^[0-9]{8}$")


def form_fields(adoption: Adoption) -> list[dict[str, Any]]:
    return [*adoption.version.form, *adoption.extra_form_fields]


def documents_required(adoption: Adoption) -> list[dict[str, Any]]:
    return [*adoption.version.documents, *adoption.extra_documents]


def _visible(field: dict[str, Any], answers: dict[str, Any]) -> bool:
    condition = field.get("visible_if")
    return not condition or answers.get(condition.get("field")) == condition.get("equals")


def _clean_one(field: dict[str, Any], value: Any) -> Any:
    kind = field.get("type")
    if kind == "number":
        try:
            number = float(value) if "." in str(value) else int(value)
        except (TypeError, ValueError):
            raise ValueError(_("Enter a number.")) from None
        if "min" in field and number < field["min"]:
            raise ValueError(_("The smallest allowed is %(min)s.") % {"min": field["min"]})
        if "max" in field and number > field["max"]:
            raise ValueError(_("The largest allowed is %(max)s.") % {"max": field["max"]})
        return number
    if kind == "date":
        try:
            return datetime.date.fromisoformat(str(value).replace(".", "-")).isoformat()
        except ValueError:
            raise ValueError(_("Enter a date as 2026.11.25.")) from None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if str(value).lower() in {"true", "1", "yes", "on"}:
            return True
        if str(value).lower() in {"false", "0", "no", "off", ""}:
            return False
        raise ValueError(_("Answer yes or no."))
    if kind in ("choice", "multichoice"):
        allowed = {choice["value"] for choice in field.get("choices", [])}
        values = value if isinstance(value, list) else [value]
        if (kind == "choice" and len(values) != 1) or any(v not in allowed for v in values):
            raise ValueError(_("Choose one of the options."))
        return values if kind == "multichoice" else values[0]
    if kind == "register_number":
        try:
            return parse_register_number(str(value)).value
        except InvalidRegisterNumber as error:
            raise ValueError(str(error)) from None
    if kind == "phone":
        digits = "".join(str(value).split())
        if not PHONE.match(digits):
            raise ValueError(_("Enter an 8-digit Mongolian phone number."))
        return digits[-8:]
    if kind == "email":
        try:
            EmailValidator()(str(value))
        except ValidationError:
            raise ValueError(_("Enter an email address like name@example.mn.")) from None
        return str(value)
    text = str(value).strip()
    if len(text) > int(field.get("max_length", 2000)):
        raise ValueError(_("At most %(n)s characters.") % {"n": field.get("max_length", 2000)})
    return text


def clean_answers(
    adoption: Adoption, answers: dict[str, Any], *, complete: bool
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers cleaned, and the problems by field name. With `complete`, required fields must be answered."""
    cleaned: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for field in form_fields(adoption):
        name = field["name"]
        if not _visible(field, {**answers, **cleaned}):
            continue
        value = answers.get(name)
        if value in (None, "", []):
            if complete and field.get("required") and field.get("type") != "boolean":
                problems[name] = _("Answer this question.")
            continue
        try:
            cleaned[name] = _clean_one(field, value)
        except ValueError as error:
            problems[name] = str(error)
    return cleaned, problems


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def check_upload(name: str, content: bytes) -> CheckedFile:
    """The file's real type, or ValueError: too large, an unknown kind, or content that is not what it claims."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValueError(_("The file is larger than 10 MB."))
    if not content:
        raise ValueError(_("The file is empty."))
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise ValueError(_("Upload a PDF, PNG or JPEG file."))
    if not content.startswith(SIGNATURES[claimed]):
        raise ValueError(
            _("The file's content is not a %(kind)s file, whatever its name says.")
            % {"kind": extension[1:].upper()}
        )
    return CheckedFile(content_type=claimed, size=len(content), sha256=hashlib.sha256(content).hexdigest())


def display(adoption: Adoption, answers: dict[str, Any], language: str) -> list[tuple[str, str]]:
    """The answers as a person reads them: the field's label and, for choices, the chosen option's label."""
    suffix = "en" if language == "en" else "mn"
    rows = []
    for field in form_fields(adoption):
        if field["name"] not in answers:
            continue
        value = answers[field["name"]]
        labels = {c["value"]: c.get(f"label_{suffix}") or c["value"] for c in field.get("choices", [])}
        if isinstance(value, list):
            shown = ", ".join(str(labels.get(v, v)) for v in value)
        elif isinstance(value, bool):
            shown = str(_("Yes") if value else _("No"))
        else:
            shown = str(labels.get(value, value))
        rows.append((str(field.get(f"label_{suffix}") or field["name"]), shown))
    return rows
