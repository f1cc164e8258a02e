"""Dates as applicants write them, and as Chinese papers print them.

An applicant writes a year and month as 1972年5月, 1990.07 or 1972-5, and a day as 2026年12月7日
or 2026.12.7; the schemas keep one form (YYYY-MM, YYYY-MM-DD) so every rule reads one thing.
``normalise`` turns what was written into that form before the check (the CLI and the browser
alike) and says what it understood, so the form can show it; what it cannot read is left as
typed, for the schema to refuse with its own message. ``chinese`` writes a stored value the way
the form and every official paper do: 2026年12月7日, 1972年5月.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# The pattern of policies/parts/year-month.yaml: a field with it holds a year and month.
YEAR_MONTH_PATTERN = "^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$(?!\\n)"
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEP = r"\s*(?:年|[-./／－—])\s*"
_WRITTEN_MONTH = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*月?$")
_WRITTEN_DAY = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*(?:月|[-./／－—])\s*(\d{{1,2}})\s*[日号]?$")


def _plain(text: str) -> str:
    """Full-width digits and punctuation as ASCII (１９７２．５ → 1972.5), outer spaces dropped."""
    return unicodedata.normalize("NFKC", text).strip()


def year_month(text: str) -> str | None:
    """YYYY-MM for a year and month written in a common way, else None."""
    found = _WRITTEN_MONTH.match(_plain(text))
    if not found or not 1 <= int(found[2]) <= 12:
        return None
    return f"{found[1]}-{int(found[2]):02d}"


def day(text: str) -> str | None:
    """YYYY-MM-DD for a date written in a common way, else None."""
    found = _WRITTEN_DAY.match(_plain(text))
    if not found:
        return None
    try:
        return dt.date(int(found[1]), int(found[2]), int(found[3])).isoformat()
    except ValueError:  # 2026年2月30日: no such day; the schema says so
        return None


def kind_of(node: dict) -> str | None:
    """ "month" for a year-and-month field, "day" for a date field, else None."""
    if node.get("pattern") == YEAR_MONTH_PATTERN:
        return "month"
    if node.get("format") == "date":
        return "day"
    return None


def chinese(value: str, node: dict) -> str:
    """A stored date as the papers print it; any other value unchanged."""
    kind = kind_of(node)
    if kind == "month" and _ISO_MONTH.match(value):
        return f"{int(value[:4])}年{int(value[5:7])}月"
    if kind == "day" and _ISO_DAY.match(value):
        return f"{int(value[:4])}年{int(value[5:7])}月{int(value[8:])}日"
    return value


def _resolve(node: object, defs: dict) -> dict:
    if not isinstance(node, dict):
        return {}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in defs:
        return {**defs[ref[8:]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def normalise(schema: dict, application: object) -> tuple[object, list[dict]]:
    """The application with every date field's written date in the stored form, and what was
    understood: ``[{pointer, typed, value, shown: {zh, en}}]``. The input is left unchanged."""
    understood: list[dict] = []
    defs = schema.get("$defs", {})

    def walk(node: dict, value: object, pointer: str) -> object:
        node = _resolve(node, defs)
        if isinstance(value, str):
            kind = kind_of(node)
            canonical = {"month": _ISO_MONTH, "day": _ISO_DAY}.get(kind)
            if canonical is None or canonical.match(value):
                return value
            read = (year_month if kind == "month" else day)(value)
            if read is None:
                return value
            shown = chinese(read, node)
            understood.append({"pointer": pointer, "typed": value, "value": read, "shown": {"zh": shown, "en": read}})
            return read
        # Copied only where a date was read (a check runs this on every document: no deep copy).
        if isinstance(value, dict):
            properties = node.get("properties", {})
            read_here = {
                key: read
                for key, item in value.items()
                if key in properties
                and (read := walk(properties[key], item, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")) is not item
            }
            return {**value, **read_here} if read_here else value
        if isinstance(value, list):
            items = _resolve(node.get("items", {}), defs)
            read_items = [walk(items, item, f"{pointer}/{index}") for index, item in enumerate(value)]
            return read_items if any(new is not old for new, old in zip(read_items, value, strict=True)) else value
        return value

    return walk(schema, application, ""), understood
