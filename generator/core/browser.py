"""The browser's entry point: JSON text in, JSON text out, nothing raised.

The worker calls ``load_catalog`` once with the site's ``catalog.json``, ``input_limits``
so the page can refuse an oversized input before posting it, ``schema_text`` for the form
of the chosen program, then ``check_text`` for each application the applicant submits and
``match_text`` when they ask how it fares against every program, and ``papers_text`` for
the layout of the papers to file.
"""

from __future__ import annotations

import json

from generator.core.engine import check
from generator.core.inputs import MAX_BYTES, parse_application
from generator.core.match import match
from generator.core.money import format_amount
from generator.core.schema import application_schema, resolved_schema
from generator.errors import UnknownProgramError, UnusableInputError
from generator.papers import papers_layout

_catalog: dict = {}


def load_catalog(text: str) -> list[dict]:
    """Keep the catalogue; return the programs for the page's selector."""
    _catalog.clear()
    _catalog.update(json.loads(text))
    return [{"id": pid, "title": p["title"], "level": p["level"]} for pid, p in _catalog["programs"].items()]


def check_text(program_id: str, text: str, as_of: str | None = None, explain: bool = False) -> str:
    """``{"findings": [...], ...}`` or ``{"unusable": {"zh", "en"}}`` as JSON text."""
    try:
        if program_id not in _catalog["programs"]:
            raise UnknownProgramError(program_id, sorted(_catalog["programs"]))
        application = parse_application(text)
    except UnusableInputError as error:
        return json.dumps({"unusable": error.bilingual()}, ensure_ascii=False)
    result = check(_catalog, program_id, application, as_of=as_of)
    return json.dumps(result.as_dict(explain=explain), ensure_ascii=False)


def match_text(text: str, as_of: str | None = None, kind: str | None = "all") -> str:
    """Each program's verdict for one applicant (``policy-site match --kind all`` by default)."""
    try:
        application = parse_application(text)
    except UnusableInputError as error:
        return json.dumps({"unusable": error.bilingual()}, ensure_ascii=False)
    matches = match(_catalog, application, as_of=as_of, kind=kind)
    programs = [m.as_dict() for m in matches]
    for program in programs:  # amounts as every other output writes them (core.money)
        for item in program["funding"]:
            item["amount_text"] = {lang: format_amount(item["amount"], lang) for lang in ("zh", "en")}
    return json.dumps({"programs": programs}, ensure_ascii=False)


def papers_text(program_id: str, text: str, draft: bool = False, as_of: str | None = None) -> str:
    """The layout of the papers to file (generator.papers) for web/papers.mjs to draw."""
    try:
        if program_id not in _catalog["programs"]:
            raise UnknownProgramError(program_id, sorted(_catalog["programs"]))
        application = parse_application(text)
    except UnusableInputError as error:
        return json.dumps({"unusable": error.bilingual()}, ensure_ascii=False)
    result = check(_catalog, program_id, application, as_of=as_of)
    return json.dumps(papers_layout(_catalog, program_id, application, result.counts(), draft=draft), ensure_ascii=False)


def input_limits() -> dict[str, int]:
    """The limits ``parse_application`` enforces, so the page refuses the same input early."""
    return {"max_bytes": MAX_BYTES}


def schema_text(program_id: str) -> str:
    """The program's application schema with its ``$ref``s resolved by the core, for the page's form."""
    if program_id not in _catalog["programs"]:
        error = UnknownProgramError(program_id, sorted(_catalog["programs"]))
        return json.dumps({"unusable": error.bilingual()}, ensure_ascii=False)
    return json.dumps(resolved_schema(application_schema(_catalog, program_id)), ensure_ascii=False)
