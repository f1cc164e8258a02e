"""Check characters of Chinese identifiers, as the standards define them.

* GB 11643-1999, citizen identity number: 17 digits, then an ISO 7064 MOD 11-2 check
  character (0-9 or X); digits 7-14 are the birth date.
* GB 32100-2015, unified social credit code: 18 characters from a 31-character alphabet
  (no I, O, Z, S, V), the last a MOD 31 check character.
"""

from __future__ import annotations

import datetime as dt
import re

_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")  # [0-9], not \d: \d also matches non-ASCII digits

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def resident_id_problem(value: str) -> str | None:
    """None if ``value`` is a well-formed identity number, else what is wrong (English)."""
    value = value.upper()
    if not _ID_SHAPE.fullmatch(value):  # fullmatch: `$` of match() allows a trailing newline
        return "shape"
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "birth-date"
    expected = _ID_CHECK[sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True)) % 11]
    return None if value[17] == expected else "check"


def resident_id_birth_date(value: str) -> str:
    """``YYYY-MM-DD`` read from a well-formed identity number."""
    return f"{value[6:10]}-{value[10:12]}-{value[12:14]}"


def credit_code_problem(value: str) -> str | None:
    """None if ``value`` is a well-formed unified social credit code, else what is wrong."""
    value = value.upper()
    if not _USCC_SHAPE.fullmatch(value):
        return "shape"
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    expected = _USCC_ALPHABET[(31 - total % 31) % 31]
    return None if value[17] == expected else "check"
