"""Compile locale/*/LC_MESSAGES/*.po to .mo without GNU gettext, so a fresh machine needs nothing installed."""

from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent / "locale"
for po_path in root.glob("*/LC_MESSAGES/*.po"):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path.relative_to(root.parent)}")
