from typing import Any

from django.db.models import QuerySet

from nutag.core.permissions import visible_to
from nutag.core.text import search_terms
from nutag.organisations.models import Organisation


def organisations_for_list(
    *, user: Any, query: str = "", kind: str = "", territory_path: str = ""
) -> QuerySet[Organisation]:
    organisations = visible_to(user, Organisation.objects.select_related("jurisdiction", "parent"))
    for term in search_terms(query):
        organisations = organisations.filter(search_text__contains=term)
    if kind:
        organisations = organisations.filter(kind=kind)
    if territory_path:
        organisations = organisations.filter(territory_path__startswith=territory_path)
    return organisations.order_by("territory_path", "kind", "code")
