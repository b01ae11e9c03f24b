"""Charts drawn on the server as accessible SVG: role="img", a <title> and a description, every value also
written as text beside its bar (never colour alone), and the same numbers in a table on the page and as CSV/XLSX."""

from collections.abc import Sequence
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from nutag.analytics.geography import aimag_shapes, drawing_size

_ids = count(1)
BAR = "#1f5f8b"
# Sequential blues, light to dark, distinguishable in grey scale too; each class is also named in the legend.
SHADES = ["#e3eef7", "#b5d0e6", "#7faed3", "#3f7fb5", "#1b4f7e"]
WITHHELD_FILL = "#ffffff"


def bar_chart(*, title: str, rows: Sequence[tuple[str, float | None, str]], width: int = 640) -> SafeString:
    """Horizontal bars: (label, value or None when withheld or empty, value as text)."""
    uid = f"chart-{next(_ids)}"
    label_width, value_width, row_height = 170, 110, 22
    bar_width = width - label_width - value_width
    peak = max([value for _l, value, _t in rows if value] or [1.0])
    height = row_height * len(rows) + 8
    description = "; ".join(f"{label}: {text}" for label, _v, text in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="{uid}-t {uid}-d" style="max-width:{width}px">',
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>',
    ]
    for index, (label, value, text) in enumerate(rows):
        y = 4 + index * row_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label[:28])}</text>'
        )
        length = 0.0 if not value else max(1.0, bar_width * value / peak)
        if length:
            parts.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="15" fill="{BAR}"/>'
            )
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 15}" font-size="12">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def shade_of(share: float | None) -> int | None:
    if share is None:
        return None
    return min(4, int(share // 20))


def coverage_map(*, title: str, shares: dict[str, float | None], names: dict[str, str]) -> SafeString:
    """Aimags coloured by their share of the reference catalogue, in five classes of 20 points; each aimag
    has its name and share as a tooltip and the larger ones carry the figure as a label."""
    uid = f"map-{next(_ids)}"
    width, height = drawing_size()
    legend_height = 28
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height + legend_height}" '
        f'width="100%" aria-labelledby="{uid}-t {uid}-d" style="max-width:{width}px">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(_("The same figures are in the table beside the map."))}</desc>',
    ]
    for code, shape in aimag_shapes().items():
        share = shares.get(code)
        shade = shade_of(share)
        fill = WITHHELD_FILL if shade is None else SHADES[shade]
        text = "—" if share is None else f"{share:.0f}%"
        name = names.get(code, shape.name_en)
        parts.append(
            f'<path d="{shape.path}" fill="{fill}" stroke="#555" stroke-width="0.6" fill-rule="evenodd">'
            f"<title>{escape(name)}: {escape(text)}</title></path>"
        )
    for code, shape in aimag_shapes().items():
        if shape.area_km2 >= 40_000:
            share = shares.get(code)
            ink = "#fff" if (shade_of(share) or 0) >= 3 else "#111"
            parts.append(
                f'<text x="{shape.label_x}" y="{shape.label_y}" text-anchor="middle" font-size="11" '
                f'fill="{ink}" aria-hidden="true">{"—" if share is None else f"{share:.0f}%"}</text>'
            )
    for index, fill in enumerate(SHADES):
        x = 8 + index * 120
        parts.append(
            f'<rect x="{x}" y="{height + 8}" width="14" height="14" fill="{fill}" stroke="#555"/>'
            f'<text x="{x + 18}" y="{height + 20}" font-size="11">{index * 20}–{index * 20 + 20}%</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - names are escaped, the rest are numbers
