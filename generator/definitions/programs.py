"""Checks that tie programs to documents, parts and their own forms.

The meta-schema checks each file's shape; these check what crosses files: documents and
extended programs exist, every citation resolves, every path a rule reads exists in the
program's form, every form field has a zh and an en title.
"""

from __future__ import annotations

from generator.core.rules import locate_pointers
from generator.core.schema import application_schema, field_at
from generator.definitions._yaml import load_yaml
from generator.errors import DefinitionError


def load_jurisdictions(corpus) -> dict[str, dict]:
    path = corpus.root / "jurisdictions.yaml"
    data, lines = load_yaml(path)
    jurisdictions = {}
    for index, item in enumerate(data):
        if item.get("parent") and item["parent"] not in jurisdictions:
            raise DefinitionError(
                path,
                lines.get(f"/{index}/parent"),
                f"/{index}/parent",
                f"parent {item['parent']!r} must be listed before {item['id']!r}",
            )
        jurisdictions[item["id"]] = item
    return jurisdictions


def load_parts(corpus) -> dict[str, dict]:
    parts = {}
    for path in sorted((corpus.root / "parts").glob("*.yaml")):
        data, lines = load_yaml(path)
        _check_titles(data, path, lines, "")
        parts[path.stem] = data
        corpus.lines[f"parts/{path.stem}"] = (path, lines)
    return parts


def _check_titles(node, path, lines, pointer, *, field_node: bool = True):
    """Every field of a form carries a ``{zh, en}`` title (and description, when given)."""
    if not isinstance(node, dict):
        return
    for key in ("title", "description"):
        value = node.get(key)
        if value is not None and not (isinstance(value, dict) and value.get("zh") and value.get("en")):
            raise DefinitionError(path, lines.get(f"{pointer}/{key}"), f"{pointer}/{key}", f"{key} needs both zh and en texts")
        if isinstance(value, dict) and set(value) != {"zh", "en"}:
            extra = ", ".join(repr(k) for k in sorted(set(value) - {"zh", "en"}, key=str))
            raise DefinitionError(
                path, lines.get(f"{pointer}/{key}"), f"{pointer}/{key}",
                f"{key} has keys besides zh and en ({extra}): quote a text with a comma inside {{…}}",
            )  # fmt: skip
    if "\\d" in node.get("pattern", ""):
        raise DefinitionError(
            path,
            lines.get(f"{pointer}/pattern"),
            f"{pointer}/pattern",
            r"write [0-9], not \d: in Python \d also matches non-ASCII digits",
        )
    if field_node and "title" not in node and "$ref" not in node:
        raise DefinitionError(path, lines.get(pointer), pointer or "/", "every form field needs a title {zh, en}")
    for name, sub in (node.get("properties") or {}).items():
        _check_titles(sub, path, lines, f"{pointer}/properties/{name}")
    if isinstance(node.get("items"), dict):
        _check_titles(node["items"], path, lines, f"{pointer}/items", field_node="enum" not in node["items"])


def _pointers(check: dict, pointer: str):
    yield from locate_pointers(check, pointer)


def check_programs(corpus) -> None:
    from generator.definitions.catalog import build_catalog
    from generator.definitions.load import _walk_citations

    corpus.parts = load_parts(corpus)
    for program_id, program in corpus.programs.items():
        path, lines = corpus.lines[program_id]
        for index, doc_id in enumerate(program["documents"]):
            if doc_id not in corpus.documents:
                raise DefinitionError(
                    path,
                    lines.get(f"/documents/{index}"),
                    f"/documents/{index}",
                    f"names document {doc_id!r}, which policies/documents/ does not hold",
                )
        for index, other in enumerate(program.get("extends", [])):
            if other not in corpus.programs:
                raise DefinitionError(
                    path,
                    lines.get(f"/extends/{index}"),
                    f"/extends/{index}",
                    f"extends program {other!r}, which policies/programs/ does not hold",
                )
        if program["jurisdiction"] not in corpus.jurisdictions:
            raise DefinitionError(
                path,
                lines.get("/jurisdiction"),
                "/jurisdiction",
                f"unknown jurisdiction {program['jurisdiction']!r}: add it to policies/jurisdictions.yaml",
            )
        _walk_citations(corpus, program_id, program)
        _check_titles(program["form"], path, lines, "/form", field_node=False)
    catalog = build_catalog(corpus, site_url="https://example.invalid/")
    for program_id in corpus.programs:
        path, lines = corpus.lines[program_id]
        try:
            schema = application_schema(catalog, program_id)
        except KeyError as error:
            raise DefinitionError(
                path, lines.get("/form"), "/form", f"references part {error.args[0]!r}, which policies/parts/ does not hold"
            ) from None
        for rule in catalog["programs"][program_id]["all_rules"]:
            owner_path, owner_lines = corpus.lines[rule["program"]]
            checks = [({"_": {"path": rule["when"]["path"]}}, "/when")] if "when" in rule else []
            if "check" in rule:
                checks.append((rule["check"], "/check"))
            if "path" in rule:
                checks.append(({"_": {"path": rule["path"]}}, ""))
            for check, at in checks:
                for target, where in _pointers(check, f"/rules/{rule['index']}{at}"):
                    if field_at(schema, target) is None:
                        where = where.replace("/_/", "/")
                        raise DefinitionError(
                            owner_path,
                            owner_lines.get(where, owner_lines.get(f"/rules/{rule['index']}")),
                            where,
                            f"rule {rule['id']!r} reads {target}, which the form of {program_id} does not define",
                        )
