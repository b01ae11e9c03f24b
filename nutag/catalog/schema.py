"""What a service version's data must look like, and what it needs to be published. Written once, used by pages,
the API, the import and the tests. Messages name the part that is wrong, so a designer can fix it."""

import re
from typing import Any

from django.utils.translation import gettext as _

from nutag.catalog.choices import (
    Applicant,
    Category,
    Channel,
    FieldType,
    LifeEvent,
    ProcessKind,
    ResolverKind,
    ResultKind,
    ServiceLevel,
)

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9-]{1,39}$")
FIELD_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
CHOICE_TYPES = {FieldType.CHOICE, FieldType.MULTICHOICE}
MAX_FEE_MNT = 100_000_000
MAX_DEADLINE_DAYS = 365


def document_problems(documents: Any, where: str = "documents") -> list[str]:
    if not isinstance(documents, list):
        return [_("%(where)s: must be a list.") % {"where": where}]
    problems: list[str] = []
    codes: set[str] = set()
    for index, document in enumerate(documents, start=1):
        label = f"{where} {index}"
        if not isinstance(document, dict):
            problems.append(_("%(label)s: must be an object.") % {"label": label})
            continue
        code = document.get("code")
        if not isinstance(code, str) or not re.match(r"^[A-Z][A-Z0-9_]{0,39}$", code):
            problems.append(
                _("%(label)s: the code must be capital letters, digits and _.") % {"label": label}
            )
        elif code in codes:
            problems.append(_("%(label)s: the code %(code)s appears twice.") % {"label": label, "code": code})
        else:
            codes.add(code)
        for key in ("name_mn", "name_en"):
            if not isinstance(document.get(key), str) or not document[key].strip():
                problems.append(_("%(label)s: %(key)s is missing.") % {"label": label, "key": key})
        if not isinstance(document.get("is_mandatory"), bool):
            problems.append(_("%(label)s: is_mandatory must be true or false.") % {"label": label})
    return problems


def form_problems(fields: Any, where: str = "form", known_names: set[str] | None = None) -> list[str]:
    """Problems of a form definition: field types, names, choices, limits and conditional visibility."""
    if not isinstance(fields, list):
        return [_("%(where)s: must be a list of fields.") % {"where": where}]
    problems: list[str] = []
    seen: dict[str, dict[str, Any]] = {}
    earlier = set(known_names or ())
    for index, field in enumerate(fields, start=1):
        if not isinstance(field, dict):
            problems.append(
                _("%(where)s field %(index)s: must be an object.") % {"where": where, "index": index}
            )
            continue
        name = field.get("name")
        label = f"{where} field {index} ({name})" if isinstance(name, str) else f"{where} field {index}"
        if not isinstance(name, str) or not FIELD_NAME_PATTERN.match(name):
            problems.append(
                _("%(label)s: the name must be lower-case letters, digits and _.") % {"label": label}
            )
            continue
        if name in seen or name in earlier:
            problems.append(_("%(label)s: the name is used twice.") % {"label": label})
        kind = field.get("type")
        if kind not in FieldType.values:
            problems.append(
                _("%(label)s: unknown field type %(kind)r; use one of %(known)s.")
                % {"label": label, "kind": kind, "known": ", ".join(FieldType.values)}
            )
        for key in ("label_mn", "label_en"):
            if not isinstance(field.get(key), str) or not field[key].strip():
                problems.append(_("%(label)s: %(key)s is missing.") % {"label": label, "key": key})
        if not isinstance(field.get("required", False), bool):
            problems.append(_("%(label)s: required must be true or false.") % {"label": label})
        choices = field.get("choices")
        if kind in CHOICE_TYPES:
            if (
                not isinstance(choices, list)
                or not choices
                or not all(
                    isinstance(c, dict)
                    and isinstance(c.get("value"), str)
                    and c.get("label_mn")
                    and c.get("label_en")
                    for c in choices
                )
            ):
                problems.append(
                    _("%(label)s: a choice field needs choices with value, label_mn and label_en.")
                    % {"label": label}
                )
        elif choices is not None:
            problems.append(_("%(label)s: only choice fields have choices.") % {"label": label})
        for limit in ("min", "max"):
            if limit in field and (kind != FieldType.NUMBER or not isinstance(field[limit], int | float)):
                problems.append(
                    _("%(label)s: %(limit)s is only for number fields.") % {"label": label, "limit": limit}
                )
        low, high = field.get("min"), field.get("max")
        if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
            problems.append(_("%(label)s: min is larger than max.") % {"label": label})
        if "max_length" in field and (
            kind not in (FieldType.TEXT, FieldType.TEXTAREA)
            or not isinstance(field["max_length"], int)
            or field["max_length"] < 1
        ):
            problems.append(
                _("%(label)s: max_length is a positive whole number for text fields.") % {"label": label}
            )
        condition = field.get("visible_if")
        if condition is not None:
            target = condition.get("field") if isinstance(condition, dict) else None
            if target not in seen and target not in earlier:
                problems.append(
                    _("%(label)s: visible_if must name an earlier field of the form.") % {"label": label}
                )
            elif target in seen and seen[target].get("choices"):
                values = {c.get("value") for c in seen[target]["choices"] if isinstance(c, dict)}
                if condition.get("equals") not in values:
                    problems.append(
                        _("%(label)s: visible_if compares with a value the field %(target)s cannot have.")
                        % {"label": label, "target": target}
                    )
        seen[name] = field
    return problems


def version_problems(data: dict[str, Any]) -> list[str]:
    """Everything wrong with a version's content. Empty means it may be saved as a draft."""
    problems: list[str] = []
    choice_fields = {
        "category": Category,
        "life_event": LifeEvent,
        "applicant": Applicant,
        "level": ServiceLevel,
        "resolver_kind": ResolverKind,
        "result": ResultKind,
        "process_kind": ProcessKind,
    }
    for key, choices in choice_fields.items():
        if data.get(key) not in choices.values:
            problems.append(
                _("%(key)s: %(value)r is not one of %(known)s.")
                % {"key": key, "value": data.get(key), "known": ", ".join(choices.values)}
            )
    fee = data.get("fee_mnt")
    if not isinstance(fee, int) or isinstance(fee, bool) or fee < 0 or fee > MAX_FEE_MNT:
        problems.append(_("The fee is a whole number of tögrögs, 0 or more."))
    statutory, norm = data.get("statutory_deadline_days"), data.get("service_norm_days")
    if not isinstance(statutory, int) or not 1 <= statutory <= MAX_DEADLINE_DAYS:
        problems.append(_("The statutory deadline is a whole number of working days, 1 to 365."))
    if not isinstance(norm, int) or not 1 <= norm <= MAX_DEADLINE_DAYS:
        problems.append(_("The service norm is a whole number of working days, 1 to 365."))
    elif isinstance(statutory, int) and norm > statutory:
        problems.append(_("The service norm cannot be longer than the statutory deadline."))
    channels = data.get("channels")
    if (
        not isinstance(channels, list)
        or not channels
        or any(c not in Channel.values for c in channels)
        or len(set(channels)) != len(channels)
    ):
        problems.append(
            _("Channels: choose one or more of %(known)s.") % {"known": ", ".join(Channel.values)}
        )
    problems += document_problems(data.get("documents", []))
    problems += form_problems(data.get("form", []))
    for key in ("name_mn", "name_en"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(_("%(key)s is missing.") % {"key": key})
    return problems


def publish_problems(data: dict[str, Any]) -> list[str]:
    """What a version needs, beyond valid data, before it can be published (docs/catalogue.md lists the rules)."""
    problems = version_problems(data)
    for key in (
        "description_mn",
        "description_en",
        "legal_basis_mn",
        "legal_basis_en",
        "result_name_mn",
        "result_name_en",
    ):
        if not str(data.get(key, "")).strip():
            problems.append(_("%(key)s must be filled in before publishing.") % {"key": key})
    if not data.get("form"):
        problems.append(_("The application form needs at least one field."))
    if "online" not in (data.get("channels") or []):
        problems.append(_("A published service must be available online."))
    return problems
