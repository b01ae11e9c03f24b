"""Mongolian text: normalising legacy spellings and folding for search that works the same on every database.

SQLite's lower()/LIKE fold only ASCII, and PostgreSQL's depend on the collation, so search does not rely on
the database: each searchable row stores `search_text`, folded here in Python, and queries are folded the same way.
"""

import re
import unicodedata

# Legacy-font substitutes found in real data: є/ї for ө/ү, the fita ѳ for ө.
_LEGACY = str.maketrans({"є": "ө", "Є": "Ө", "ї": "ү", "Ї": "Ү", "ѳ": "ө", "Ѳ": "Ө"})
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Latin Y/y written for Ү/ү inside a Cyrillic word ("Yенч", "ХYРТЭЛ").
_LATIN_Y_IN_CYRILLIC = re.compile(r"(?<=[\u0400-\u04FF])[Yy]|[Yy](?=[\u0400-\u04FF])")


def normalise_mongolian(text: str) -> str:
    """Canonical Mongolian spelling of `text`: legacy letters mapped, Latin Y in Cyrillic words made Ү, NFC."""
    text = unicodedata.normalize("NFC", text).translate(_LEGACY)
    if _CYRILLIC.search(text):
        text = _LATIN_Y_IN_CYRILLIC.sub(lambda m: "Ү" if m.group(0) == "Y" else "ү", text)
    return text


def fold(text: str) -> str:
    """The search key of `text`: normalised, case-folded, whitespace collapsed."""
    return " ".join(normalise_mongolian(text).casefold().split())


def search_terms(query: str) -> list[str]:
    """The folded words of a search query; a row matches when its search text contains every one."""
    return fold(query).split()


_ALPHABET = "аәбвгдеёжзийклмноөпрстуүфхһцчшщъыьэюя"
_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}


def mongolian_sort_key(text: str) -> tuple[int, ...]:
    """Dictionary order of Mongolian Cyrillic (Ө after О, Ү after У), which bytewise and "C" collation get wrong;
    Latin and other characters sort after Cyrillic."""
    return tuple(_ORDER.get(char, 100 + ord(char)) for char in fold(text))
