"""Loaders: each file under ``policies/`` read and checked against its meta-schema, alone.

One loader per kind of file (documents, programs, parts, jurisdictions, changelog, glossary).
A loader reads YAML with line numbers, checks the file's shape (its meta-schema under
``metaschema/``, plus what a meta-schema cannot say, such as every form field's bilingual
title) and returns the data. Nothing here looks at another file: that is ``consistency.py``.
Every problem is a DefinitionError naming file, line and field.
"""

from __future__ import annotations

from pathlib import Path

from generator.definitions._form import check_form_titles
from generator.definitions._metaschema import check_against_metaschema
from generator.definitions._yaml import load_yaml
from generator.errors import DefinitionError

# Where each loaded item came from: item id -> (file, JSON pointer -> line).
Lines = dict[str, tuple[Path, dict[str, int]]]


def _load(path: Path, kind: str) -> tuple[object, dict[str, int]]:
    data, lines = load_yaml(path)
    check_against_metaschema(kind, data, lines, path)
    return data, lines


def _load_tree(root: Path, folder: str, kind: str, lines_of: Lines) -> dict[str, dict]:
    """``<folder>/<jurisdiction>/<name>.yaml``: the id is the file's place in the tree."""
    items = {}
    for path in sorted((root / folder).glob("*/*.yaml")):
        data, lines = _load(path, kind)
        expected = f"{path.parent.name}/{path.stem}"
        if data["id"] != expected:
            raise DefinitionError(path, lines.get("/id"), "/id", f"id {data['id']!r} must match the file's place: {expected!r}")
        items[expected] = data
        lines_of[expected] = (path, lines)
    return items


def load_documents(root: Path, lines_of: Lines) -> dict[str, dict]:
    return _load_tree(root, "documents", "document", lines_of)


def load_programs(root: Path, lines_of: Lines) -> dict[str, dict]:
    programs = _load_tree(root, "programs", "program", lines_of)
    for program_id, program in programs.items():
        path, lines = lines_of[program_id]
        check_form_titles(program["form"], path, lines, "/form", field_node=False)
    return programs


def load_parts(root: Path, lines_of: Lines) -> dict[str, dict]:
    parts = {}
    for path in sorted((root / "parts").glob("*.yaml")):
        data, lines = _load(path, "part")
        check_form_titles(data, path, lines, "")
        parts[path.stem] = data
        lines_of[f"parts/{path.stem}"] = (path, lines)
    return parts


def load_jurisdictions(root: Path, lines_of: Lines) -> dict[str, dict]:
    path = root / "jurisdictions.yaml"
    data, lines = _load(path, "jurisdictions")
    lines_of["jurisdictions"] = (path, lines)
    jurisdictions: dict[str, dict] = {}
    for index, item in enumerate(data):
        if item["id"] in jurisdictions:
            raise DefinitionError(path, lines.get(f"/{index}/id"), f"/{index}/id", f"jurisdiction {item['id']!r} is listed twice")
        if item["parent"] is not None and item["parent"] not in jurisdictions:
            raise DefinitionError(
                path,
                lines.get(f"/{index}/parent"),
                f"/{index}/parent",
                f"parent {item['parent']!r} must be listed before {item['id']!r}",
            )
        jurisdictions[item["id"]] = item
    return jurisdictions


def _optional_list(root: Path, name: str, kind: str, lines_of: Lines) -> list[dict]:
    path = root / name
    if not path.is_file():
        return []
    data, lines = _load(path, kind)
    lines_of[kind] = (path, lines)
    return data


def load_changelog(root: Path, lines_of: Lines) -> list[dict]:
    """``changelog.yaml``: published schema versions (absent: none yet)."""
    return _optional_list(root, "changelog.yaml", "changelog", lines_of)


def load_glossary(root: Path, lines_of: Lines) -> list[dict]:
    """``glossary.yaml``: the one English rendering of each term (absent: nothing enforced)."""
    return _optional_list(root, "glossary.yaml", "glossary", lines_of)
