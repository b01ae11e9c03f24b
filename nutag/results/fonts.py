"""Noto Sans for result documents. The package ships a variable font (2 MB, every script); once per machine we
cut it down to Latin and Cyrillic (Mongolian's Ө and Ү included) at regular weight, without layout tables that
the PDF writer does not use, so each document loads and subsets a 70 kB font instead of the whole family."""

import logging
import os
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import fontpkg_noto_sans
from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from fpdf import FPDF
from fpdf.fonts import TTFFont

FAMILY = "NotoSans"
logging.getLogger("fontTools").setLevel(logging.WARNING)  # the PDF writer's subsetting reports every table
SOURCE = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
CODE_POINTS = [
    *range(0x20, 0x250),  # Basic Latin to Latin Extended-B
    *range(0x400, 0x530),  # Cyrillic and its supplement
    *range(0x2010, 0x2060),  # dashes, quotes, bullets
    0x20AE,  # ₮
    0x2116,  # №
]


def _cache_dir() -> Path:
    configured = getattr(settings, "NUTAG_FONT_CACHE_DIR", None) or os.environ.get("NUTAG_FONT_CACHE_DIR")
    return Path(configured) if configured else Path(settings.DATA_DIR) / "cache" / "fonts"


def _build(target: Path) -> None:
    font = TTFont(SOURCE)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "HVAR", "MVAR", "STAT"]
    options.hinting = False
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=CODE_POINTS)
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(font, {"wght": 400, "wdth": 100})
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as scratch:
        static.save(scratch)
    os.replace(scratch.name, target)  # atomic: workers building at once never read half a file


@lru_cache(maxsize=1)
def regular() -> Path:
    target = _cache_dir() / f"NotoSans-Regular-{version('fontpkg-noto-sans')}-cyrillic.ttf"
    if not target.exists():
        _build(target)
    return target


def add_to(pdf: FPDF) -> None:
    pdf.add_font(FAMILY, "", regular())
    # The cached font's glyph boxes are already right (it was saved with them recomputed). Saying so spares the
    # writer unpacking and repacking every glyph it keeps on each document: about a third of rendering time.
    font = pdf.fonts[FAMILY.lower()]
    assert isinstance(font, TTFFont)
    font.ttfont.recalcBBoxes = False
