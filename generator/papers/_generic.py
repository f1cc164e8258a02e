"""The 申报表 of a program whose source publishes no form: laid out from its application schema.

A cover with the applying unit and the date, then one table per top-level part of the form
under that part's own title, a row per field (a row per field of each item of a list), choices
as ticked boxes. ``values`` is layout._Values: the application's values as the paper prints them.
"""

from __future__ import annotations


def generic_form(catalog: dict, program_id: str, values) -> list[dict]:
    """A 申报表 from the schema: a cover, then one table per top-level part, under its title."""
    title = f"{catalog['programs'][program_id]['title']['zh']}申报表"
    cover = [
        {"type": "title", "lines": [title]},
        {"type": "spacer", "lines": 3},
        {"type": "line", "label": "申报单位", "after": "（公章）", **values.cell("/unit/name")},
        {"type": "line", "label": values.title("/application_date") or "填报时间", **values.cell("/application_date")},
    ]
    body: list[dict] = []
    for name, raw in values.schema.get("properties", {}).items():
        if name == "program":
            continue
        node = raw
        body.append({"type": "heading", "text": node.get("x-title", {}).get("zh", name)})
        body.append({"type": "table", "columns": 2, "rows": _generic_rows(values, f"/{name}", node)})
    return [{"id": "form", "title": title, "pages": [cover, body]}]


def _generic_rows(values, pointer: str, node: dict) -> list[list[dict]]:
    if "properties" in node and "enum" not in node:
        rows = []
        for name, raw in node["properties"].items():
            rows += _generic_rows(values, f"{pointer}/{name}", raw)
        return rows
    item = node.get("items", {})
    if node.get("type") == "array" and "enum" in item:
        return [
            [
                {"kind": "label", "text": node.get("x-title", {}).get("zh", pointer), "span": 1, "rowspan": 1},
                values.choice(pointer, None) | {"span": 1, "rowspan": 1},
            ]
        ]
    if node.get("type") == "array" and "properties" in item:
        items = values.raw(pointer) or [None]
        rows = []
        for index in range(len(items)):
            for name in item["properties"]:
                sub = f"{pointer}/{index}/{name}"
                rows.append(
                    [
                        {
                            "kind": "label",
                            "text": f"{item.get('x-title', {}).get('zh', '')} {index + 1}：{values.title(sub)}",
                            "span": 1,
                            "rowspan": 1,
                        },
                        values.cell(sub) | {"span": 1, "rowspan": 1},
                    ]
                )
        return rows
    return [
        [
            {"kind": "label", "text": node.get("x-title", {}).get("zh", pointer), "span": 1, "rowspan": 1},
            values.cell(pointer) | {"span": 1, "rowspan": 1},
        ]
    ]
