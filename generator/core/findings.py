"""What a check finds, and the result that holds the findings: immutable values, each
finding made once by the engine with everything it says."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields

from generator.core.severity import ERROR, SEVERITIES
from generator.core.verdict import verdict

CLOSED = "time/closed"  # the rule of the finding that says the program is closed (core.closure)


@dataclass(frozen=True)
class Finding:
    path: str
    rule: str
    severity: str
    message: dict[str, str]
    citation: dict | None
    trail: dict = field(default_factory=dict)
    status: str = "failed"  # "failed", or "passed" for explained rules that passed
    label: dict[str, str] | None = None  # the zh/en title of the field at ``path``

    def as_dict(self) -> dict:
        # As dataclasses.asdict, for the JSON-shaped values a finding holds, at a third of its cost.
        return {name: _copied(getattr(self, name)) for name in _FINDING_FIELDS}


def _copied(value: object) -> object:
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_copied(item) for item in value)
    return copy.deepcopy(value) if not isinstance(value, str | int | float | bool | type(None)) else value


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@dataclass(frozen=True)
class Result:
    program: str
    as_of: str
    findings: list[Finding]
    passed: list[Finding] = field(default_factory=list)
    understood: list[dict] = field(default_factory=list)  # dates read from how they were written (core.dates)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def verdict(self) -> dict:
        """The overall answer; a closed program's finding leads it (a closed program is no pass)."""
        closed = next((f.message for f in self.findings if f.rule == CLOSED), None)
        return verdict(self.counts(), closed)

    def as_dict(self, *, explain: bool = False) -> dict:
        data = {
            "program": self.program,
            "as_of": self.as_of,
            "counts": self.counts(),
            "verdict": self.verdict(),
            "findings": [f.as_dict() for f in self.findings],
        }
        if explain:
            data["passed"] = [f.as_dict() for f in self.passed]
        if self.understood:
            data["understood"] = self.understood
        return data
