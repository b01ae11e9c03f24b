"""Verification codes: twelve characters in three groups (`T3E7-JJEX-MN4C`) from the reference numbers' alphabet
without easily confused characters, the last a check character, so a mistyped code is caught without a lookup.
Eleven random characters of nineteen make a code unguessable at the rate verification allows."""

import secrets

from nutag.cases.numbers import ALPHABET

LENGTH = 12


def _check(body: str) -> str:
    total = sum((index + 1) * ALPHABET.index(char) for index, char in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
    raw = body + _check(body)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise(code: str) -> str:
    raw = "".join(code.upper().split()).replace("-", "")
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == LENGTH else raw


def is_valid(code: str) -> bool:
    raw = normalise(code).replace("-", "")
    return len(raw) == LENGTH and all(c in ALPHABET for c in raw) and _check(raw[:-1]) == raw[-1]
