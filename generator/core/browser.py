"""The browser's entry point: JSON text in, JSON text out, nothing raised.

The worker calls ``load_catalog`` once with the site's ``catalog.json``, ``input_limits``
so the page can refuse an oversized input before posting it, ``schema_text`` for the form
of the chosen program, then ``check_text`` for each application the applicant submits and
``match_text`` when they ask how it fares against every program, and ``papers_text`` for
the layout of the papers to file.
"""

from __future__ import annotations

import datetime as dt
import json

from generator.core._reader import Reader
from generator.core.compiled import compile_program
from generator.core.dates import normalise as normalise_dates
from generator.core.engine import check
from generator.core.inputs import MAX_BYTES, parse_application
from generator.core.kinds import rows_total
from generator.core.match import match
from generator.core.money import format_amount
from generator.core.schema import application_schema, label_of, resolved_schema
from generator.core.status import window_state
from generator.errors import UnknownProgramError, UnusableInputError
from generator.papers import papers_layout

_catalog: dict = {}
_compiled: dict = {}  # program id -> the program compiled once (half of a check's time)
_facts: dict = {}  # (program id, date) -> program_facts: the same on every check of a day


def _json(value: object) -> str:
    """JSON the worker's JSON.parse reads: never a bare NaN or Infinity (RFC 8259)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def load_catalog(text: str) -> list[dict]:
    """Keep the catalogue; return the programs for the page's selector."""
    _catalog.clear()
    _compiled.clear()
    _facts.clear()
    _catalog.update(json.loads(text))
    return [{"id": pid, "title": p["title"], "level": p["level"]} for pid, p in _catalog["programs"].items()]


def _application(program_id: str, text: str) -> object:
    """The parsed application for a known program; UnusableInputError when either is off."""
    if program_id not in _catalog["programs"]:
        raise UnknownProgramError(program_id, sorted(_catalog["programs"]))
    return parse_application(text)


def check_text(program_id: str, text: str, as_of: str | None = None, explain: bool = False) -> str:
    """``{"findings": [...], ...}`` or ``{"unusable": {"zh", "en"}}`` as JSON text."""
    try:
        application = _application(program_id, text)
    except UnusableInputError as error:
        return _json({"unusable": error.bilingual()})
    if program_id not in _compiled:
        _compiled[program_id] = compile_program(_catalog, program_id)
    # The form writes dates as applicants do (1972年5月, 1990.07): read here the stored way, and
    # said back (``understood``) so that the page writes them so in the form and the file.
    application, understood = normalise_dates(_compiled[program_id].schema, application)
    result = check(_catalog, program_id, application, as_of=as_of, compiled=_compiled[program_id])
    facts_key = (program_id, as_of or dt.date.today().isoformat())
    if facts_key not in _facts:
        _facts[facts_key] = program_facts(*facts_key)
    return _json({**result.as_dict(explain=explain), "understood": understood, "facts": _facts[facts_key]})


_WINDOW_WORDS = {
    "open": ("开放中，{deadline} 截止", "open: closes on {deadline}"),
    "closed": ("已于 {deadline} 截止", "closed on {deadline}"),
    "not-yet": ("尚未开始，{deadline} 截止", "not open yet; closes on {deadline}"),
    "unknown": ("文件未载明截止日期", "the documents state no closing date"),
}


def program_facts(program_id: str, as_of: str | None = None) -> dict:
    """What the verdict line tells besides the findings: the funding the program brings (as
    core.money writes it) and each application window, open or closed as of the date (today)."""
    as_of = as_of or dt.date.today().isoformat()
    program = _catalog["programs"][program_id]
    funding = [
        {
            "amount_text": {lang: format_amount(item["amount"], lang) for lang in ("zh", "en")} if item.get("amount") else None,
            "text": item["text"],
        }
        for item in program.get("funding", [])
    ]
    windows = []
    for doc_id in program.get("documents", []):
        for window in _catalog["documents"].get(doc_id, {}).get("windows", []):
            state, deadline = window_state(window, as_of)
            zh, en = _WINDOW_WORDS.get(state, _WINDOW_WORDS["unknown"])
            windows.append(
                {
                    "label": window["label"],
                    "state": state,
                    "text": {"zh": zh.format(deadline=deadline), "en": en.format(deadline=deadline)},
                }
            )
    return {"as_of": as_of, "funding": funding, "windows": windows}


def match_text(text: str, as_of: str | None = None, kind: str | None = None, program: str | None = None) -> str:
    """Each program's verdict for one applicant: of the applicant's kind (``policy-site match``'s
    default; "all" for every program), the program applied for (``program``, else the one the
    file names) first, and "not-applicable" where the applicant gave none of the data that
    program's form asks for at its top level, instead of "review"."""
    kind, program = kind or None, program or None  # Pyodide passes JS null as a falsy jsnull, not None
    try:
        application = parse_application(text)
    except UnusableInputError as error:
        return _json({"unusable": error.bilingual()})
    applied = (
        application.get("program")
        if isinstance(application, dict)
        and isinstance(application.get("program"), str)
        and application["program"] in _catalog["programs"]
        else program
    )
    if kind is None and applied in _catalog["programs"] and not (isinstance(application, dict) and "program" in application):
        kind = _catalog["programs"][applied]["kind"]
    matches = match(_catalog, application, as_of=as_of, kind=kind)
    programs = []
    for item in (m.as_dict() for m in matches):
        for funding in item["funding"]:  # amounts as every other output writes them (core.money)
            funding["amount_text"] = {lang: format_amount(funding["amount"], lang) for lang in ("zh", "en")}
        if item["status"] == "review" and _gave_no_data(item["program"], application):
            item["status"] = "not-applicable"
        programs.append(item)
    programs.sort(key=lambda item: item["program"] != applied)  # stable: the catalogue's order otherwise
    return _json({"programs": programs, "applied": applied})


_SHARED_KEYS = {"program", "application_date", "unit", "contact", "materials"}


def _gave_no_data(program_id: str, application: object) -> bool:
    """True when the application lacks a part the program's form requires of its own (the
    master, the studio, the training record…), as opposed to the parts every form shares."""
    schema = application_schema(_catalog, program_id)
    own = [key for key in schema.get("required", []) if key not in _SHARED_KEYS]
    return isinstance(application, dict) and any(key not in application for key in own)


def papers_text(program_id: str, text: str, draft: bool = False, as_of: str | None = None) -> str:
    """The layout of the papers to file (generator.papers) for web/papers.mjs to draw."""
    try:
        application = _application(program_id, text)
    except UnusableInputError as error:
        return _json({"unusable": error.bilingual()})
    result = check(_catalog, program_id, application, as_of=as_of)
    return _json(papers_layout(_catalog, program_id, application, result.counts(), draft=draft, as_of=result.as_of))


def _checks(check: object):
    """Every check inside a rule's check (through all_of / any_of / …), depth first."""
    if isinstance(check, dict):
        yield check
        for value in check.values():
            yield from _checks(value)
    elif isinstance(check, list):
        for item in check:
            yield from _checks(item)


def totals_text(program_id: str, text: str) -> str:
    """``{"totals": [{pointer, value}]}``: each total the program's rules compare with its rows
    (``rows_agree``), computed from the rows so the form shows it instead of asking for it."""
    if program_id not in _catalog["programs"]:
        return _json({"totals": []})
    try:
        application = parse_application(text)
    except UnusableInputError:
        return _json({"totals": []})
    schema = application_schema(_catalog, program_id)
    reader = Reader(application, lambda pointer: label_of(schema, pointer))
    totals, seen = [], set()
    for rule in _catalog["programs"][program_id]["all_rules"]:
        for rule_check in _checks(rule.get("check")):
            params = rule_check.get("rows_agree") if isinstance(rule_check.get("rows_agree"), dict) else None
            if params and params["total"] not in seen:
                seen.add(params["total"])
                value = rows_total(reader, params)
                totals.append({"pointer": params["total"], "value": value, "rows": params["items"]})
    return _json({"totals": totals})


def input_limits() -> dict[str, int]:
    """The limits ``parse_application`` enforces, so the page refuses the same input early."""
    return {"max_bytes": MAX_BYTES}


def schema_text(program_id: str) -> str:
    """The program's application schema with its ``$ref``s resolved by the core, for the page's form."""
    if program_id not in _catalog["programs"]:
        error = UnknownProgramError(program_id, sorted(_catalog["programs"]))
        return _json({"unusable": error.bilingual()})
    return _json(resolved_schema(application_schema(_catalog, program_id)))
