"""Checking one application against one program: schema, rules, time.

``check()`` returns a Result whose findings an applicant can act on. Each finding carries
the JSON pointer, the rule id, the severity, a zh/en message, the citation (document,
number, article and the article's page) and the trail of data the rule read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

import jsonschema

from generator.core._reader import Reader
from generator.core._schema_messages import schema_message
from generator.core.citations import citation
from generator.core.pointers import join_pointer
from generator.core.rules import Undecided, condition_holds, run_check
from generator.core.schema import application_schema, label_of
from generator.core.status import time_findings

SEVERITIES = ("error", "warning", "review")
_RULE_SEVERITY = {"requirement": "error", "advisory": "warning", "review": "review"}


@dataclass
class Finding:
    path: str
    rule: str
    severity: str
    message: dict[str, str]
    citation: dict | None
    trail: dict = field(default_factory=dict)
    status: str = "failed"  # "failed", or "passed" for explained rules that passed

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Result:
    program: str
    as_of: str
    findings: list[Finding]
    passed: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def as_dict(self, *, explain: bool = False) -> dict:
        data = {
            "program": self.program,
            "as_of": self.as_of,
            "counts": self.counts(),
            "findings": [f.as_dict() for f in self.findings],
        }
        if explain:
            data["passed"] = [f.as_dict() for f in self.passed]
        return data


def compile_validator(schema: dict) -> jsonschema.protocols.Validator:
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def _schema_findings(catalog: dict, program: dict, validator, application: object) -> list[Finding]:
    schema = validator.schema
    findings = []
    for error in validator.iter_errors(application):
        leaves = _leaf_errors(error)
        for leaf in leaves:
            pointer = join_pointer(leaf.absolute_path)
            zh, en, pointer = schema_message(schema, leaf, pointer)
            findings.append(
                Finding(
                    path=pointer,
                    rule=f"schema/{leaf.validator}",
                    severity="error",
                    message={"zh": zh, "en": en},
                    citation=citation(catalog, program.get("form_cite")),
                    trail={"read": {pointer: leaf.instance if leaf.validator != "required" else None}},
                )
            )
    return findings


def _leaf_errors(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """For anyOf/oneOf, report the branch that came closest rather than the whole combinator."""
    if error.context:
        best = jsonschema.exceptions.best_match(error.context)
        return _leaf_errors(best) if best is not None else [error]
    return [error]


def in_force(item: dict, as_of: str | None) -> bool:
    """Whether a dated rule or value applies on ``as_of`` (both ends inclusive)."""
    if as_of is None:
        return True
    return (item.get("effective") or "") <= as_of and as_of <= (item.get("until") or "9999-12-31")


def _rule_findings(catalog: dict, program_id: str, schema: dict, application: object, schema_paths: set[str], as_of=None):
    findings, passed = [], []
    for rule in catalog["programs"][program_id]["all_rules"]:
        if not in_force(rule, as_of):  # a later revision adds a dated rule; history stays in the data
            continue
        reader = Reader(application, lambda pointer: label_of(schema, pointer))
        if "when" in rule and not condition_holds(reader, rule["when"]):
            continue
        severity = _RULE_SEVERITY[rule["severity"]]
        cited = citation(catalog, rule["cite"])
        trail = {"rule": dict(rule["text"])}
        if "check" not in rule:  # needs a person: listed for the applicant, never passed silently
            findings.append(
                Finding(
                    path=rule.get("path", ""),
                    rule=rule["full_id"],
                    severity="review",
                    message={"zh": f"需人工审核：{rule['text']['zh']}", "en": f"Needs human review: {rule['text']['en']}"},
                    citation=cited,
                    trail={**trail, "read": reader.trail},
                )
            )
            continue
        messages = list(run_check(reader, rule["check"]))
        trail["read"] = dict(reader.trail)
        if not messages:
            passed.append(Finding("", rule["full_id"], severity, dict(rule["text"]), cited, trail, status="passed"))
        for message in messages:
            path = message.path or ""
            if isinstance(message, Undecided):
                if path in schema_paths:  # the schema finding already says the value is missing or wrong
                    continue
                finding_severity, prefix = "review", ("无法自动判断：", "Cannot be decided automatically: ")
            elif severity == "warning":  # 左右, 原则上, 一般应: say the figure is not a hard line
                finding_severity, prefix = (
                    severity,
                    ("原文为原则性或约数表述，仅作提醒：", "Stated in principle or approximately (a warning, not a refusal): "),
                )
            else:
                finding_severity, prefix = severity, ("", "")
            findings.append(
                Finding(
                    path=path,
                    rule=rule["full_id"],
                    severity=finding_severity,
                    message={"zh": prefix[0] + message.zh, "en": prefix[1] + message.en},
                    citation=cited,
                    trail=trail,
                )
            )
    return findings, passed


def check(catalog: dict, program_id: str, application: object, *, as_of: str | None = None, validator: object = None) -> Result:
    """All findings for one application. ``as_of`` (YYYY-MM-DD) defaults to today.

    ``validator``: the program's schema compiled once (``compile_validator``), for checking many files.
    """
    as_of = as_of or dt.date.today().isoformat()
    program = catalog["programs"][program_id]
    validator = compile_validator(application_schema(catalog, program_id)) if validator is None else validator
    schema = validator.schema
    schema_findings = _schema_findings(catalog, program, validator, application)
    schema_paths = {f.path for f in schema_findings}
    rule_findings, passed = _rule_findings(catalog, program_id, schema, application, schema_paths, as_of)
    time = [
        Finding(path="", rule=f"time/{kind}", severity="review", message=message, citation=citation(catalog, cite))
        for kind, message, cite in time_findings(catalog, program_id, as_of)
    ]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings = sorted(schema_findings + rule_findings + time, key=lambda f: (order[f.severity], f.path, f.rule))
    return Result(program=program_id, as_of=as_of, findings=findings, passed=passed)
