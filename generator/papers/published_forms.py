"""The layouts of the published application forms (``forms/*.json``), by program id: data
that the papers draw and that the schemas read (which fields the form leaves several lines for).
It imports nothing of the generator, so the schema code can read it without an import cycle."""

from __future__ import annotations

import json
from importlib import resources

# Read once, at import: in the browser, a returning visit restores a memory snapshot of the
# interpreter (web/worker.mjs), which keeps what Python holds but not the files it unpacked, so
# forms/ is no longer there to read when the papers are asked for.
_FORM_TEXTS = tuple(
    entry.read_text("utf-8")
    for entry in sorted(resources.files("generator.papers").joinpath("forms").iterdir(), key=lambda entry: entry.name)
    if entry.name.endswith(".json")
)


def published_forms() -> dict[str, dict]:
    """Each published form's layout by program id, freshly parsed (callers may change it)."""
    forms = {}
    for text in _FORM_TEXTS:
        form = json.loads(text)
        for program in form["programs"]:
            forms[program] = form
    return forms


def multiline_fields(program_id: str) -> set[str]:
    """The fields the published form leaves several lines to write in (paragraphs, not a word):
    the form on the page gives them a text area (generator.core.schema marks them)."""
    form = published_forms().get(program_id)
    found: set[str] = set()

    def visit(node: object, repeat: str = "") -> None:
        if isinstance(node, dict):
            if "field" in node and node.get("lines", 0) >= 3:
                found.add(f"{repeat}/*{node['field']}" if repeat else node["field"])
            for value in node.values():
                visit(value, node.get("repeat", repeat))
        elif isinstance(node, list):
            for value in node:
                visit(value, repeat)

    visit(form["documents"] if form else [])
    return found
