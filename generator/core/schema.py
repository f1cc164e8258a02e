"""Application schemas (JSON Schema draft 2020-12), generated from a program's ``form``.

In the definitions every ``title`` and ``description`` is a ``{zh, en}`` pair and shared
parts are referenced as ``$ref: parts/<name>``. The generated schema keeps the pair in
``x-title`` / ``x-description`` (for the form and the messages), writes ``title`` and
``description`` as "中文 / English" so any JSON Schema tool shows both, and gathers the
parts it uses under ``$defs``. The data each rule reads is required whenever the rule
applies (``allOf`` of ``if``/``then``, generated from the rules: ``_required.py``).
"""

from __future__ import annotations

import copy

from generator.core._required import rule_requirements
from generator.core.pointers import split_pointer
from generator.core.refs import resolve_ref

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
PART_PREFIX = "parts/"


def _bilingual(pair: dict[str, str]) -> str:
    return pair["zh"] if pair["zh"] == pair["en"] else f"{pair['zh']} / {pair['en']}"


def _convert(node: object, used_parts: set[str]) -> object:
    if isinstance(node, list):
        return [_convert(item, used_parts) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key in ("title", "description") and isinstance(value, dict) and "zh" in value:
            result[key] = _bilingual(value)
            result[f"x-{key}"] = dict(value)
        elif key == "$ref" and isinstance(value, str) and value.startswith(PART_PREFIX):
            name = value[len(PART_PREFIX) :]
            used_parts.add(name)
            result[key] = f"#/$defs/{name}"
        elif key in ("properties", "$defs", "patternProperties"):
            result[key] = {name: _convert(sub, used_parts) for name, sub in value.items()}
        else:
            result[key] = _convert(value, used_parts)
    return result


def _merge(base: dict, own: dict) -> dict:
    """A program's form over the form of a program it extends: fields merged, own keywords win."""
    merged = {**base, **own}
    if "properties" in base or "properties" in own:
        merged["properties"] = dict(base.get("properties", {}))
        for name, field in own.get("properties", {}).items():
            inherited = merged["properties"].get(name)
            both_objects = isinstance(inherited, dict) and "properties" in inherited and "properties" in field
            merged["properties"][name] = _merge(inherited, field) if both_objects else field
    if "required" in base or "required" in own:
        merged["required"] = list(dict.fromkeys([*base.get("required", []), *own.get("required", [])]))
    return merged


def program_form(catalog: dict, program_id: str, seen: tuple[str, ...] = ()) -> dict:
    """The form of a program, layered over the forms of the programs it extends."""
    program = catalog["programs"][program_id]
    form: dict = {}
    for other in program.get("extends", []):
        if other not in seen:
            form = _merge(form, program_form(catalog, other, (*seen, program_id)))
    return _merge(form, program["form"])


def schema_id(site_url: str, program_id: str) -> str:
    return f"{site_url.rstrip('/')}/schemas/{program_id}.schema.json"


def application_schema(catalog: dict, program_id: str) -> dict:
    """The JSON Schema an application for ``program_id`` must satisfy."""
    program = catalog["programs"][program_id]
    used: set[str] = set()
    body = _convert(copy.deepcopy(program_form(catalog, program_id)), used)
    defs: dict[str, object] = {}
    pending = sorted(used)
    while pending:  # parts may reference other parts
        name = pending.pop()
        if name in defs:
            continue
        more: set[str] = set()
        defs[name] = _convert(copy.deepcopy(catalog["parts"][name]), more)
        pending.extend(sorted(more - defs.keys()))
    schema = {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id(catalog["site_url"], program_id),
        "title": _bilingual(program["title"]),
        "x-title": dict(program["title"]),
        "description": _bilingual(program["form_description"]),
        "x-description": dict(program["form_description"]),
        "x-version": program["schema_version"],
        **body,
    }
    schema["properties"] = {
        "program": {
            "const": program_id,
            "title": "项目 / Program",
            "x-title": {"zh": "项目", "en": "Program"},
            "description": "本申请所申报的项目编号 / The id of the program this application is for",
            "x-description": {"zh": "本申请所申报的项目编号", "en": "The id of the program this application is for"},
        },
        **schema.get("properties", {}),
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    generated = rule_requirements(schema, program.get("all_rules", []))
    if generated:  # what the rules read, required whenever they apply (core/_required.py)
        schema["allOf"] = [*schema.get("allOf", []), *generated]
        if "$defs" in schema:  # keep $defs last, as the committed schemas have it
            schema["$defs"] = schema.pop("$defs")
    from generator.papers.published_forms import multiline_fields  # data only: no import cycle

    _mark_multiline(schema, schema, "", multiline_fields(program_id))
    return schema


LONG_TEXT = 500  # a string allowed this long is written as paragraphs


def _mark_multiline(schema: dict, node: dict, pointer: str, paragraphs: set[str]) -> None:
    """``x-multiline`` on each text field written as paragraphs: one the published form leaves
    several lines for (generator.papers), or one allowed LONG_TEXT characters or more. The
    form on the page gives it a text area that keeps line breaks."""
    for name, raw in node.get("properties", {}).items():
        if not isinstance(raw, dict):
            continue
        field = resolve_ref(schema, raw)
        here = f"{pointer}/{name}"
        if field.get("type") == "string" and "enum" not in field:
            if here in paragraphs or field.get("maxLength", 0) >= LONG_TEXT:
                raw["x-multiline"] = True
        elif field.get("type") == "array" and isinstance(raw.get("items"), dict):
            _mark_multiline(schema, resolve_ref(schema, raw["items"]), f"{here}/*", paragraphs)
        elif "properties" in raw:
            _mark_multiline(schema, raw, here, paragraphs)


def resolved_schema(schema: dict) -> dict:
    """``schema`` with every local ``$ref`` replaced by what it points to, the keywords beside it
    winning (as ``field_at`` reads it): the form the browser builds and the papers lay out."""

    def walk(node: object) -> object:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        return {key: walk(value) for key, value in resolve_ref(schema, node).items() if key != "$defs"}

    return walk(schema)


def field_at(schema: dict, pointer: str) -> dict | None:
    """The subschema describing the value at ``pointer`` (``*`` or digits for array items)."""
    node = resolve_ref(schema, schema)
    for token in split_pointer(pointer):
        if node.get("type") == "array" or "items" in node:
            node = resolve_ref(schema, node.get("items", {}))
            if not (token == "*" or token.isdigit()):
                node = resolve_ref(schema, node.get("properties", {}).get(token, {}))
        else:
            node = resolve_ref(schema, node.get("properties", {}).get(token, {}))
        if not node:
            return None
    return node


def form_position(schema: dict, pointer: str) -> tuple:
    """A sort key putting ``pointer`` where the form shows it: property order, then array index."""
    node, key = resolve_ref(schema, schema), []
    for token in split_pointer(pointer):
        if node.get("type") == "array" or "items" in node:
            key.append((int(token) if token.isdigit() else 0, ""))
            node = resolve_ref(schema, node.get("items", {}))
            if token.isdigit() or token == "*":
                continue
        properties = node.get("properties", {}) if isinstance(node, dict) else {}
        names = list(properties)
        key.append((names.index(token) if token in names else len(names), token))
        node = resolve_ref(schema, properties.get(token, {}))
    return tuple(key)


def label_of(schema: dict, pointer: str) -> dict[str, str]:
    """The zh/en title of the field at ``pointer``, qualified by its parent for clarity."""
    tokens = split_pointer(pointer)
    node = field_at(schema, pointer)
    if node and "x-title" in node:
        label = dict(node["x-title"])
        indices = [t for t in tokens if t.isdigit()]
        if indices:
            label = {"zh": f"{label['zh']}（第 {int(indices[-1]) + 1} 项）", "en": f"{label['en']} (item {int(indices[-1]) + 1})"}
        return label
    return {"zh": pointer or "申请书", "en": pointer or "the application"}
