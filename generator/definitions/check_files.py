"""Some documents checked alone, for work on a few while others are unfinished.

Meta-schema and source fidelity of the named files only (citations into other documents are
not followed). ``policy-site lint FILE.yaml…`` runs it.
"""

from __future__ import annotations

from pathlib import Path

from generator.definitions._metaschema import check_against_metaschema
from generator.definitions._yaml import load_yaml
from generator.definitions.fidelity import source_problems


def document_problems(paths: list[Path]) -> dict[Path, list[str]]:
    """For each source text the named documents come from, how their text differs from it.

    A file that breaks the document format raises DefinitionError naming file, line and field.
    """
    by_source: dict[Path, list[dict]] = {}
    for name in paths:
        path = Path(name).resolve()
        data, lines = load_yaml(path)
        check_against_metaschema("document", data, lines, path)
        by_source.setdefault(path.parents[2] / "sources" / data["source"], []).append(data)
    return {source: source_problems(source.read_text("utf-8"), documents) for source, documents in by_source.items()}
