from typing import Any

from django.db import transaction

from nutag.core.text import fold
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit


@transaction.atomic
def organisation_upsert(
    *,
    code: str,
    name_mn: str,
    name_en: str,
    kind: str,
    jurisdiction: TerritoryUnit,
    department: str = "",
    parent: Organisation | None = None,
) -> tuple[Organisation, bool]:
    """Create the organisation with `code`, or bring it up to date. Returns it and whether anything changed."""
    values: dict[str, Any] = {
        "name_mn": name_mn,
        "name_en": name_en,
        "kind": kind,
        "department": department,
        "jurisdiction": jurisdiction,
        "parent": parent,
        "territory_path": jurisdiction.path,
        "search_text": fold(f"{name_mn} {name_en} {code}"),
    }
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        return Organisation.objects.create(code=code, **values), True
    changed = [name for name, value in values.items() if getattr(organisation, name) != value]
    for name in changed:
        setattr(organisation, name, values[name])
    if changed:
        organisation.save(update_fields=changed)
    return organisation, bool(changed)
