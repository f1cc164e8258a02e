"""The materials checklist of a program page, linked to the application's materials field.

The program's ``materials`` (what its sources list, each cited) are the checklist; an item
whose id is a choice of the application's ``/materials`` field (the field the validator
shows) gets a box on the page (web/checklist.js), and its tick is that field's value in the
program's saved draft: the page and the validator read and write the one draft. An item the
applicant does not enclose (a bureau's report, a locality's additions) is listed, unticked.
"""

from __future__ import annotations

from generator.core.refs import resolve_ref
from generator.core.schema import application_schema

FIELD = "materials"  # the application's field, /materials


def materials_checklist(catalog: dict, program_id: str) -> dict:
    """``{items, field_title, seed}``: each material with ``tickable``, the field's title, and
    the document a new draft starts from (the program's id, as the validator's form writes it)."""
    schema = application_schema(catalog, program_id)
    field = resolve_ref(schema, schema.get("properties", {}).get(FIELD, {}))
    items = resolve_ref(schema, field.get("items", {})) if isinstance(field.get("items"), dict) else {}
    choices = set(items.get("enum") or [])
    program_field = schema.get("properties", {}).get("program", {})
    return {
        "items": [{**item, "tickable": item["id"] in choices} for item in catalog["programs"][program_id].get("materials", [])],
        "field_title": field.get("x-title"),
        "seed": {"program": program_field["const"]} if "const" in program_field else {},
    }
