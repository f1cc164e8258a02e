"""Kinds about chosen values: one of a list, any of a list, all of a list.

Chosen values are compared as strings only, so a list holding objects or numbers reads as
"none of these chosen" (the schema finding says what is wrong), never as an exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from generator.core._reader import Reader
from generator.core.kinds._base import NAMES, Kind, Message, names, pointer, quote, read_present, values


def _chosen(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def includes_any(reader: Reader, params: dict) -> Iterator[Message]:
    """The list at ``path`` holds at least one of ``values`` (具备以下荣誉之一)."""
    chosen = _chosen(read_present(reader, params["path"]))
    if any(v in chosen for v in params["values"]):
        return
    (zh, en), (vzh, ven) = quote(reader, params["path"]), names(params, params["values"])
    if not chosen:  # nothing ticked: the list of what would count is the form's own boxes
        yield Message(f"{zh}未勾选任何一项", f"{en}: nothing is ticked", params["path"])
        return
    yield Message(f"{zh}未包含以下任一项：{vzh}", f"{en} includes none of: {ven}", params["path"])


def includes_all(reader: Reader, params: dict) -> Iterator[Message]:
    """The list at ``path`` holds every one of ``values`` (the materials to enclose)."""
    chosen = _chosen(read_present(reader, params["path"]))
    missing = [v for v in params["values"] if v not in chosen]
    if not missing:
        return
    (zh, en), (vzh, ven) = quote(reader, params["path"]), names(params, missing)
    yield Message(f"{zh}缺少：{vzh}", f"{en} lacks: {ven}", params["path"])


def one_of_values(reader: Reader, params: dict) -> Iterator[Message]:
    """The value at ``path`` is one of ``values`` (技师及以上; 未受处罚: no)."""
    value = read_present(reader, params["path"])
    if isinstance(value, str) and value in params["values"]:
        return
    (zh, en), (vzh, ven) = quote(reader, params["path"]), names(params, params["values"])
    if len(params["values"]) == 1:
        yield Message(f"{zh}须为：{vzh}", f"{en} must be: {ven}", params["path"])
    else:
        yield Message(f"{zh}须为以下之一：{vzh}", f"{en} must be one of: {ven}", params["path"])


def enum_label(params: dict, field: dict, value: str, lang: str) -> str:
    """A value's name: the rule's ``names``, else the form's enum title, else the value."""
    titles = field.get("x-enum-titles") or (field.get("items") or {}).get("x-enum-titles") or {}
    return (params.get("names", {}).get(value) or titles.get(value) or {}).get(lang, value)


# A summary is a module-level function with its words bound by ``partial``, not a closure
# made at import: mutation testing (make mutation) sees only code that runs after import.
def _summary(lead_one: tuple[str, str], lead_many: tuple[str, str], params: dict, lang: str, field_at) -> str:
    field = field_at(params["path"])
    shown = [enum_label(params, field, v, lang) for v in params["values"]]
    text = ("、" if lang == "zh" else ", ").join(shown[:4]) + ("…" if len(shown) > 4 else "")
    lead = lead_one if len(shown) == 1 else lead_many
    return (lead[0] if lang == "zh" else lead[1]) + text


_ANY = {"path": pointer(), "values": values("options"), "names": NAMES}
_ALL = {"path": pointer(), "values": values("demands"), "names": NAMES}

KINDS = [
    Kind("includes_any", includes_any, _ANY, partial(_summary, ("含：", "includes: "), ("其一：", "any of: ")), main="path"),
    Kind("includes_all", includes_all, _ALL, partial(_summary, ("含：", "includes: "), ("齐备：", "all of: ")), main="path"),
    Kind(
        "one_of_values",
        one_of_values,
        _ANY,
        partial(_summary, ("须为：", "must be: "), ("须为其一：", "one of: ")),
        main="path",
    ),
]
