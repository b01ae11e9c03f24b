"""Reference numbers: short, and unambiguous when read aloud or copied by hand. The alphabet leaves out letters
and digits that are easily confused (0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V, G/6), and the last character is a
check character, so a mistyped number is caught before it is looked up."""

import secrets

ALPHABET = "ACEFHJKMNPRTWXY3479"
LENGTH = 8


def _check(body: str) -> str:
    total = sum((index + 1) * ALPHABET.index(char) for index, char in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def new_number() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
    raw = body + _check(body)
    return f"{raw[:4]}-{raw[4:]}"


def normalise(number: str) -> str:
    raw = "".join(number.upper().split()).replace("-", "")
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == LENGTH else raw


def is_valid(number: str) -> bool:
    raw = normalise(number).replace("-", "")
    return len(raw) == LENGTH and all(c in ALPHABET for c in raw) and _check(raw[:-1]) == raw[-1]
