"""The browser's entry point: JSON text in, JSON text out, nothing raised.

The worker calls ``load_catalog`` once with the site's ``catalog.json`` and then
``check_text`` for each application the applicant submits.
"""

from __future__ import annotations

import json

from generator.core.engine import check
from generator.core.inputs import parse_application
from generator.core.match import match
from generator.errors import UnknownProgramError, UnusableInputError

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


def match_text(text: str, as_of: str | None = None) -> str:
    """Every program's verdict for one applicant, as ``policy-site match --format json``."""
    try:
        application = parse_application(text)
    except UnusableInputError as error:
        return json.dumps({"unusable": error.bilingual()}, ensure_ascii=False)
    return json.dumps({"programs": [m.as_dict() for m in match(_catalog, application, as_of=as_of)]}, ensure_ascii=False)
