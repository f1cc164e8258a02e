"""What every rule kind is made of: its record, its parameters, and the readers it shares.

A kind is one ``Kind`` record: its ``failures`` function, its parameters declared once (which
of them are JSON pointers into the application) and a short summary for comparison tables
(the boundary cases of the generated tests live beside the tests, tests/_boundaries.py).
``failures(reader, params)`` is a small pure generator that yields a Message for each way
the application fails, as jsonschema's keyword functions do.

A kind never guards against missing data itself: the value readers here raise ``Undecidable``
when a value the check needs is missing or of the wrong type, and the engine's one guard
(``evaluate``) turns that into an ``Undecided`` message. So every kind is total over any
JSON value: a wrong type reads as "not this kind of value" (the schema says what is wrong).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from generator.core._reader import MISSING, Reader


@dataclass(frozen=True)
class Message:
    zh: str
    en: str
    path: str | None = None


class Undecided(Message):
    """The rule cannot be decided from the data given."""


class Undecidable(Exception):  # a signal, not an error: evaluate turns it into an Undecided message
    """A value a check needs is missing or unusable; raised by the readers below."""

    def __init__(self, undecided: Undecided):
        super().__init__(undecided.en)
        self.undecided = undecided


@dataclass(frozen=True)
class Param:
    """One parameter of a kind: its JSON Schema in the meta-schema, and whether it points
    into the application (``pointer``: one pointer; ``pointers``: a list of them)."""

    schema: dict
    required: bool = True
    pointer: bool = False
    pointers: bool = False
    row_field: bool = False  # names a field of each row of the kind's ``items``
    row_filter: bool = False  # ``{field, in}``: a field of each row of ``path``, the rows counted
    # How a change of this parameter moves the bar, for the policy diff: "min" (raising it
    # tightens), "max" (raising it loosens), "exclusive", "demands" (each listed value is one
    # more demand), "options" (each is one more way to pass), "wording" (messages only); None:
    # unknown, so any change counts as tightening.
    bar: str | None = None


# The parameter factories below run once, when the kinds' modules are imported, to build the
# KINDS records; mutmut forks each mutant from a process that imported them already, so a
# mutant of theirs could change nothing a test sees. What they build is tested through the
# meta-schema (tests/test_rules.py, test_the_check_meta_schema_is_generated_from_the_records...
# and test_every_pointer_parameter_is_declared_as_one), not by mutation.
def pointer(*, required: bool = True) -> Param:  # pragma: no mutate block
    return Param({"$ref": "#/$defs/pointer"}, required=required, pointer=True)


def pointer_list() -> Param:  # pragma: no mutate block  (import time: see pointer)
    return Param({"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/pointer"}}, pointers=True)


def number(
    *, required: bool = True, integer: bool = False, bar: str | None = None
) -> Param:  # pragma: no mutate block  (import time: see pointer)
    return Param({"type": "integer" if integer else "number"}, required=required, bar=bar)


def text(*, required: bool = True) -> Param:  # pragma: no mutate block  (import time: see pointer)
    """A zh/en name shown in messages."""
    return Param({"$ref": "#/$defs/text"}, required=required, bar="wording")


def field_name() -> Param:  # pragma: no mutate block  (import time: see pointer)
    return Param({"type": "string", "minLength": 1}, row_field=True)


UNIT = Param({"$ref": "#/$defs/text"}, required=False, bar="wording")
EXCLUSIVE = Param({"type": "boolean"}, required=False, bar="exclusive")
NAMES = Param({"$ref": "#/$defs/names"}, required=False, bar="wording")


def values(bar: str) -> Param:  # pragma: no mutate block  (import time: see pointer)
    return Param({"type": "array", "minItems": 1, "items": {"type": "string"}}, bar=bar)


@dataclass(frozen=True)
class Kind:
    name: str
    failures: Callable[[Reader, object], Iterator[Message]]  # yields a Message per way the data fails
    params: dict[str, Param] | None  # None: the parameter is a list of checks (any_of, all_of)
    summary: Callable[[object, str], str]
    main: str | tuple[str, str] | None = None  # the parameter naming what a comparison row is
    # about, or (rows, field): the field of every row, ``/rows/*/field``
    min_checks: int = 1  # for a list of checks
    rows_by_year: bool = False  # picks or checks rows of ``items`` by their ``year``
    last_is_window: bool = False  # ``last`` spans years the rows may fall in, not rows it reads

    def param_schema(self) -> dict:
        if self.params is None:
            return {"type": "array", "minItems": self.min_checks, "items": {"$ref": "#/$defs/check"}}
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [name for name, param in self.params.items() if param.required],
            "properties": {name: dict(param.schema) for name, param in self.params.items()},
        }


# ---- reading values: a missing or unusable value raises Undecidable -------------------------


def quote(reader: Reader, pointer: str) -> tuple[str, str]:
    label = reader.label(pointer)
    return f"“{label['zh']}”", f"“{label['en']}”"


def not_given(reader: Reader, pointer: str) -> Undecidable:
    zh, en = quote(reader, pointer)
    return Undecidable(
        Undecided(f"未填写{zh}，无法判断本项要求", f"{en} is not given, so this requirement cannot be decided", pointer)
    )


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def read_number(reader: Reader, pointer: str) -> float:
    value = reader.get(pointer)
    if value is MISSING or value is None:
        raise not_given(reader, pointer)
    if not is_number(value):
        zh, en = quote(reader, pointer)
        raise Undecidable(Undecided(f"{zh}应为数字", f"{en} must be a number", pointer))
    return value


def _read_given(reader: Reader, pointer: str, given: Callable[[object], bool]) -> object:
    """The value at ``pointer`` when ``given`` accepts it; otherwise an Undecided 'not given'."""
    value = reader.get(pointer)
    if not given(value):
        raise not_given(reader, pointer)
    return value


def read_text(reader: Reader, pointer: str) -> str:
    return _read_given(reader, pointer, lambda value: isinstance(value, str) and bool(value))


def read_present(reader: Reader, pointer: str) -> object:
    return _read_given(reader, pointer, lambda value: value is not MISSING)


def read_rows(reader: Reader, pointer: str) -> list:
    return _read_given(reader, pointer, lambda value: isinstance(value, list) and bool(value))


_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")


def parse_date(value: object) -> tuple[int, int, int | None] | None:
    """``(year, month, day or None)`` of ``YYYY-MM-DD`` or ``YYYY-MM``; None otherwise (also for a date that does not exist)."""
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    try:  # a 13th month or a 30 February is no date: the form's pattern or format says so
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return year, month, day


def read_date(reader: Reader, pointer: str) -> tuple[int, int, int | None]:
    parsed = parse_date(reader.get(pointer))
    if parsed is None:
        raise not_given(reader, pointer)
    return parsed


# ---- writing values -------------------------------------------------------------------------


def exact(value: float | int) -> Fraction:
    """A figure as an exact fraction: arithmetic on any JSON number, however large, never overflows."""
    return Fraction(value)


def show(value: float | Fraction, places: int = 2) -> str:
    """A figure as the messages print it: at most ``places`` decimals, huge ones in e-notation."""
    if isinstance(value, Fraction) or (isinstance(value, int) and abs(value) >= 10**15):
        whole = abs(int(value))
        if whole >= 10**15:
            digits = str(whole)
            return f"{'-' if value < 0 else ''}{digits[0]}.{digits[1:3]}e+{len(digits) - 1}"
        value = round(float(value), places)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, float):
        return f"{value:.{places}f}".rstrip("0").rstrip(".")
    return str(value)


def unit(params: dict) -> tuple[str, str]:
    given = params.get("unit") or {}
    return given.get("zh", ""), given.get("en", "")


def names(params: dict, values: list) -> tuple[str, str]:
    known = params.get("names", {})
    return (
        "、".join(known.get(v, {}).get("zh", str(v)) for v in values),
        ", ".join(known.get(v, {}).get("en", str(v)) for v in values),
    )


def title(field_at, pointer: str, lang: str) -> str | None:
    """The form's title of the field at ``pointer``, if the caller gave the form."""
    return (field_at(pointer).get("x-title") or {}).get(lang)
