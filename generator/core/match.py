"""Which programs one applicant meets, misses or needs review for, with the funding each brings.

The applicant's data is checked against every program's rules (not its form: each program's
form asks for different fields, and a field one form lacks is no reason to miss another
program). A rule that cannot be decided for lack of data counts as "review", never as met.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from generator.core.engine import findings_of_rules, in_force
from generator.core.schema import application_schema
from generator.core.status import time_findings

MEETS, MISSES, REVIEW = "meets", "misses", "review"


@dataclass
class ProgramMatch:
    program: str
    title: dict[str, str]
    level: str
    kind: str
    jurisdiction: str
    status: str
    errors: list[dict]
    reviews: int
    warnings: int
    funding: list[dict]

    def as_dict(self) -> dict:
        return asdict(self)


def default_kind(catalog: dict, application: dict) -> str | None:
    """The kind of the program the application names, so a studio is not matched to bases."""
    program = application.get("program") if isinstance(application, dict) else None
    named = catalog["programs"].get(program) if isinstance(program, str) else None  # any JSON may stand there
    return named["kind"] if named else None


def match(catalog: dict, application: dict, *, as_of: str | None = None, kind: str | None = None) -> list[ProgramMatch]:
    """``kind``: only programs of that kind; None: the kind of the named program; "all": every program."""
    as_of = as_of or dt.date.today().isoformat()
    kind = default_kind(catalog, application) if kind is None else None if kind == "all" else kind
    matches = []
    for program_id, program in sorted(catalog["programs"].items(), key=lambda item: (item[1]["kind"], item[0])):
        if kind and program["kind"] != kind:
            continue
        schema = application_schema(catalog, program_id)
        findings, _ = findings_of_rules(catalog, program_id, schema, {**application, "program": program_id}, set(), as_of)
        errors = [{"rule": f.rule, "path": f.path, "message": f.message} for f in findings if f.severity == "error"]
        reviews = sum(1 for f in findings if f.severity == "review") + sum(1 for _ in time_findings(catalog, program_id, as_of))
        status = MISSES if errors else REVIEW if reviews else MEETS
        funding = [
            {"text": item["text"], "amount": item["amount"], "basis": item["basis"]}
            for item in program["funding"]
            if item["amount"] and in_force(item, as_of)
        ]
        matches.append(
            ProgramMatch(
                program=program_id,
                title=dict(program["title"]),
                level=program["level"],
                kind=program["kind"],
                jurisdiction=program["jurisdiction"],
                status=status,
                errors=errors,
                reviews=reviews,
                warnings=sum(1 for f in findings if f.severity == "warning"),
                funding=funding,
            )
        )
    return matches
