"""Which programs one applicant meets, misses or needs review for, with the funding each brings.

The applicant's data is checked against every program's rules (not its form: each program's
form asks for different fields, and a field one form lacks is no reason to miss another
program). A rule that cannot be decided for lack of data counts as "review", never as met.

Jurisdiction comes first: a program is open to a unit of its own jurisdiction and of every
jurisdiction below it (``open_programs``); where a program's rule limits applicants to its
area (it reads the unit's location, ``/unit/location``) and the unit is elsewhere, the
program is "not-eligible", naming the area, whatever else the data says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from generator.core.engine import findings_of_rules, in_force
from generator.core.schema import application_schema
from generator.core.status import time_findings

MEETS, MISSES, REVIEW, NOT_ELIGIBLE = "meets", "misses", "review", "not-eligible"
LOCATION = "/unit/location"  # parts/applicant-unit: the league or city where the unit is


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
    area: dict[str, str] | None = None  # not-eligible: the area the program is limited to

    def as_dict(self) -> dict:
        return asdict(self)


def default_kind(catalog: dict, application: dict) -> str | None:
    """The kind of the program the application names, so a studio is not matched to bases."""
    program = application.get("program") if isinstance(application, dict) else None
    named = catalog["programs"].get(program) if isinstance(program, str) else None  # any JSON may stand there
    return named["kind"] if named else None


def chain(catalog: dict, jurisdiction_id: str) -> list[str]:
    """The jurisdiction and every one above it, nearest first."""
    ids = []
    while jurisdiction_id:
        ids.append(jurisdiction_id)
        jurisdiction_id = catalog["jurisdictions"][jurisdiction_id].get("parent")
    return ids


def jurisdiction_of(catalog: dict, location: object) -> str | None:
    """The deepest jurisdiction listing ``location`` (a /unit/location value), or None."""
    found = [
        jid for jid, j in catalog["jurisdictions"].items() if isinstance(location, str) and location in j.get("locations", [])
    ]
    return max(found, key=lambda jid: len(chain(catalog, jid)), default=None)


def open_programs(catalog: dict, jurisdiction_id: str) -> list[str]:
    """The programs a unit in the jurisdiction may apply for: its own and every level's above,
    nearest level first (a program of another branch, Chifeng's for a Hohhot unit, is not)."""
    levels = chain(catalog, jurisdiction_id)
    found = [pid for pid, p in catalog["programs"].items() if p["jurisdiction"] in levels]
    return sorted(found, key=lambda pid: (levels.index(catalog["programs"][pid]["jurisdiction"]), pid))


def _error(finding) -> dict:
    return {"rule": finding.rule, "path": finding.path, "message": finding.message, "citation": finding.citation}


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
        errors = [_error(f) for f in findings if f.severity == "error"]
        reviews = sum(1 for f in findings if f.severity == "review") + sum(1 for _ in time_findings(catalog, program_id, as_of))
        outside = any(error["path"] == LOCATION for error in errors)
        status = NOT_ELIGIBLE if outside else MISSES if errors else REVIEW if reviews else MEETS
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
                area=dict(catalog["jurisdictions"][program["jurisdiction"]]["name"]) if outside else None,
            )
        )
    return matches
