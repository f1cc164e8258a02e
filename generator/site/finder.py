"""What the finder page ("What can I apply for?") and the status badges are built from.

Which programs exist where, their periods and what they bring need no judging: the build
writes them (this module), so the page lists them before Python has loaded in the browser.
Judging an applicant is the core's ``match``, run by the validator's worker on the page.
"""

from __future__ import annotations

import html
import json

from generator.core.citations import citation
from generator.core.match import jurisdiction_of, open_programs
from generator.core.money import format_amount
from generator.core.severity import ERROR
from generator.core.status import PERIOD_ENDED, program_status, status_changes, status_words

# The finder's question "what kind of unit" in a few plain words, and the applicant ids of the
# programs' `applicants` each covers. A program whose applicants are any unit (the national
# studio's "project unit", the national base's new-build/existing) lists every kind.
UNIT_KINDS = {
    "enterprise": {"enterprise", "enterprise-or-institution", "enterprise-training-centre", "leading-enterprise",
                   "single-champion", "little-giant", "central-enterprise", "large-soe"},
    "school": {"technical-school", "vocational-college", "college", "vocational-school", "university"},
    "training-institution": {"training-institution", "private-training-school"},
    "public": {"public-institution", "research-institution", "region-institution", "public-training-base",
               "enterprise-or-institution", "training-base"},
}  # fmt: skip
ANY_UNIT = {"project-unit", "new-build", "existing"}
LOCATION_PART = "applicant-unit"  # parts/applicant-unit holds /unit/location


def unit_kinds(program: dict) -> list[str]:
    ids = {a["id"] for a in program["applicants"]}
    return sorted(kind for kind, covered in UNIT_KINDS.items() if ids & (covered | ANY_UNIT))


def status_badge(catalog: dict, program_id: str, as_of: str, lang: str) -> str:
    """The program's status as of the build, with the dates it changes on for web/status.js."""
    changes = status_changes(catalog, program_id, as_of)
    entries = [[date, status, status_words(status, on, lang)] for date, status, on in changes]
    _, status, text = [entry for entry in entries if entry[0] <= as_of][-1]
    dates = html.escape(json.dumps(entries, ensure_ascii=False), quote=True)
    return f'<span class="status-badge status-badge--{status}" data-status-changes="{dates}">{html.escape(text)}</span>'


def ended(catalog: dict, program_id: str, as_of: str) -> bool:
    return program_status(catalog, program_id, as_of)[0] == PERIOD_ENDED


def cite_html(catalog: dict, cite: dict, root: str, lang: str) -> str:
    """An HTML link to the cited article (raw HTML: Markdown links are not resolved there)."""
    cited = citation(catalog, cite)
    if cited["basis"] == "form":
        return f'<span class="citation citation--form">{html.escape(cited["label"][lang])}</span>'
    document = catalog["documents"][cite["doc"]]
    name = cited["number"] or (document.get("short_title") or document["title"])[lang]
    part_id, article_id = cite["art"].split("/")
    href = f"{root}documents/{cite['doc']}/#{part_id}-{article_id}"
    return f'<a href="{html.escape(href)}">{html.escape(name)} {html.escape(cited["label"][lang])}</a>'


def finder_cards(catalog: dict, as_of: str, lang: str, root: str) -> list[dict]:
    """One card per program: what the finder shows before any judging."""
    cards = []
    for program_id, program in catalog["programs"].items():
        form_unit = program["form"]["properties"].get("unit", {})
        cards.append(
            {
                "id": program_id,
                "program": program,
                "status": status_badge(catalog, program_id, as_of, lang),
                "ended": ended(catalog, program_id, as_of),
                "unit_kinds": " ".join(unit_kinds(program)),
                "href": f"{root}programs/{program_id}/",
                "validator": f"{root}validate/?program={program_id}",
                "funding": [
                    (format_amount(item["amount"], lang) if item.get("amount") else None, item["basis"], item["text"][lang])
                    for item in program["funding"]
                ],
                "applicants": [(a["name"][lang], cite_html(catalog, a["cite"], root, lang)) for a in program["applicants"]],
                "conditions": [
                    (rule["text"][lang], cite_html(catalog, rule["cite"], root, lang))
                    for rule in program["all_rules"]
                    if rule["severity"] == ERROR and rule["cite"].get("basis") != "form"
                ],
                "location_field": form_unit.get("$ref") == f"parts/{LOCATION_PART}",
            }
        )
    return cards


def finder_places(catalog: dict) -> dict:
    """Where a unit may be: each /unit/location value with its name and jurisdiction, and the
    programs open to each jurisdiction (nearest level first), for the page's script."""
    field = catalog["parts"][LOCATION_PART]["properties"]["location"]
    return {
        "open": html.escape(json.dumps({jid: open_programs(catalog, jid) for jid in catalog["jurisdictions"]}), quote=True),
        "locations": [(value, field["x-enum-titles"][value], jurisdiction_of(catalog, value)) for value in field["enum"]],
    }
