"""Checking one application against one program: schema, rules, time.

``check()`` returns a Result whose findings an applicant can act on. Each finding carries
the JSON pointer, the rule id, the severity, a zh/en message, the citation (document,
number, article and the article's page) and the trail of data the rule read.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, fields

import jsonschema

from generator.core._reader import Reader
from generator.core._required import rules_reading
from generator.core._schema_messages import only_missing, schema_message
from generator.core.citations import citation
from generator.core.closure import CLOSED, application_date_findings, closed_findings
from generator.core.pointers import join_pointer
from generator.core.rules import Undecided, condition_holds, run_check
from generator.core.schema import application_schema, form_position, label_of, unescape_token
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


_VERDICT_WORDS = {
    "error": ("项错误", "error", "errors"),
    "warning": ("项提醒", "warning", "warnings"),
    "review": ("项需人工审核", "for a person to review", "for a person to review"),
}


def _count(counts: dict[str, int], severity: str) -> tuple[str, str]:
    zh, one, many = _VERDICT_WORDS[severity]
    number = counts[severity]
    return f"{number} {zh}", f"{number} {one if number == 1 else many}"


def verdict(counts: dict[str, int], closed: dict[str, str] | None = None) -> dict:
    """The overall answer: "K errors", or "no errors: N warnings, M for a person to review";
    ``closed`` (the message of a closed program) leads it: a closed program is no pass."""
    (wzh, wen), (rzh, ren) = _count(counts, "warning"), _count(counts, "review")
    if counts["error"]:
        ezh, een = _count(counts, "error")
        also = [(zh, en) for severity, (zh, en) in (("warning", (wzh, wen)), ("review", (rzh, ren))) if counts[severity]]
        zh = f"{ezh}（另有 {'，'.join(z for z, _ in also)}）" if also else ezh
        en = f"{een} (also {', '.join(e for _, e in also)})" if also else een
        if closed:
            zh, en = f"{closed['zh']}。{zh}", f"{closed['en']}. {en}"
        return {"status": "errors", "counts": dict(counts), "message": {"zh": zh, "en": en}}
    message = {"zh": f"没有错误：{wzh}，{rzh}", "en": f"No errors: {wen}, {ren}"}
    return {"status": "no-errors", "counts": dict(counts), "message": message}


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

    def verdict(self) -> dict:
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
        return data


def _matches(pattern: str, pointer: str) -> bool:
    """Whether a rule's pointer (``*`` for every item) names the concrete ``pointer``."""
    want, got = pattern.split("/"), pointer.split("/")
    return len(want) == len(got) and all(w == g or (w == "*" and g.isdigit()) for w, g in zip(want, got, strict=True))


def _requiring_rules(program: dict, application: object, pointer: str) -> list[dict]:
    """The rules that apply and read the missing value at ``pointer``, so the form requires it."""
    reader = Reader(application, lambda _pointer: {})
    return [
        rule
        for rule, alternatives in rules_reading(program.get("all_rules", []))
        if any(_matches(need, pointer) for alternative in alternatives for need, _ in alternative)
        and ("when" not in rule or condition_holds(reader, rule["when"]))
    ]


def compile_validator(schema: dict) -> jsonschema.protocols.Validator:
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(_inline_lone_refs(schema), format_checker=validator_class.FORMAT_CHECKER)


_DATA_KEYWORDS = {"enum", "const", "default", "examples", "$defs"}  # values that are not subschemas to walk


def _inline_lone_refs(schema: dict) -> dict:
    """``schema`` with each ``{"$ref": "#/$defs/NAME"}`` that has no other keyword replaced by
    its target: the same assertions, the same errors at the same instance paths, without
    jsonschema resolving the reference on every validation (a third of a check's schema time).
    ``$defs`` stays, so what is left (a recursive reference, a ``$ref`` with keywords beside
    it) resolves as before."""
    defs = schema.get("$defs", {})

    def walk(node: object, expanding: frozenset[str]) -> object:
        if isinstance(node, list):
            return [walk(item, expanding) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if len(node) == 1 and isinstance(ref, str) and ref.startswith("#/$defs/") and "/" not in ref[8:]:
            name = unescape_token(ref[8:])
            if name in defs and name not in expanding:
                return walk(defs[name], expanding | {name})
        return {
            key: value if key in _DATA_KEYWORDS or key.startswith("x-") else walk(value, expanding) for key, value in node.items()
        }

    return walk(schema, frozenset())


def _schema_findings(catalog: dict, program: dict, validator, application: object) -> list[Finding]:
    schema = validator.schema
    findings, seen = [], set()
    for error in validator.iter_errors(application):
        for leaf in _leaf_errors(error):
            zh, en, pointer = schema_message(schema, leaf, join_pointer(leaf.absolute_path))
            if (pointer, zh) in seen:  # the form and a rule's requirement both ask for one field
                continue
            seen.add((pointer, zh))
            missing = leaf.validator in ("required", "anyOf")
            cite, trail = program.get("form_cite"), {"read": {pointer: None if missing else leaf.instance}}
            requiring = _requiring_rules(program, application, pointer) if missing else []
            if requiring:  # required because a rule reads it: cite the article that states the rule
                cite, trail["required_by"] = requiring[0]["cite"], [rule["full_id"] for rule in requiring]
            findings.append(
                Finding(
                    path=pointer,
                    rule=f"schema/{'required' if missing else leaf.validator}",
                    severity="error",
                    message={"zh": zh, "en": en},
                    citation=_citation(catalog, cite),
                    trail=trail,
                )
            )
    return findings


def _leaf_errors(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """For anyOf/oneOf, report the branch that came closest rather than the whole combinator.

    An anyOf whose alternatives all lack data (an ``any_of`` rule's requirement) is reported
    whole: "fill in at least one of …".
    """
    if error.validator == "anyOf" and only_missing(error):
        return [error]
    if error.context:
        best = jsonschema.exceptions.best_match(error.context)
        return _leaf_errors(best) if best is not None else [error]
    return [error]


_CITE_KEYS = ("basis", "doc", "art", "clause", "standard")  # what citations.citation reads of a cite
_citations: dict[int, tuple[dict, dict]] = {}  # id(catalogue) -> (that catalogue, cite key -> citation)


def _citation(catalog: dict, cite: dict | None) -> dict | None:
    """``citations.citation``, computed once per catalogue and cite: the same few dozen on every
    check (a tenth of a check's time in the browser). Findings share the dict, read-only, as
    the findings of one rule always did. Only the last catalogue is kept."""
    if not cite:
        return citation(catalog, cite)
    kept = _citations.get(id(catalog))
    if kept is None or kept[0] is not catalog:
        _citations.clear()
        kept = _citations[id(catalog)] = (catalog, {})
    key = tuple(cite.get(name) for name in _CITE_KEYS)
    if key not in kept[1]:
        kept[1][key] = citation(catalog, cite)
    return kept[1][key]


def in_force(item: dict, as_of: str | None) -> bool:
    """Whether a dated rule or value applies on ``as_of`` (both ends inclusive)."""
    if as_of is None:
        return True
    return (item.get("effective") or "") <= as_of and as_of <= (item.get("until") or "9999-12-31")


def findings_of_rules(catalog: dict, program_id: str, schema: dict, application: object, schema_paths: set[str], as_of=None):
    findings, passed = [], []
    for rule in catalog["programs"][program_id]["all_rules"]:
        if not in_force(rule, as_of):  # a later revision adds a dated rule; history stays in the data
            continue
        reader = Reader(application, lambda pointer: label_of(schema, pointer))
        if "when" in rule and not condition_holds(reader, rule["when"]):
            continue
        severity = _RULE_SEVERITY[rule["severity"]]
        cited = _citation(catalog, rule["cite"])
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
        messages = list(dict.fromkeys(run_check(reader, rule["check"])))  # all_of may say one thing twice
        trail["read"] = dict(reader.trail)
        if not messages:
            passed.append(Finding("", rule["full_id"], severity, dict(rule["text"]), cited, trail, status="passed"))
        for message in messages:
            path = message.path or ""
            if isinstance(message, Undecided):
                if _explained(path, schema_paths):  # a schema finding already says what is missing or wrong
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


def _explained(path: str, schema_paths: set[str]) -> bool:
    """Whether a schema finding is about this value, a value inside it, or the object holding it."""
    return any(p == path or p.startswith(f"{path}/") or path.startswith(f"{p}/") for p in schema_paths)


def _one_per_fault(schema_findings: list[Finding], rule_findings: list[Finding]) -> list[Finding]:
    """A rule's finding says more than the form's constraint on the same value (a bad credit
    code breaks the pattern and fails GB 32100): the rule's wins, the schema's message kept in its trail."""
    by_path = {f.path: f for f in rule_findings if f.severity == "error"}
    kept = []
    for finding in schema_findings:
        rule_finding = by_path.get(finding.path)
        if rule_finding is None or finding.rule == "schema/required":
            kept.append(finding)
            continue
        rule_finding.trail = {**rule_finding.trail, "schema": [*rule_finding.trail.get("schema", []), finding.message]}
    return kept


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
    rule_findings, passed = findings_of_rules(catalog, program_id, schema, application, schema_paths, as_of)
    time = [
        Finding(path="", rule=f"time/{kind}", severity="review", message=message, citation=_citation(catalog, cite))
        for kind, message, cite in time_findings(catalog, program_id, as_of)
        if kind not in ("period-ended", "window-closed")  # a closed program is an error (closure)
    ] + [
        Finding(path=path, rule=rule, severity="error", message=message, citation=_citation(catalog, cite))
        for path, (rule, message, cite) in [
            *(("", found) for found in closed_findings(catalog, program_id, as_of)),
            *(("/application_date", found) for found in application_date_findings(catalog, program_id, application)),
        ]
    ]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    found = _one_per_fault(schema_findings, rule_findings) + rule_findings + time
    for finding in found:
        finding.label = label_of(schema, finding.path)
    # errors, then warnings, then reviews; each in the order the form shows its fields
    ranked = sorted(enumerate(found), key=lambda item: (order[item[1].severity], form_position(schema, item[1].path), item[0]))
    return Result(program=program_id, as_of=as_of, findings=[f for _, f in ranked], passed=passed)
