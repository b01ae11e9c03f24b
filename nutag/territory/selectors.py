from django.db.models import QuerySet

from nutag.core.text import mongolian_sort_key, search_terms
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit


def units_search(
    *, query: str = "", levels: list[str] | None = None, within: str = ""
) -> QuerySet[TerritoryUnit]:
    """Territory units whose names contain every word of `query`, folded the same way on every database."""
    units = TerritoryUnit.objects.select_related("parent")
    for term in search_terms(query):
        units = units.filter(search_text__contains=term)
    if levels:
        units = units.filter(level__in=levels)
    if within:
        units = units.filter(path__startswith=within + ".")
    return units.order_by("path")


def top_level_units() -> list[TerritoryUnit]:
    """The aimags in Mongolian dictionary order, the capital first."""
    units = TerritoryUnit.objects.filter(level__in=[Level.AIMAG, Level.CAPITAL])
    return sorted(units, key=lambda unit: (unit.level != Level.CAPITAL, mongolian_sort_key(unit.name_mn)))
