"""The catalogue: the whole corpus as one plain, JSON-ready dict.

The CLI builds it from ``policies/``; the site ships the same dict as ``catalog.json`` to the
browser. The validation core reads only this dict, so both run on identical data.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

DEFAULT_SITE_URL = "https://example.invalid/"


def site_url_from(mkdocs_yml: Path) -> str:
    """``site_url`` of mkdocs.yml, read as text (the file carries Python tags for PyYAML)."""
    if mkdocs_yml.is_file():
        match = re.search(r"^site_url:\s*(\S+)", mkdocs_yml.read_text("utf-8"), re.MULTILINE)
        if match:
            return match[1].strip("'\"")
    return DEFAULT_SITE_URL


def _rules_of(corpus, program_id: str, seen: tuple[str, ...] = ()) -> list[dict]:
    """Own rules first, then those of every program it extends (layering is data)."""
    if program_id in seen:
        return []
    program = corpus.programs[program_id]
    rules = []
    for index, rule in enumerate(program["rules"]):
        rules.append({**copy.deepcopy(rule), "program": program_id, "index": index, "full_id": f"{program_id}/{rule['id']}"})
    for other in program.get("extends", []):
        rules.extend(_rules_of(corpus, other, (*seen, program_id)))
    return rules


def build_catalog(corpus, *, site_url: str = DEFAULT_SITE_URL) -> dict:
    programs = {}
    for program_id, program in corpus.programs.items():
        entry = copy.deepcopy(program)
        entry["all_rules"] = _rules_of(corpus, program_id)
        # When the rules of this schema version were published (changelog.yaml): the papers'
        # footer names it, so a bureau can tell a paper checked against older rules.
        entry["schema_published"] = next(
            (
                log["date"]
                for log in getattr(corpus, "changelog", [])
                if log["program"] == program_id and log["version"] == program.get("schema_version")
            ),
            None,
        )
        programs[program_id] = entry
    return {
        "site_url": site_url,
        "jurisdictions": copy.deepcopy(corpus.jurisdictions),
        "documents": copy.deepcopy(corpus.documents),
        "programs": programs,
        "parts": copy.deepcopy(getattr(corpus, "parts", {})),
    }
