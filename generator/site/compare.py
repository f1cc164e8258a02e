"""Side-by-side thresholds of one kind of program across levels, derived from the rules.

Rows line up by what a rule checks (its kind and the field it reads), so no table is kept by
hand: a new program of the same kind, or a changed threshold, shows up by itself. A row whose
cells are not all the same is marked, and each cell that differs from the first level's.
"""

from __future__ import annotations

from collections import Counter

from generator.core import kinds
from generator.core.schema import application_schema, field_at, label_of

LEVEL_ORDER = {"national": 0, "regional": 1, "city": 2}


def summary(check: dict, lang: str, schema: dict | None = None) -> str:
    """A short statement of the threshold a check applies, e.g. ``≥ 1000人次`` or ``1:16–1:20``;
    each kind's text comes from its record in ``generator.core.kinds``, field titles and enum
    labels from ``schema`` when given."""
    return kinds.summary(check, lang, (lambda pointer: field_at(schema, pointer) or {}) if schema else None)


def _key(check: dict) -> str:
    ((kind, params),) = check.items()
    if isinstance(params, list):
        return f"{kind}(" + ",".join(sorted(_key(sub) for sub in params)) + ")"
    return f"{kind}:{kinds.main_pointer(check)}:{params.get('field', '')}"


def _label(schema: dict, check: dict) -> dict[str, str]:
    ((_, params),) = check.items()
    if isinstance(params, list):
        return _label(schema, params[0])
    if "name" in params:
        return dict(params["name"])
    return label_of(schema, kinds.main_pointer(check))


def programs_of(catalog: dict, kind: str) -> list[str]:
    chosen = [pid for pid, p in catalog["programs"].items() if p["kind"] == kind]

    def depth(pid: str) -> int:  # national programs applied for nationally before those applied for in a region
        return catalog["programs"][pid]["jurisdiction"].count("-")

    return sorted(chosen, key=lambda pid: (LEVEL_ORDER[catalog["programs"][pid]["level"]], depth(pid), pid))


def comparison(catalog: dict, kind: str, lang: str) -> dict:
    """``{"programs": [...], "rows": [{"label", "cells": {program: [cell]}, "differs"}]}``."""
    programs = programs_of(catalog, kind)
    rows: dict[str, dict] = {}
    for program_id in programs:
        schema = application_schema(catalog, program_id)
        for rule in catalog["programs"][program_id]["all_rules"]:
            if "check" not in rule:
                continue
            row = rows.setdefault(_key(rule["check"]), {"label": _label(schema, rule["check"])[lang], "cells": {}})
            row["cells"].setdefault(program_id, []).append(
                {
                    "summary": summary(rule["check"], lang, schema),
                    "severity": rule["severity"],
                    "cite": rule["cite"],
                    "program": rule["program"],
                }
            )
    for row in rows.values():
        texts = {pid: " / ".join(c["summary"] for c in row["cells"].get(pid, [])) for pid in programs}
        counts = Counter(texts.values())
        row["texts"] = texts
        row["differs"] = len(counts) > 1
        first = texts[programs[0]] if programs else ""
        row["different_cells"] = {pid for pid, text in texts.items() if row["differs"] and text != first}
    ordered = sorted(rows.values(), key=lambda row: (-sum(1 for p in programs if row["cells"].get(p)), row["label"]))
    return {"programs": programs, "rows": ordered}
