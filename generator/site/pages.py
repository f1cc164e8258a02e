"""The site's pages, generated from the catalogue in both languages.

Each page is rendered from a jinja2 template once per language and written as
``<path>.md`` (Chinese, the default) and ``<path>.en.md`` (mkdocs-static-i18n's suffix
layout). Schemas and examples are copied next to the pages so the site serves them at
stable URLs. Nothing here is written by hand: edit ``policies/`` or the templates.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import shutil
from pathlib import Path

import jinja2

from generator.core.status import STATUS_TEXT, document_status
from generator.site._i18n import UI
from generator.site.schemas import render_schema

LANGS = ("zh", "en")
GENERATED = ("index", "validate", "programs", "documents", "jurisdictions", "schemas", "examples")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class _OptionalUndefined(jinja2.StrictUndefined):
    """A missing optional key tests false and iterates empty, but never prints as ''."""

    __bool__ = lambda self: False  # noqa: E731
    __iter__ = lambda self: iter(())  # noqa: E731


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=False,  # Markdown output; HTML fragments are escaped by the filters below
        undefined=_OptionalUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paragraphs"] = lambda text: "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    env.filters["cell"] = lambda text: html.escape(str(text), quote=False).replace("|", "\\|").replace("\n", "<br>")
    env.filters["kebab"] = lambda name: re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()
    return env


def _money(amount: dict, lang: str) -> str:
    low, high = amount["min"], amount["max"]
    if lang == "zh":
        fmt = lambda v: f"{v / 10000:g}"  # noqa: E731 (a one-line formatter reads best inline)
        return f"{fmt(low)}万元" if low == high else f"{fmt(low)}–{fmt(high)}万元"
    return f"{low:,} yuan" if low == high else f"{low:,}–{high:,} yuan"


class _Page:
    """Link helpers relative to one page, as mkdocs resolves Markdown links."""

    def __init__(self, path: str):
        self.path = path
        self.folder = posixpath.dirname(path)

    def page(self, target: str) -> str:
        return posixpath.relpath(f"{target}.md", self.folder or ".")

    def file(self, target: str) -> str:
        return posixpath.relpath(target, self.folder or ".")

    def directory_url(self, target: str) -> str:
        """A link to another page's URL with a query string (mkdocs leaves it as written)."""
        depth = self.path.count("/") + (0 if self.path.endswith("index") else 1)
        return "../" * depth + target


def _ancestors(catalog: dict, jurisdiction_id: str) -> list[dict]:
    chain, parent = [], catalog["jurisdictions"][jurisdiction_id].get("parent")
    while parent:
        chain.insert(0, catalog["jurisdictions"][parent])
        parent = catalog["jurisdictions"][parent].get("parent")
    return chain


def _tree(catalog: dict) -> list[dict]:
    return [
        {
            **jurisdiction,
            "depth": len(_ancestors(catalog, jurisdiction_id)),
            "programs": [p for p in catalog["programs"].values() if p["jurisdiction"] == jurisdiction_id],
            "documents": [d for d in catalog["documents"].values() if d["jurisdiction"] == jurisdiction_id],
        }
        for jurisdiction_id, jurisdiction in catalog["jurisdictions"].items()
    ]


def _pages(catalog: dict) -> list[tuple[str, str, dict]]:
    """``(page path, template, context)`` for every generated page."""
    pages = [("index", "index.md.j2", {"tree": _tree(catalog)})]
    programs = [{"id": pid, "title": p["title"]} for pid, p in sorted(catalog["programs"].items())]
    pages.append(("validate", "validate.md.j2", {"programs": programs}))
    for program_id, program in sorted(catalog["programs"].items()):
        pages.append(
            (
                f"programs/{program_id}",
                "program.md.j2",
                {
                    "program": program,
                    "jurisdiction": catalog["jurisdictions"][program["jurisdiction"]],
                },
            )
        )
    for doc_id, document in sorted(catalog["documents"].items()):
        pages.append((f"documents/{doc_id}", "document.md.j2", {"document": document}))
    for jurisdiction_id, jurisdiction in catalog["jurisdictions"].items():
        ancestors = _ancestors(catalog, jurisdiction_id)
        pages.append(
            (
                f"jurisdictions/{jurisdiction_id}",
                "jurisdiction.md.j2",
                {
                    "jurisdiction": jurisdiction,
                    "ancestors": ancestors,
                    "programs": [p for p in catalog["programs"].values() if p["jurisdiction"] == jurisdiction_id],
                    "documents_here": [d for d in catalog["documents"].values() if d["jurisdiction"] == jurisdiction_id],
                    "inherited": [d for a in ancestors for d in catalog["documents"].values() if d["jurisdiction"] == a["id"]],
                },
            )
        )
    return pages


def _clean(out: Path) -> None:
    for name in GENERATED:
        for path in (out / name, out / f"{name}.md", out / f"{name}.en.md"):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def write_pages(catalog: dict, out: Path, *, as_of: str | None = None) -> list[Path]:
    as_of = as_of or dt.date.today().isoformat()
    env = _environment()
    _clean(out)
    doc_status = {doc_id: STATUS_TEXT[document_status(d, as_of)] for doc_id, d in catalog["documents"].items()}
    written = []
    for path, template_name, context in _pages(catalog):
        page = _Page(path)
        for lang in LANGS:
            other = "en" if lang == "zh" else "zh"
            program = context.get("program")
            text = env.get_template(template_name).render(
                **context,
                lang=lang,
                other=other,
                lang_tag="zh-Hans" if lang == "zh" else "en",
                other_tag="en" if lang == "zh" else "zh-Hans",
                t=UI[lang],
                as_of=as_of,
                documents=catalog["documents"],
                doc_status=doc_status,
                status_text=doc_status.get(context["document"]["id"]) if "document" in context else None,
                txt=lambda pair, lang=lang: pair[lang],
                link_page=page.page,
                link_file=page.file,
                link_doc=lambda doc_id, page=page: page.page(f"documents/{doc_id}"),
                cite=lambda c, page=page, lang=lang: _cite(catalog, c, page, lang),
                money=lambda amount, lang=lang: _money(amount, lang),
                validator_url=page.directory_url(f"validate/?program={program['id']}") if program else "",
            )
            target = out / (f"{path}.md" if lang == "zh" else f"{path}.en.md")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
            written.append(target)
    for program_id in catalog["programs"]:
        schema_path = out / "schemas" / f"{program_id}.schema.json"
        schema_path.parent.mkdir(parents=True, exist_ok=True)
        schema_path.write_text(render_schema(catalog, program_id), "utf-8")
        examples = EXAMPLES / program_id
        if examples.is_dir():
            shutil.copytree(examples, out / "examples" / program_id)
    return written


def _cite(catalog: dict, cite: dict, page: _Page, lang: str) -> str:
    document = catalog["documents"][cite["doc"]]
    part_id, article_id = cite["art"].split("/")
    part = next(p for p in document["parts"] if p["id"] == part_id)
    article = next(a for a in part["articles"] if a["id"] == article_id)
    clause = cite.get("clause", "")
    if lang == "zh":
        label = article["label"]["zh"] + (f"第{clause}项" if clause.isdigit() else clause)
    else:
        label = article["label"]["en"] + (f" {clause}" if clause else "")
    name = (
        document.get("number")
        or (document.get("cited_number") or {}).get("value")
        or (document.get("short_title") or document["title"])[lang]
    )
    return f"[{html.escape(name)} {html.escape(label)}]({page.page(f'documents/{cite["doc"]}')}#{part_id}-{article_id})"
