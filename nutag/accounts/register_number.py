"""Mongolian civil register numbers (регистрийн дугаар): two Cyrillic letters and eight digits.

Digits 1–6 are the birth date YYMMDD, with 20 added to the month for people born in 2000 or later; the 9th
character (7th digit) is odd for men and even for women; the last is a check digit whose algorithm is not
published, so it is never used to reject a number (see docs/glossary.md and the territory data README).
"""

import datetime
import re
from dataclasses import dataclass

# Latin look-alikes typed or scanned instead of Cyrillic letters.
_LOOKALIKES = str.maketrans(
    {
        "A": "А",
        "B": "В",
        "E": "Е",
        "K": "К",
        "M": "М",
        "H": "Н",
        "O": "О",
        "P": "Р",
        "C": "С",
        "T": "Т",
        "X": "Х",
        "Y": "У",
        "Є": "Ө",
        "Ї": "Ү",
        "Ѳ": "Ө",
    }
)
_PATTERN = re.compile(r"^[А-ЯЁӨҮ]{2}[0-9]{8}$")


class InvalidRegisterNumber(ValueError):
    pass


@dataclass(frozen=True)
class RegisterNumber:
    value: str
    birth_date: datetime.date
    is_male: bool

    def __str__(self) -> str:
        return self.value

    @property
    def masked(self) -> str:
        return mask(self.value)


def normalise(raw: str) -> str:
    return "".join(raw.split()).upper().translate(_LOOKALIKES)


def parse(raw: str) -> RegisterNumber:
    """Parse and validate a register number, or raise InvalidRegisterNumber with a reason a person can act on."""
    value = normalise(raw)
    if not _PATTERN.match(value):
        raise InvalidRegisterNumber("A register number is two Cyrillic letters followed by eight digits.")
    year, month, day = int(value[2:4]), int(value[4:6]), int(value[6:8])
    if month > 20:
        year, month = 2000 + year, month - 20
    else:
        year += 1900
    try:
        birth_date = datetime.date(year, month, day)
    except ValueError:
        raise InvalidRegisterNumber("The birth date in this register number does not exist.") from None
    return RegisterNumber(value=value, birth_date=birth_date, is_male=int(value[8]) % 2 == 1)


def mask(value: str) -> str:
    """Shown in lists: the letters and the last two digits only ("УБ******33")."""
    if len(value) != 10:
        return "*" * len(value)
    return value[:2] + "*" * 6 + value[8:]
