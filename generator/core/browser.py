"""The browser's entry point: JSON text in, JSON text out, nothing raised.

The worker calls ``load_catalog`` once with the site's ``catalog.json``, ``input_limits``
so the page can refuse an oversized input before posting it, ``schema_text`` for the form
of the chosen program, then ``check_text`` for each application the applicant submits and
``match_text`` when they ask how it fares against every program.
"""

from __future__ import annotations

import json

from generator.core.engine import check, compile_validator
from generator.core.inputs import MAX_BYTES, parse_application
from generator.core.match import match
from generator.core.schema import application_schema
from generator.errors import UnknownProgramError, UnusableInputError

_catalog: dict = {}
_validators: dict = {}  # program id -> its schema compiled once (half of a check's time)


def _json(value: object) -> str:
    """JSON the worker's JSON.parse reads: never a bare NaN or Infinity (RFC 8259)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def load_catalog(text: str) -> list[dict]:
    """Keep the catalogue; return the programs for the page's selector."""
    _catalog.clear()
    _validators.clear()
    _catalog.update(json.loads(text))
    return [{"id": pid, "title": p["title"], "level": p["level"]} for pid, p in _catalog["programs"].items()]


def check_text(program_id: str, text: str, as_of: str | None = None, explain: bool = False) -> str:
    """``{"findings": [...], ...}`` or ``{"unusable": {"zh", "en"}}`` as JSON text."""
    try:
        if program_id not in _catalog["programs"]:
            raise UnknownProgramError(program_id, sorted(_catalog["programs"]))
        application = parse_application(text)
    except UnusableInputError as error:
        return _json({"unusable": error.bilingual()})
    if program_id not in _validators:
        _validators[program_id] = compile_validator(application_schema(_catalog, program_id))
    result = check(_catalog, program_id, application, as_of=as_of, validator=_validators[program_id])
    return _json(result.as_dict(explain=explain))


def match_text(text: str, as_of: str | None = None, kind: str | None = "all") -> str:
    """Each program's verdict for one applicant (``policy-site match --kind all`` by default)."""
    try:
        application = parse_application(text)
    except UnusableInputError as error:
        return _json({"unusable": error.bilingual()})
    matches = match(_catalog, application, as_of=as_of, kind=kind)
    return _json({"programs": [m.as_dict() for m in matches]})


def input_limits() -> dict[str, int]:
    """The limits ``parse_application`` enforces, so the page refuses the same input early."""
    return {"max_bytes": MAX_BYTES}


def schema_text(program_id: str) -> str:
    """The program's application schema (as ``schemas/<id>.schema.json``), for the page's form."""
    if program_id not in _catalog["programs"]:
        error = UnknownProgramError(program_id, sorted(_catalog["programs"]))
        return _json({"unusable": error.bilingual()})
    return _json(application_schema(_catalog, program_id))
