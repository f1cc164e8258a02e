"""The vocabulary of rule kinds, one record each; everything else derives from the records.

``KINDS`` maps a kind's name to its ``Kind`` record (see ``_base``). From the records come:
the meta-schema of a rule's ``check`` (``check_schema``), the application pointers a check
reads (``read_pointers``, ``locate_pointers``), the short threshold text of comparison tables
(``summary``), the field a comparison row is about (``main_pointer``) and the boundary cases
of the generated tests (``boundary_cases``). Adding a kind is adding one record.

``run_check`` is the one guard for missing data: a kind's value readers raise ``Unknown``,
and it becomes an ``Undecided`` message here, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.core._reader import MISSING, Reader
from generator.core.kinds import _choices, _identity, _numbers, _rows
from generator.core.kinds._base import Kind, Message, Probe, Undecided, Unknown, pointer

__all__ = [
    "KINDS",
    "BoundaryCase",
    "Kind",
    "Message",
    "Probe",
    "Undecided",
    "boundary_cases",
    "check_schema",
    "condition_holds",
    "leaf_needs",
    "locate_pointers",
    "main_pointer",
    "read_pointers",
    "run_check",
    "summary",
]


def run_check(reader: Reader, check: dict) -> Iterator[Message]:
    """Run one check, a mapping of a single kind name to its parameters."""
    ((kind, params),) = check.items()
    messages = KINDS[kind].check(reader, params)
    while True:
        try:
            message = next(messages)
        except StopIteration:
            return
        except Unknown as unknown:
            message = unknown.undecided
            messages = iter(())
        path = message.path or (params.get("path") if isinstance(params, dict) else None)
        yield type(message)(message.zh, message.en, path)


def any_of(reader: Reader, params: list) -> Iterator[Message]:
    """Met when any one of the listed checks is met (领办人应具备以下条件之一)."""
    failures = []
    for check in params:
        messages = list(run_check(reader, check))
        if not messages:
            return
        failures.extend(messages)
    if all(isinstance(m, Undecided) for m in failures):
        yield failures[0]
        return
    yield Message(
        "以下条件均未满足（满足其一即可）：" + "；".join(m.zh for m in failures),
        "None of these is met (one suffices): " + "; ".join(m.en for m in failures),
        next((m.path for m in failures if m.path), None),
    )


def all_of(reader: Reader, params: list) -> Iterator[Message]:
    """Met when every listed check is met."""
    for check in params:
        yield from run_check(reader, check)


def _joined(zh: str, en: str):
    def summary_of(params: list, lang: str, field_at) -> str:
        return (zh if lang == "zh" else en).join(_summary(sub, lang, field_at) for sub in params)

    return summary_of


@dataclass(frozen=True)
class BoundaryCase:
    """Edits ``{pointer: value}`` to a valid application, and whether the check then passes."""

    label: str
    edits: dict
    passes: bool
    kinds: frozenset[str]  # the kinds whose boundary this case tests
    reads: frozenset[str]  # what the deciding checks read


def boundary_cases(check: dict, probe: Probe) -> Iterator[BoundaryCase]:
    """Cases around the thresholds of a check, for an application that meets it."""
    ((kind, params),) = check.items()
    if kind == "all_of":  # one failing part fails the whole; a passing part keeps it passing
        for sub in params:
            for case in boundary_cases(sub, probe):
                yield BoundaryCase(case.label, case.edits, case.passes, case.kinds | {"all_of"}, case.reads)
        return
    if kind == "any_of":
        yield from _any_of_cases(params, probe)
        return
    reads = frozenset(read_pointers(check))
    for label, edits, passes in KINDS[kind].boundaries(params, probe):
        yield BoundaryCase(label, edits, passes, frozenset({kind}), reads)


def _any_of_cases(params: list, probe: Probe) -> Iterator[BoundaryCase]:
    for sub in params:  # a simple alternative met meets the whole
        if not isinstance(next(iter(sub.values())), list):
            yield from (case for case in boundary_cases(sub, probe) if case.passes)
    edits, reads, kinds, labels = {}, set(), {"any_of"}, []
    for sub in params:  # every alternative failed, by edits that leave the others' failures alone
        choice = next(
            (
                case
                for case in boundary_cases(sub, probe)
                if not case.passes and not (set(case.edits) & reads) and not (set(edits) & case.reads)
            ),
            None,
        )
        if choice is None:
            return
        edits.update(choice.edits)
        reads |= choice.reads
        kinds |= choice.kinds
        labels.append(choice.label)
    yield BoundaryCase("every alternative failed: " + "; ".join(labels), edits, False, frozenset(kinds), frozenset(reads))


def _combinator_cases(params, probe):  # combinators build their cases in boundary_cases
    return iter(())


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        *_numbers.KINDS,
        *_rows.KINDS,
        *_choices.KINDS,
        *_identity.KINDS,
        Kind("any_of", any_of, None, _joined(" 或 ", " or "), _combinator_cases, min_checks=2),
        Kind("all_of", all_of, None, _joined(" 且 ", " and "), _combinator_cases),
    ]
}


def check_schema() -> dict:
    """The meta-schema of a rule's ``check`` (``$defs/check`` of program.schema.json)."""
    return {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "properties": {name: kind.param_schema() for name, kind in KINDS.items()},
        "additionalProperties": False,
    }


def locate_pointers(check: dict, at: str = "") -> Iterator[tuple[str, str]]:
    """``(pointer, where)`` for every application pointer a check reads, ``where`` being the
    JSON pointer of the parameter inside the check (prefixed by ``at``). Placeholders
    ``{/master/name}`` of a template count, and every alternative of ``any_of``/``all_of``."""
    ((kind, params),) = check.items()
    if isinstance(params, list):
        for index, sub in enumerate(params):
            yield from locate_pointers(sub, f"{at}/{kind}/{index}")
        return
    record = KINDS.get(kind)  # an unknown kind (a rule's ``when`` or review ``path``) reads ``path``
    declared = record.params if record and record.params is not None else {"path": pointer()}
    for key, param in declared.items():
        if key not in params:
            continue
        if param.pointer:
            yield params[key], f"{at}/{kind}/{key}"
        elif param.pointers:
            for index, item in enumerate(params[key]):
                yield item, f"{at}/{kind}/{key}/{index}"
    if isinstance(params.get("template"), str):
        for found in _identity.TEMPLATE_FIELD.findall(params["template"]):
            yield found, f"{at}/{kind}/template"


def read_pointers(check: dict) -> Iterator[str]:
    """Every application pointer a check reads (template placeholders included), in order."""
    for found, _ in locate_pointers(check):
        yield found


def leaf_needs(kind: str, params: dict) -> set[tuple[str, int]]:
    """What one non-combining check needs of the application, from its record: each pointer it
    reads (``*`` for every row), with the fewest items an array there must hold."""
    needs = {(found, 0) for found in read_pointers({kind: params}) if isinstance(found, str)}
    record = KINDS.get(kind)
    declared = (record.params or {}) if record else {}
    rows, by_year = params.get("items"), bool(record and record.rows_by_year)
    row_fields = [params[name] for name, param in declared.items() if param.row_field and isinstance(params.get(name), str)]
    if isinstance(rows, str) and (row_fields or by_year):
        needs.discard((rows, 0))
        fewest = 1 if record and record.last_is_window else max(1, int(params.get("last") or 1))
        needs.add((rows, fewest))
        needs.update((f"{rows}/*/{name}", 0) for name in [*row_fields, *(["year"] if by_year else [])])
    for name, param in declared.items():
        where = params.get(name) if param.row_filter else None
        if isinstance(where, dict) and isinstance(where.get("field"), str) and isinstance(params.get("path"), str):
            needs.add((f"{params['path']}/*/{where['field']}", 0))
    return needs


def _no_field(pointer: str) -> dict:
    return {}


def _summary(check: dict, lang: str, field_at: Callable[[str], dict]) -> str:
    ((kind, params),) = check.items()
    return KINDS[kind].summary(params, lang, field_at)


def summary(check: dict, lang: str, field_at: Callable[[str], dict] | None = None) -> str:
    """A short statement of what a check requires, e.g. ``≥ 1000人次`` or ``1:16–1:20``;
    ``field_at(pointer)`` gives form fields, for their titles and enum labels."""
    return _summary(check, lang, field_at or _no_field)


def main_pointer(check: dict) -> str:
    """The field a check is mainly about (what its comparison row is labelled by)."""
    ((kind, params),) = check.items()
    if isinstance(params, list):
        return main_pointer(params[0])
    main = KINDS[kind].main
    if isinstance(main, tuple):
        return f"{params[main[0]]}/*/{params[main[1]]}"
    value = params.get(main, "")
    return value[0] if isinstance(value, list) else value


def condition_holds(reader: Reader, condition: dict) -> bool:
    """``when: {path, in: [...]}`` or ``{path, present: true}``: whether a rule applies."""
    value = reader.get(condition["path"])
    if value is MISSING:
        return False
    return condition.get("present", False) or value in condition["in"]
