"""Side-by-side thresholds of one kind of program across levels, derived from the rules.

Rows line up by concept (the field a rule reads, whatever its parent object is called, and
the window it looks at), so no table is kept by hand: a new program of the same kind, or a
changed threshold, shows up by itself. A row whose cells are not all the same is marked ≠,
and each cell that differs from the first column's (the widest level) is highlighted; the
page's legend says so.
"""

from __future__ import annotations

from collections import Counter

from generator.core import kinds
from generator.core.pointers import split_pointer
from generator.core.schema import application_schema, field_at, label_of

LEVEL_ORDER = {"national": 0, "regional": 1, "city": 2}


def summary(check: dict, lang: str, schema: dict | None = None) -> str:
    """A short statement of the threshold a check applies, e.g. ``≥ 1000人次`` or ``1:16–1:20``;
    each kind's text comes from its record in ``generator.core.kinds``, field titles and enum
    labels from ``schema`` when given."""
    return kinds.summary(check, lang, (lambda pointer: field_at(schema, pointer) or {}) if schema else None)


def _leaves(check: dict):
    """The simple checks of a check, depth first (``any_of``/``all_of`` open up)."""
    ((kind, params),) = check.items()
    if isinstance(params, list):
        for sub in params:
            yield from _leaves(sub)
    else:
        yield kind, params


def _leaves_as_checks(check: dict):
    for kind, params in _leaves(check):
        yield {kind: params}


def _concept(check: dict) -> tuple[str, str, str, str]:
    """What a check is about: the field it reads, whatever the program calls its parent.

    ``/host/education_fund_high_skill_share`` and ``/unit/education_fund_high_skill_share``
    are one concept; an age limit is about ``birth_date`` whether it stands alone or inside an
    ``any_of``. A window (``last: 3`` years against ``last: 1``) is part of the concept: a
    three-year average is not the latest year's figure. A check that sets no bar (a date of
    birth agreeing with the ID number, a code's checksum) is a concept of its own beside the
    field's threshold: the age limit and the ID agreement are two rows.
    """
    kind, params = next(_leaves(check))
    pointer = kinds.main_pointer({kind: params})
    tokens = [token for token in split_pointer(pointer) if token != "*" and not token.isdigit()] if pointer else []
    window = str(params.get("last", "")) if "last" in params else ""
    member = str(params.get("field") or params.get("part") or "")
    # A check on a whole list with no member named (how many years, how many rows) is about
    # its own aspect of the list: its kind tells which.
    sets_a_bar = any(param.bar for param in (kinds.KINDS[kind].params or {}).values())
    aspect = "" if sets_a_bar else kind
    return (tokens[-1] if tokens else kind), member or (kind if "items" in params else ""), window, aspect


def _label(schema: dict, check: dict) -> dict[str, str]:
    """The row's name, from the check actually compared (its ``name``, else its field's title)."""
    kind, params = next(_leaves(check))
    if "name" in params:
        return dict(params["name"])
    pointer = kinds.main_pointer({kind: params})
    label = label_of(schema, pointer)
    name = params.get("field") or params.get("part")
    member = field_at(schema, f"{pointer}/0/{name}") if name else None
    if member and "x-title" in member:  # a field of each row: name both, as rows differ by it
        return {lang: f"{label[lang]} · {member['x-title'][lang]}" for lang in label}
    return label


def _condition(rule: dict, schema: dict, lang: str) -> str:
    """To whom a rule applies, as the program page says (``when``): a threshold shown without
    its condition would read as binding on every applicant."""
    when = rule.get("when")
    if not when:
        return ""
    if when.get("present"):
        return "（填写时）" if lang == "zh" else " (when given)"
    field = field_at(schema, when["path"]) or {}
    titles = field.get("x-enum-titles", {})
    yes_no = {True: ("是", "yes"), False: ("否", "no")}
    names = [
        titles.get(str(value), {}).get(lang) or (yes_no[value][lang == "en"] if isinstance(value, bool) else str(value))
        for value in when["in"]
    ]
    if isinstance(field.get("x-title"), dict):  # a yes/no or figure condition names its field
        names = names if titles else [f"{field['x-title'][lang]}{'为' if lang == 'zh' else ': '}{name}" for name in names]
    return f"（仅{'、'.join(names)}）" if lang == "zh" else f" (only {', '.join(names)})"


def programs_of(catalog: dict, kind: str) -> list[str]:
    chosen = [pid for pid, p in catalog["programs"].items() if p["kind"] == kind]

    def depth(pid: str) -> int:  # national programs applied for nationally before those applied for in a region
        return catalog["programs"][pid]["jurisdiction"].count("-")

    return sorted(chosen, key=lambda pid: (LEVEL_ORDER[catalog["programs"][pid]["level"]], depth(pid), pid))


def comparison(catalog: dict, kind: str, lang: str) -> dict:
    """``{"programs": [...], "rows": [{"label", "cells": {program: [cell]}, "differs"}]}``."""
    programs = programs_of(catalog, kind)
    rows: dict[tuple, dict] = {}
    for program_id in programs:
        schema = application_schema(catalog, program_id)
        for rule in catalog["programs"][program_id]["all_rules"]:
            if "check" not in rule:
                continue
            row = rows.setdefault(
                _concept(rule["check"]), {"label": _label(schema, rule["check"])[lang], "cells": {}, "check": rule["check"]}
            )
            row["cells"].setdefault(program_id, []).append(
                {
                    "summary": summary(rule["check"], lang, schema) + _condition(rule, schema, lang),
                    "severity": rule["severity"],
                    "cite": rule["cite"],
                    "program": rule["program"],
                }
            )
    for (*field, aspect), row in rows.items():
        if aspect and any(other[:3] == tuple(field) and other[3] != aspect for other in rows):
            # a check beside the field's threshold (the ID agreement beside the age limit): say which
            row["label"] = f"{row['label']} · {kinds.summary(next(_leaves_as_checks(row['check'])), lang)}"
        del row["check"]
    for row in rows.values():
        # What a reader sees in a cell: the threshold and how binding it is.
        texts = {pid: " / ".join(f"{c['summary']} ({c['severity']})" for c in row["cells"].get(pid, [])) for pid in programs}
        counts = Counter(texts.values())
        row["texts"] = texts
        row["differs"] = len(counts) > 1
        first = texts[programs[0]] if programs else ""
        row["different_cells"] = {pid for pid, text in texts.items() if row["differs"] and text != first}
    ordered = sorted(rows.values(), key=lambda row: (-sum(1 for p in programs if row["cells"].get(p)), row["label"]))
    return {"programs": programs, "rows": ordered}
