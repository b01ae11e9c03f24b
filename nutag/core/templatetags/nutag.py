from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def mnt(amount: int | None) -> str:
    """Tögrögs as Mongolians write them: grouped, no decimals, the sign after the number ("2,200,000₮")."""
    if amount is None:
        return ""
    return f"{number_format(amount, decimal_pos=0, force_grouping=True)}₮"
