"""What a meta-schema cannot say about a form: every field, however deep, is titled in both languages."""

from __future__ import annotations

from generator.errors import DefinitionError


def check_form_titles(node, path, lines, pointer, *, field_node: bool = True) -> None:
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
        check_form_titles(sub, path, lines, f"{pointer}/properties/{name}")
    if isinstance(node.get("items"), dict):
        check_form_titles(node["items"], path, lines, f"{pointer}/items", field_node="enum" not in node["items"])
