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

from generator.core.citations import citation
from generator.core.match import open_programs
from generator.core.money import format_amount
from generator.core.refs import resolve_ref
from generator.core.schema import application_schema
from generator.core.status import STATUS_TEXT, document_status
from generator.schemas.diff_report import rule_change_dates
from generator.schemas.vocabulary import PATH as VOCABULARY
from generator.schemas.vocabulary import render_vocabulary
from generator.schemas.write import render_schema
from generator.site._i18n import UI
from generator.site.checklist import materials_checklist
from generator.site.compare import comparison
from generator.site.diagrams import procedure_svg
from generator.site.finder import ended, finder_cards, finder_places, status_badge

LANGS = ("zh", "en")
GENERATED = (
    "index",
    "find",
    "validate",
    "programs",
    "documents",
    "jurisdictions",
    "schemas",
    "examples",
    "compare",
    "schema-reference",
    "changelog",
    "assets/vendor",
    "assets/diagrams.js",
)  # fmt: skip (assets/vendor and assets/diagrams.js: what older builds wrote, removed on rebuild)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


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
        # Compiled templates kept between builds, checked against their source's hash (as .pyc).
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.filters["paragraphs"] = lambda text: "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    env.filters["cell"] = lambda text: html.escape(str(text), quote=False).replace("|", "\\|").replace("\n", "<br>")
    env.filters["kebab"] = lambda name: re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()
    return env


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
                    "checklist": materials_checklist(catalog, program_id),
                },
            )
        )
    for doc_id, document in sorted(catalog["documents"].items()):
        pages.append((f"documents/{doc_id}", "document.md.j2", {"document": document}))
    for kind in sorted({p["kind"] for p in catalog["programs"].values()}):
        pages.append((f"compare/{kind}", "compare.md.j2", {"kind": kind, "table_kind": kind}))
    for program_id, program in sorted(catalog["programs"].items()):
        pages.append(
            (
                f"schema-reference/{program_id}",
                "schema_reference.md.j2",
                {
                    "program": program,
                    "fields": list(_schema_fields(application_schema(catalog, program_id))),
                },
            )
        )
    for jurisdiction_id, jurisdiction in catalog["jurisdictions"].items():
        ancestors = _ancestors(catalog, jurisdiction_id)
        pages.append(
            (
                f"jurisdictions/{jurisdiction_id}",
                "jurisdiction.md.j2",
                {
                    "jurisdiction": jurisdiction,
                    "ancestors": ancestors,
                    "open": [catalog["programs"][pid] for pid in open_programs(catalog, jurisdiction_id)],
                    "documents_here": [d for d in catalog["documents"].values() if d["jurisdiction"] == jurisdiction_id],
                    "inherited": [d for a in ancestors for d in catalog["documents"].values() if d["jurisdiction"] == a["id"]],
                },
            )
        )
    return pages


def _sections(catalog: dict, lang: str) -> list[tuple[str, dict]]:
    """Index pages of the folders, so the navigation shows names, not folder slugs."""
    t, name = UI[lang], lambda pair: pair[lang]
    jurisdictions = catalog["jurisdictions"]
    sections = []
    notes = {"documents": lambda d: d.get("number") or "", "programs": lambda p: t["level"][p["level"]]}
    for folder, note in notes.items():  # documents/ and programs/ are both grouped by jurisdiction
        held = {jid: [item for item in catalog[folder].values() if item["jurisdiction"] == jid] for jid in jurisdictions}
        listing = [{"title": name(j["name"]), "page": f"{folder}/{jid}/index"} for jid, j in jurisdictions.items() if held[jid]]
        sections.append((f"{folder}/index", {"heading": t[folder], "items": listing}))
        for jid, items in held.items():
            if items:
                entries = [{"title": name(i["title"]), "page": f"{folder}/{i['id']}", "note": note(i)} for i in items]
                sections.append((f"{folder}/{jid}/index", {"heading": name(jurisdictions[jid]["name"]), "items": entries}))
    kinds = sorted({p["kind"] for p in catalog["programs"].values()})
    sections += [
        ("jurisdictions/index", {
            "heading": t["jurisdictions"],
            "items": [{"title": name(j["name"]), "page": f"jurisdictions/{jid}"} for jid, j in jurisdictions.items()],
        }),
        ("compare/index", {"heading": t["compare"], "items": [{"title": t["kind"][k], "page": f"compare/{k}"} for k in kinds]}),
        ("schema-reference/index", {
            "heading": t["schema_reference"],
            "items": [
                {"title": name(p["title"]), "page": f"schema-reference/{pid}", "note": f"`{pid}`"}
                for pid, p in sorted(catalog["programs"].items())
            ],
        }),
    ]  # fmt: skip
    return sections


def _schema_fields(schema: dict):
    """Each field of a schema, depth first, with what a reader needs to fill it in."""

    def walk(node, pointer, required):
        node = resolve_ref(schema, node)
        for name, sub in node.get("properties", {}).items():
            field = resolve_ref(schema, sub)
            path = f"{pointer}/{name}"
            yield _describe(field, path, name in required)
            if field.get("type") == "object" or "properties" in field:
                yield from walk(field, path, set(field.get("required", [])))
            items = resolve_ref(schema, field.get("items", {})) if isinstance(field.get("items"), dict) else {}
            if "properties" in items:
                yield from walk(items, f"{path}/*", set(items.get("required", [])))

    yield from walk(schema, "", set(schema.get("required", [])))


def _describe(field: dict, pointer: str, required: bool) -> dict:
    items = field.get("items") if isinstance(field.get("items"), dict) else {}
    kind = field.get("type", "const" if "const" in field else "")
    enum = field.get("enum") or items.get("enum")
    titles = field.get("x-enum-titles", {})
    constraints = ["**必填 / required**"] if required else []
    for key in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems"):
        if key in field:
            constraints.append(f"{key}: {field[key]}")
    if "format" in field:
        constraints.append(f"format: {field['format']}")
    if "x-pattern-hint" in field:
        constraints.append(html.escape(f"{field['x-pattern-hint']['zh']} / {field['x-pattern-hint']['en']}"))
    if enum:
        constraints.append(
            html.escape(
                "; ".join(f"{v} ({titles[str(v)]['zh']} / {titles[str(v)]['en']})" if str(v) in titles else str(v) for v in enum)
            )
        )
    if "const" in field:
        constraints.append(f"= {html.escape(str(field['const']))}")
    example = (field.get("examples") or [""])[0]
    return {
        "pointer": pointer,
        "title": field.get("x-title", {"zh": pointer, "en": pointer}),
        "description": field.get("x-description"),
        "type": f"{kind} of {items.get('type', 'object')}" if kind == "array" else kind,
        "constraints": constraints,
        "example": example if isinstance(example, str) else str(example),
    }


def _clean(out: Path) -> None:
    for name in GENERATED:
        for path in (out / name, out / f"{name}.md", out / f"{name}.en.md"):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def write_pages(catalog: dict, out: Path, *, as_of: str | None = None, changelog: list | None = None) -> list[Path]:
    as_of = as_of or dt.date.today().isoformat()
    env = _environment()
    env.tests["ended"] = lambda program_id: ended(catalog, program_id, as_of)
    env.globals["changed_on"] = rule_change_dates(changelog or [])  # {(program, full rule id): (date, version)}
    _clean(out)
    pages = _pages(catalog)
    pages.append(("changelog", "changelog.md.j2", {"changelog": changelog or []}))
    doc_status = {doc_id: STATUS_TEXT[document_status(d, as_of)] for doc_id, d in catalog["documents"].items()}
    written = []
    sections = {lang: dict(_sections(catalog, lang)) for lang in LANGS}
    jobs = [(path, template, {lang: context for lang in LANGS}) for path, template, context in pages]
    jobs += [(path, "section.md.j2", {lang: sections[lang][path] for lang in LANGS}) for path in sections["zh"]]
    places = finder_places(catalog)
    tree = _tree(catalog)
    jobs.append(
        (
            "find",
            "find.md.j2",
            {lang: {"tree": tree, "places": places, "cards": finder_cards(catalog, as_of, lang, "../")} for lang in LANGS},
        )
    )
    for path, template_name, contexts in jobs:
        page = _Page(path)
        for lang in LANGS:
            text = _render(env, catalog, page, template_name, contexts[lang], lang, as_of, doc_status)
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
    (out / "schemas" / VOCABULARY).parent.mkdir(parents=True, exist_ok=True)  # the x- keywords' meta-schema
    (out / "schemas" / VOCABULARY).write_text(render_vocabulary(catalog["site_url"]), "utf-8")
    return written


def _render(env, catalog: dict, page: _Page, template_name: str, context: dict, lang: str, as_of: str, doc_status: dict) -> str:
    program = context.get("program") if template_name == "program.md.j2" else None
    return env.get_template(template_name).render(
        **context,
        lang=lang,
        other="en" if lang == "zh" else "zh",
        lang_tag="zh-Hans" if lang == "zh" else "en",
        other_tag="en" if lang == "zh" else "zh-Hans",
        t=UI[lang],
        as_of=as_of,
        documents=catalog["documents"],
        all_programs=catalog["programs"],
        all_jurisdictions=catalog["jurisdictions"],
        doc_status=doc_status,
        status=lambda program_id: status_badge(catalog, program_id, as_of, lang),
        is_ended=lambda program_id: ended(catalog, program_id, as_of),
        status_text=doc_status.get(context["document"]["id"]) if "document" in context else None,
        txt=lambda pair: pair[lang],
        paren=lambda text: f"（{text}）" if lang == "zh" else f" ({text})",  # full-width in Chinese text
        link_page=page.page,
        link_file=page.file,
        link_doc=lambda doc_id: page.page(f"documents/{doc_id}"),
        cite=lambda c: _cite(catalog, c, page, lang),
        money=lambda amount: format_amount(amount, lang),
        validator_url=page.directory_url(f"validate/?program={program['id']}") if program else "",
        table=comparison(catalog, context["table_kind"], lang) if "table_kind" in context else None,
        diagram=procedure_svg(program, lang, title=f"{UI[lang]['procedure']}: {program['title'][lang]}") if program else "",
    )


def _cite(catalog: dict, cite: dict, page: _Page, lang: str) -> str:
    """A Markdown link to the cited article, labelled as findings label it."""
    cited = citation(catalog, cite)
    if cited["basis"] == "form":  # a form-design check: its standard, never a borrowed article link
        return f'<span class="citation citation--form">{html.escape(cited["label"][lang])}</span>'
    document = catalog["documents"][cite["doc"]]
    name = cited["number"] or (document.get("short_title") or document["title"])[lang]
    part_id, article_id = cite["art"].split("/")
    return f"[{html.escape(name)} {html.escape(cited['label'][lang])}]({page.page(f'documents/{cite["doc"]}')}#{part_id}-{article_id})"
