"""Checking one application against one program: schema, rules, time.

The check runs one way, as check-jsonschema's loaders → checker → reporter: the schema's
findings, then the rules' findings (which know what the schema found), then one merge that
keeps one finding per fault and puts them in the form's order; the reporters (the CLI, the
browser) only read the Result. Each finding is made once, with its path, rule id, severity,
zh/en message, citation, label and trail (what was read), and never changed afterwards.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable

import jsonschema

from generator.core._reader import Reader
from generator.core._schema_messages import only_missing, schema_message
from generator.core.citations import citation
from generator.core.closure import application_date_findings, closed_findings
from generator.core.compiled import CompiledProgram, compile_program
from generator.core.dates import normalise as normalise_dates
from generator.core.findings import Finding, Result
from generator.core.kinds import Message, Undecided, evaluate
from generator.core.pointers import join_pointer
from generator.core.reads import requiring_rules
from generator.core.schema import form_position, label_of
from generator.core.severity import ERROR, REVIEW, SEVERITIES, WARNING
from generator.core.status import time_findings
from generator.core.when import applies

# What a rule's finding says before the rule's own message, by what it is.
_UNDECIDED = ("无法自动判断：", "Cannot be decided automatically: ")
_ADVISORY = ("原文为原则性或约数表述，仅作提醒：", "Stated in principle or approximately (a warning, not a refusal): ")
_HARD = ("", "")
_REVIEW = ("需人工审核：", "Needs human review: ")


def schema_findings(compiled: CompiledProgram, application: object) -> list[Finding]:
    """What the form's JSON Schema finds: one finding per fault, in jsonschema's order."""
    schema, program = compiled.schema, compiled.catalog["programs"][compiled.program_id]
    findings, seen = [], set()
    for error in compiled.validator.iter_errors(application):
        for leaf in _leaf_errors(error):
            zh, en, pointer = schema_message(schema, leaf, join_pointer(leaf.absolute_path))
            if (pointer, zh) in seen:  # the form and a rule's requirement both ask for one field
                continue
            seen.add((pointer, zh))
            missing = leaf.validator in ("required", "anyOf")
            requiring = requiring_rules(program, application, pointer) if missing else []
            read = {"read": {pointer: None if missing else leaf.instance}}
            findings.append(
                Finding(
                    path=pointer,
                    rule=f"schema/{'required' if missing else leaf.validator}",
                    severity=ERROR,
                    message={"zh": zh, "en": en},
                    # required because a rule reads it: cite the article that states the rule
                    citation=compiled.citation(requiring[0]["cite"] if requiring else program.get("form_cite")),
                    trail={**read, "required_by": [rule["full_id"] for rule in requiring]} if requiring else read,
                    label=label_of(schema, pointer),
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


def in_force(item: dict, as_of: str | None) -> bool:
    """Whether a dated rule or value applies on ``as_of`` (both ends inclusive)."""
    if as_of is None:
        return True
    return (item.get("effective") or "") <= as_of and as_of <= (item.get("until") or "9999-12-31")


def _superseding(finding: Finding) -> bool:
    """A schema finding a rule's finding on the same value says more than (a bad credit code
    breaks the pattern and fails GB 32100), the form's message then kept in the rule's trail."""
    return finding.rule != "schema/required"


def findings_of_rules(
    catalog: dict,
    program_id: str,
    schema: dict,
    application: object,
    schema_found: Iterable[Finding] = (),
    as_of: str | None = None,
    *,
    cite: Callable[[dict | None], dict | None] | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """The findings of the rules in force that apply, and the rules met (``passed``).

    ``schema_found``: what the schema found, so an undecided rule about a value the schema
    already faults stays silent, and a rule's error keeps the form's message on its value."""
    cite = cite or (lambda given: citation(catalog, given))
    schema_found = list(schema_found)
    schema_paths = {f.path for f in schema_found}
    form_says: dict[str, list[dict]] = {}
    for finding in schema_found:
        if _superseding(finding):
            form_says.setdefault(finding.path, []).append(finding.message)
    findings, passed = [], []
    for rule in catalog["programs"][program_id]["all_rules"]:
        if not in_force(rule, as_of):  # a later revision adds a dated rule; history stays in the data
            continue
        reader = Reader(application, lambda pointer: label_of(schema, pointer))
        if "when" in rule and not applies(reader, rule["when"]):
            continue
        made = functools.partial(_rule_finding, rule, reader, cite(rule["cite"]), schema)
        if "check" not in rule:  # needs a person: listed for the applicant, never passed silently
            findings.append(made(rule.get("path", ""), REVIEW, _REVIEW, rule["text"]))
            continue
        messages = list(dict.fromkeys(evaluate(reader, rule["check"])))  # all_of may say one thing twice
        severity = rule["severity"]
        if not messages:
            passed.append(made("", severity, _HARD, rule["text"], status="passed"))
        for message in messages:
            path = message.path or ""
            if isinstance(message, Undecided):
                if not _explained(path, schema_paths):  # else a schema finding already says what is wrong
                    findings.append(made(path, REVIEW, _UNDECIDED, message))
            else:  # 左右, 原则上, 一般应: an advisory rule says the figure is not a hard line
                said = made(path, severity, _ADVISORY if severity == WARNING else _HARD, message, form_says=form_says)
                findings.append(said)
    return findings, passed


def _rule_finding(
    rule: dict,
    reader: Reader,
    cited: dict | None,
    schema: dict,
    path: str,
    severity: str,
    prefix: tuple[str, str],
    said: Message | dict,
    *,
    status: str = "failed",
    form_says: dict[str, list[dict]] | None = None,
) -> Finding:
    """One finding of a rule, whole: what it says (``said``: the kind's message, or the rule's
    own text) after ``prefix``, the data read, and what the form says of the same value."""
    zh, en = (said["zh"], said["en"]) if isinstance(said, dict) else (said.zh, said.en)
    trail = {"rule": dict(rule["text"]), "read": dict(reader.trail)}
    if severity == ERROR and form_says and path in form_says:
        trail["schema"] = list(form_says[path])
    passed = status == "passed"  # a met rule is listed with its text, at no field
    return Finding(
        path=path,
        rule=rule["full_id"],
        severity=severity,
        message={"zh": prefix[0] + zh, "en": prefix[1] + en},
        citation=cited,
        trail=trail,
        status=status,
        label=None if passed else label_of(schema, path),
    )


def _explained(path: str, schema_paths: set[str]) -> bool:
    """Whether a schema finding is about this value, a value inside it, or the object holding it."""
    return any(p == path or p.startswith(f"{path}/") or path.startswith(f"{p}/") for p in schema_paths)


def merged(schema: dict, schema_found: list[Finding], rule_found: list[Finding], time_found: list[Finding]) -> list[Finding]:
    """One finding per fault, errors first, then warnings, then reviews; each in the order the
    form shows its fields. A schema finding a rule's error supersedes is left out."""
    ruled = {f.path for f in rule_found if f.severity == ERROR}
    kept = [f for f in schema_found if f.path not in ruled or not _superseding(f)]
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    found = kept + rule_found + time_found
    ranked = sorted(enumerate(found), key=lambda item: (order[item[1].severity], form_position(schema, item[1].path), item[0]))
    return [finding for _, finding in ranked]


def check(
    catalog: dict, program_id: str, application: object, *, as_of: str | None = None, compiled: CompiledProgram | None = None
) -> Result:
    """All findings for one application. ``as_of`` (YYYY-MM-DD) defaults to today.

    ``compiled``: the program compiled once (``compile_program``), for checking many files.
    """
    as_of = as_of or dt.date.today().isoformat()
    compiled = compile_program(catalog, program_id) if compiled is None else compiled
    schema = compiled.schema
    # 1972年5月, 2026.12.7: how a date written another way would be read. The check itself stays
    # as strict as the published schema (every validator refuses such a file); the browser's form
    # writes the date the stored way before it checks (browser.check_text).
    _, understood = normalise_dates(schema, application)
    schema_found = schema_findings(compiled, application)
    rule_found, passed = findings_of_rules(catalog, program_id, schema, application, schema_found, as_of, cite=compiled.citation)
    time_found = [
        Finding(
            path="",
            rule=f"time/{kind}",
            severity=REVIEW,
            message=message,
            citation=compiled.citation(cite),
            label=label_of(schema, ""),
        )
        for kind, message, cite in time_findings(catalog, program_id, as_of)
        if kind not in ("period-ended", "window-closed")  # a closed program is an error (closure)
    ] + [
        Finding(
            path=path, rule=rule, severity=ERROR, message=message, citation=compiled.citation(cite), label=label_of(schema, path)
        )
        for path, (rule, message, cite) in [
            *(("", found) for found in closed_findings(catalog, program_id, as_of)),
            *(("/application_date", found) for found in application_date_findings(catalog, program_id, application)),
        ]
    ]
    findings = merged(schema, schema_found, rule_found, time_found)
    return Result(program=program_id, as_of=as_of, findings=findings, passed=passed, understood=understood)
