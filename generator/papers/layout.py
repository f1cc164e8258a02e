"""The papers an applicant files, as layout data: pages of headings, lines and tables of cells.

A published form is described once in ``forms/<program id>.json`` (which cell sits where, read
off the annex); every fixed word on it is taken from, or checked against, the document's own
text in the catalogue, so the papers say exactly what the source prints. A program whose source
publishes no form gets a 申报表 laid out from its application schema, under the schema's own
headings. The result is plain JSON: ``web/papers.mjs`` turns it into the print page and the
.docx, in the browser and under Node for ``policy-site papers``, so there is one renderer.

Every field the layout names appears: a value the application lacks is a blank left to fill
in by hand (``blank: true``, listed in ``blanks`` for the page and the CLI to name), never left
out and never a printed "not filled in" on the official form. An application with errors is
stamped as not ready to file unless the applicant asks for a draft. Dates print the Chinese way
(2026年12月7日, 1972年5月), and a small footer names the rules the paper was checked against.
"""

from __future__ import annotations

import re

from generator.core.dates import chinese as chinese_date
from generator.core.dates import normalise as normalise_dates
from generator.core.pointers import split_pointer
from generator.core.schema import application_schema, field_at, resolved_schema
from generator.papers._footer import file_name, footer
from generator.papers._generic import generic_form
from generator.papers.published_forms import published_forms

# 小四号 is 12 pt: the size Hohhot's form names, and the usual size of Chinese official forms.
SIZES_PT = {"小四": 12, "四号": 14, "五号": 10.5, "小三": 15, "三号": 16}
DEFAULT_STYLE = {"font": "仿宋", "size": "小四", "line_pt": None, "paper": "A4"}
# How the named typeface is found on Windows, macOS and Linux, in that order of preference.
FONT_STACKS = {
    "仿宋": ["FangSong", "仿宋", "STFangsong", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", "serif"],
}
STAMP = {"zh": "未通过核验，不宜报送", "en": "Not ready to file: the check found errors"}
DRAFT = {"zh": "草稿（未通过核验）", "en": "Draft (the check found errors)"}
CHECKED, UNCHECKED = "☑", "☐"


class FormLayoutError(Exception):
    """A form layout in generator/papers/forms/ that does not match its program or source."""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _Source:
    """The words of one document, for quoting its lines and checking a layout's labels."""

    def __init__(self, catalog: dict, doc_id: str):
        self.doc_id = doc_id
        document = catalog["documents"][doc_id]
        self.articles: dict[str, str] = {}
        words: list[str] = []
        for part in document["parts"]:
            words.append(part["title"]["zh"])
            for article in part.get("articles", []):
                self.articles[f"{part['id']}/{article['id']}"] = article.get("zh", "")
                words += [article.get("zh", ""), article.get("label", {}).get("zh", "")]
        self.words = _squash("\n".join(words))

    def lines(self, art: str, numbers: list[int] | None = None) -> list[str]:
        if art not in self.articles:
            raise FormLayoutError(f"{self.doc_id} has no article {art}: fix the form layout")
        lines = [line.strip() for line in self.articles[art].splitlines()]
        return lines if numbers is None else [lines[n] for n in numbers]

    def verbatim(self, text: str) -> str:
        if _squash(text) not in self.words:
            raise FormLayoutError(f"{text!r} is not printed in {self.doc_id}: a form layout quotes its source")
        return text


class _Values:
    """The application's values as the paper prints them: choices by their titles, 是/否."""

    def __init__(self, schema: dict, application: object):
        self.schema = schema
        self.application = application if isinstance(application, dict) else {}
        self.blanks: list[dict] = []

    def raw(self, pointer: str) -> object:
        values = [self.application]
        for token in split_pointer(pointer):
            found = []
            for value in values:
                if token == "*" and isinstance(value, list):
                    found += value
                elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
                    found.append(value[int(token)])
                elif isinstance(value, dict) and token in value:
                    found.append(value[token])
            values = found
        if "*" in split_pointer(pointer):
            return values or None
        return values[0] if values else None

    def field(self, pointer: str) -> dict:
        return field_at(self.schema, pointer.replace("/*", "/0")) or {}

    def title(self, pointer: str) -> str:
        return self.field(pointer).get("x-title", {}).get("zh", split_pointer(pointer)[-1] if pointer else "")

    def text(self, pointer: str, value: object = None, node: dict | None = None) -> str:
        """The value as printed; "" when there is none."""
        value = self.raw(pointer) if value is None and node is None else value
        node = self.field(pointer) if node is None else node
        if value is None or value == "" or value == []:
            return ""
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, int | float):
            return str(int(value)) if float(value).is_integer() else str(value)
        if isinstance(value, str):
            titles = node.get("x-enum-titles") or {}
            return titles[value]["zh"] if value in titles else chinese_date(value, node)
        if isinstance(value, list):
            item = node.get("items", {}) if node else {}
            if "x-enum-titles" in node and "x-enum-titles" not in item:
                item = {**item, "x-enum-titles": node["x-enum-titles"]}
            texts = [self.text("", v, item) for v in value]
            separator = "\n" if any(isinstance(v, dict) for v in value) else "、"
            return separator.join(t for t in texts if t)
        if isinstance(value, dict):
            parts = []
            for name, sub in value.items():
                child = node.get("properties", {}).get(name, {})
                parts.append(self.text("", sub, child))
            parts = [p for p in parts if p]
            return f"{parts[0]}（{'，'.join(parts[1:])}）" if len(parts) > 1 else "".join(parts)
        return str(value)

    def cell(self, pointer: str, **extra) -> dict:
        text = self.text(pointer)
        cell = {"kind": "value", "pointer": pointer, "text": text, "blank": text == "", **extra}
        if cell["blank"]:
            self.blanks.append({"pointer": pointer, "label": self.field(pointer).get("x-title", {"zh": pointer, "en": pointer})})
        return cell

    def choice(self, pointer: str, other: str | None) -> dict:
        """Every option with ☑ or ☐, as the form prints its tick boxes; 其他 with its blank."""
        node = self.field(pointer)
        value = self.raw(pointer)
        many = node.get("type") == "array"  # a list of choices: every ticked option
        if many:
            node = {
                **node.get("items", {}),
                "x-enum-titles": node.get("x-enum-titles") or node.get("items", {}).get("x-enum-titles", {}),
            }
        options = [True, False] if node.get("type") == "boolean" else node.get("enum", [])
        texts = []
        for option in options:
            ticked = option in value if many and isinstance(value, list) else value == option
            mark = CHECKED if ticked else UNCHECKED
            words = self.text("", option, node)
            if other and option == "other":
                words += self.text(other) or "_____"
            texts.append(f"{mark}{words}")
        cell = {"kind": "value", "pointer": pointer, "text": ("\n" if many else " ").join(texts), "blank": value is None}
        if value is None:
            self.blanks.append({"pointer": pointer, "label": self.field(pointer).get("x-title", {"zh": pointer, "en": pointer})})
        return cell


def _rows(table: dict, values: _Values, source: _Source) -> list[list[dict]]:
    """The table's rows with every span explicit: the last cell of a row fills it."""
    columns = table["columns"]
    rows: list[list[dict]] = []
    for spec in table["rows"]:
        if isinstance(spec, dict):  # one row per item of an array, under a group label
            items = values.raw(spec["repeat"]) or [None]
            for index in range(len(items)):
                cells = [{"label": spec["group"], "rowspan": len(items)}] if index == 0 and spec.get("group") else []
                for cell in spec["cells"]:
                    if "field" in cell:
                        cell = {**cell, "field": f"{spec['repeat']}/{index}{cell['field']}"}
                    if "label" in cell:
                        # The form prints "1." for the first of "1. … n."; later rows number on.
                        cell = {
                            **cell,
                            "label": cell["label"].replace("{n}", str(index + 1)),
                            "printed": cell["label"].replace("{n}", "1"),
                        }
                    cells.append(cell)
                rows.append(cells)
        else:
            rows.append(spec)
    occupied = [0] * columns  # rows still covered by a rowspan above, per column
    laid: list[list[dict]] = []
    for row in rows:
        out = [_cell(spec, values, source) | {"rowspan": spec.get("rowspan", 1)} for spec in row]
        for cell, span in zip(out, _spans(row, sum(1 for c in occupied if c == 0)), strict=True):
            if span < 1:
                raise FormLayoutError(f"a row of {table['table']} has more cells than {columns} columns: {row}")
            cell["span"] = span
        # The columns this row's cells take, left to right, skipping those a rowspan covers.
        column = 0
        for cell in out:
            while occupied[column]:
                column += 1
            for c in range(column, column + cell["span"]):
                occupied[c] = cell["rowspan"]
            column += cell["span"]
        occupied = [max(0, c - 1) for c in occupied]
        laid.append(out)
    return laid


def _spans(row: list[dict], free: int) -> list[int]:
    """Columns per cell: as the layout says; a label without one takes 1, and the value cells
    without one share what is left (the first ones a column more), else the last cell does."""
    spans = [spec.get("span", 1 if "label" in spec else 0) for spec in row]
    flexible = [i for i, spec in enumerate(row) if "span" not in spec and "label" not in spec]
    left = free - sum(spans)
    if flexible:
        for n, i in enumerate(flexible):
            spans[i] = left // len(flexible) + (1 if n < left % len(flexible) else 0)
    else:
        spans[-1] += left
    return spans


def _cell(spec: dict, values: _Values, source: _Source) -> dict:
    extra = {key: spec[key] for key in ("lines",) if key in spec}
    if "sign" in spec:
        extra["sign"] = [source.verbatim(line) for line in spec["sign"]]
    if "note" in spec:
        extra["note"] = source.lines(spec["note"]["quote"])
    if "label" in spec:
        source.verbatim(spec.get("printed", spec["label"]))
        return {"kind": "label", "text": spec["label"], **extra}
    if "choice" in spec:
        return values.choice(spec["choice"], spec.get("other")) | extra
    if "field" in spec:
        if "unit" in spec and spec["unit"] not in values.title(spec["field"]):
            raise FormLayoutError(f"the unit {spec['unit']} is not in the title of {spec['field']}")
        cell = values.cell(spec["field"], **extra)
        if "unit" in spec and not cell["blank"]:
            cell["text"] += spec["unit"]
        return cell
    return {"kind": "sign", "text": "", **extra}


def _block(spec: dict, values: _Values, source: _Source) -> list[dict]:
    if "annex" in spec:
        return [{"type": "annex", "text": source.verbatim(spec["annex"])}]
    if "title" in spec:
        return [{"type": "title", "lines": [source.verbatim(line) for line in spec["title"]]}]
    if "spacer" in spec:
        return [{"type": "spacer", "lines": spec["spacer"]}]
    if "text" in spec:
        return [
            {
                "type": "paragraph",
                "text": source.verbatim(spec["text"]),
                "align": spec.get("align", "left"),
                "heading": spec.get("heading", False),
            }
        ]
    if "quote" in spec:
        return [
            {
                "type": "paragraph",
                "text": line,
                "align": spec.get("align", "left"),
                "indent": spec.get("indent", False),
                "heading": spec.get("heading", False),
            }
            for line in source.lines(spec["quote"], spec.get("lines"))
        ]
    if "facts" in spec:  # label：value lines, the data the form already holds
        return [{"type": "facts", "rows": [_fact(fact, values, source) for fact in spec["facts"]]}]
    if "write" in spec:  # ruled lines left for the applicant to write on
        return [{"type": "write", "lines": spec["write"]}]
    if "to" in spec:  # a letter's addressee
        return [{"type": "paragraph", "text": source.verbatim(spec["to"]) + "：", "align": "left", "heading": False}]
    if "line" in spec:
        cell = values.cell(spec["field"])
        return [{"type": "line", "label": source.verbatim(spec["line"]), "after": source.verbatim(spec.get("after", "")), **cell}]
    if "table" in spec:
        return [{"type": "table", "columns": spec["columns"], "rows": _rows(spec, values, source)}]
    raise FormLayoutError(f"unknown block in a form layout: {spec}")


def _fact(spec: dict, values: _Values, source: _Source) -> dict:
    if "unit" in spec and spec["unit"] not in values.title(spec["field"]):
        raise FormLayoutError(f"the unit {spec['unit']} is not in the title of {spec['field']}")
    cell = values.cell(spec["field"])
    if "unit" in spec and not cell["blank"]:
        cell["text"] += spec["unit"]
    return {"label": source.verbatim(spec["label"]), **cell}


def _style(style: dict | None) -> dict:
    stated = dict(style or {})
    merged = {**DEFAULT_STYLE, **{k: v for k, v in stated.items() if v is not None}}
    merged["size_pt"] = SIZES_PT[merged["size"]]
    merged["font_stack"] = FONT_STACKS[merged["font"]]
    merged["stated"] = {key: stated.get(key) is not None for key in ("font", "size", "line_pt", "paper")}
    return merged


def _published(catalog: dict, form: dict, values: _Values) -> tuple[list[dict], dict]:
    source = _Source(catalog, form["doc"])
    style = _style(form["style"])
    if form["style"].get("quote"):
        style["quote"] = source.verbatim(form["style"]["quote"])
        style["cite"] = {"doc": form["doc"], **form["style"]["cite"]}
    documents = []
    for document in form["documents"]:
        # A document the source only names (the 单位推荐报告 of 第八条) carries its own title.
        part = next((p for p in catalog["documents"][form["doc"]]["parts"] if p["id"] == document["id"]), None)
        title = source.verbatim(document["title"]) if "title" in document else part["title"]["zh"]
        pages = [[b for spec in page for b in _block(spec, values, source)] for page in document["pages"]]
        documents.append({"id": document["id"], "title": title, "pages": pages})
    return documents, style


def papers_layout(
    catalog: dict,
    program_id: str,
    application: object,
    counts: dict,
    *,
    draft: bool = False,
    as_of: str | None = None,
) -> dict:
    """The layout of the papers for one application, given the check's ``counts`` as of ``as_of``."""
    schema = resolved_schema(application_schema(catalog, program_id))
    application, _ = normalise_dates(schema, application)  # 1972年5月 as typed, 1972-05 as stored
    values = _Values(schema, application)
    form = published_forms().get(program_id)
    if form:
        documents, style = _published(catalog, form, values)
    else:
        documents, style = generic_form(catalog, program_id, values), _style(None)
    errors = counts.get("error", 0)
    as_of = as_of or None
    return {
        "program": program_id,
        "title": catalog["programs"][program_id]["title"],
        "published": form is not None,
        "file": file_name(
            _Source(catalog, form["doc"]).verbatim(form["file"]) if form else documents[0]["title"], values.raw("/unit/name")
        ),
        "style": style,
        "stamp": (DRAFT if draft else STAMP) if errors else None,
        "draft": bool(draft and errors),
        "footer": footer(catalog, program_id, counts, as_of),
        "blanks": list({blank["pointer"]: blank for blank in values.blanks}.values()),
        "documents": documents,
    }
