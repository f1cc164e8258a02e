"""``schemas/<program id>.schema.json``: generated, committed, and checked for drift."""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.schema import application_schema

SUFFIX = ".schema.json"


def render_schema(catalog: dict, program_id: str) -> str:
    return json.dumps(application_schema(catalog, program_id), ensure_ascii=False, indent=2) + "\n"


def write_schemas(catalog: dict, out: Path) -> list[Path]:
    written = []
    for program_id in sorted(catalog["programs"]):
        path = out / f"{program_id}{SUFFIX}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_schema(catalog, program_id), "utf-8")
        written.append(path)
    from generator.schemas.vocabulary import PATH, render_vocabulary  # the x- keywords' meta-schema, beside them

    (out / PATH).parent.mkdir(parents=True, exist_ok=True)
    (out / PATH).write_text(render_vocabulary(catalog["site_url"]), "utf-8")
    written.append(out / PATH)
    return written
