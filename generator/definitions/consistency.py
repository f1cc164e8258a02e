"""Checks across files, run once every file is loaded (``loaders.py``) and shaped right.

Documents against their sources; every citation resolves and rests on words its article
holds; programs name documents, programs and jurisdictions that exist; every path a rule
reads is a field of the program's form; English texts keep the glossary's terms.
Every problem is a DefinitionError naming the file, line and field to fix.
"""

from __future__ import annotations

import re

from generator.core.reads import locate_pointers
from generator.core.schema import application_schema, field_at
from generator.definitions.fidelity import normalize, source_problems
from generator.errors import DefinitionError

# A rule check's thresholds: the figures its article must print (``last`` counts rows, not a threshold).
_FIGURE_KEYS = ("value", "min", "max")


def article_index(document: dict) -> dict[str, dict]:
    """``part/article`` -> article, for citation look-ups."""
    return {f"{part['id']}/{article['id']}": article for part in document["parts"] for article in part["articles"]}


def _fail(corpus, owner: str, pointer: str, problem: str):
    path, line = corpus.line_of(owner, pointer)
    raise DefinitionError(path, line, pointer or "/", problem)


def check_documents(corpus, *, check_sources: bool = True) -> None:
    """Article ids unique per document, jurisdictions known, and (optionally) each source held exactly."""
    by_source: dict[str, list[dict]] = {}
    for doc_id, document in corpus.documents.items():
        if corpus.jurisdictions and document["jurisdiction"] not in corpus.jurisdictions:
            _fail(
                corpus,
                doc_id,
                "/jurisdiction",
                f"unknown jurisdiction {document['jurisdiction']!r}: add it to policies/jurisdictions.yaml",
            )
        by_source.setdefault(document["source"], []).append(document)
        seen = set()
        for part_index, part in enumerate(document["parts"]):
            for index, article in enumerate(part["articles"]):
                key = f"{part['id']}/{article['id']}"
                if key in seen:
                    _fail(corpus, doc_id, f"/parts/{part_index}/articles/{index}/id", f"article {key} appears twice")
                seen.add(key)
    if not check_sources:
        return
    for source, documents in sorted(by_source.items()):
        source_path = corpus.root / "sources" / source
        if not source_path.is_file():
            _fail(corpus, documents[0]["id"], "/source", f"no source file {source_path}")
        problems = source_problems(source_path.read_text("utf-8"), documents)
        if problems:
            listing = "\n  - ".join(problems[:15])
            more = f"\n  (+{len(problems) - 15} more)" if len(problems) > 15 else ""
            _fail(corpus, documents[0]["id"], "/parts", f"text differs from sources/{source}:\n  - {listing}{more}")


def resolve_citation(corpus, citation: dict, owner: str, pointer: str) -> dict:
    """The cited article; a DefinitionError naming the citing file and line if it does not exist."""
    document = corpus.documents.get(citation["doc"])
    if document is None:
        _fail(corpus, owner, pointer, f"cites document {citation['doc']!r}, which policies/documents/ does not hold")
    article = article_index(document).get(citation["art"])
    if article is None:
        _fail(corpus, owner, pointer, f"cites {citation['art']!r}, which document {citation['doc']} does not have")
    if "clause" in citation and clause_text(normalize(article["zh"]), citation["clause"]) is None:
        _fail(
            corpus, owner, pointer, f"cites clause {citation['clause']!r} of {citation['art']}, which that article does not print"
        )
    return article


def check_citations(corpus, item_id: str, node, pointer: str = "") -> None:
    """Every ``{doc, art}`` anywhere in an item names an article the corpus holds."""
    if isinstance(node, dict):
        if "doc" in node and "art" in node and isinstance(node.get("art"), str):
            resolve_citation(corpus, node, item_id, pointer)
        for key, value in node.items():
            check_citations(corpus, item_id, value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            check_citations(corpus, item_id, value, f"{pointer}/{index}")


def figures(check: dict) -> list[str]:
    """The thresholds of a check as an article prints them: 50, 1000, 16 (of 1:16)."""
    found: list[str] = []
    for params in check.values():
        if isinstance(params, list):
            for sub in params:
                found.extend(figures(sub))
            continue
        for key in _FIGURE_KEYS:
            value = params.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                found.append(f"{value:g}")
    return found


_NUMERALS = "一二三四五六七八九十"
_ZH_ITEM = re.compile(r"（[一二三四五六七八九十]+）")
_DIGIT_ITEM = re.compile(r"[（(][0-9]+[）)]")


def _item_marks(number: int) -> str:
    """How item ``number`` is printed: 4. / 4． / 4、 / 4，or 四、 (a numbered list of instructions)."""
    numeral = _NUMERALS[number - 1] if 0 < number <= len(_NUMERALS) else "-"
    return rf"(?<![0-9]){number}[.．、]|(?<![一二三四五六七八九十]){numeral}、"


def clause_text(text: str, clause: str) -> str | None:
    """The part of an article's (normalized) text a clause such as （二）, （3）, 4 or （一）2 names.

    None when the article does not print that clause: a citation must name a clause its article has.
    """
    match = re.fullmatch(r"(（[一二三四五六七八九十]+）|[（(][0-9]+[）)])?([0-9]+)?\.?", clause)
    if not match or not any(match.groups()):
        return None
    item, number = match.groups()
    if item:
        start = text.find(item)
        if start < 0:
            return None
        family = _DIGIT_ITEM if item[1].isdigit() else _ZH_ITEM
        following = family.search(text, start + len(item))
        text = text[start : following.start() if following else len(text)]
    if number:
        found = re.search(_item_marks(int(number)), text)
        if not found:
            return None
        following = re.search(_item_marks(int(number) + 1), text[found.end() :])
        text = text[found.start() : found.end() + following.start() if following else len(text)]
    return text


def _check_quote(corpus, program_id: str, index: int, rule: dict) -> None:
    """A rule rests on words of its article: ``quote`` is in the article, and holds the check's figures.

    A form-design check (``cite: {basis: form, standard: …}``) cites no article and quotes nothing.
    """
    at = f"/rules/{index}"
    if rule["cite"].get("basis") == "form":
        if "quote" in rule:
            _fail(
                corpus,
                program_id,
                f"{at}/quote",
                "a form check (basis: form) rests on its standard, not on an article: drop the quote",
            )
        return
    if "quote" not in rule:
        _fail(corpus, program_id, at, f"rule {rule['id']!r} needs a quote: the words of {rule['cite']['art']} it rests on")
    article = resolve_citation(corpus, rule["cite"], program_id, f"{at}/cite")
    quote = normalize(rule["quote"])
    if quote not in normalize(article["zh"]):
        _fail(
            corpus,
            program_id,
            f"{at}/quote",
            f"quote {rule['quote']!r} is not in {rule['cite']['doc']} {rule['cite']['art']}: cite the article that says it",
        )
    clause = rule["cite"].get("clause")
    if clause is not None:  # resolve_citation has made sure the article prints the clause
        held = clause_text(normalize(article["zh"]), clause)
        if quote not in held:
            _fail(
                corpus, program_id, f"{at}/quote", f"quote {rule['quote']!r} is not in clause {clause} of {rule['cite']['art']}"
            )
    for figure in figures(rule.get("check", {})) if "check" in rule else ():
        if not re.search(rf"(?<![0-9.]){re.escape(figure)}(?![0-9])", quote):
            _fail(corpus, program_id, f"{at}/quote", f"the check's figure {figure} is not in the quoted words {rule['quote']!r}")


def _rules_with_owners(corpus, program_id: str, seen: tuple[str, ...] = ()):
    """``(owner, index, rule)`` for the program's own rules, then those of the programs it extends."""
    if program_id in seen:
        return
    for index, rule in enumerate(corpus.programs[program_id]["rules"]):
        yield program_id, index, rule
    for other in corpus.programs[program_id].get("extends", []):
        yield from _rules_with_owners(corpus, other, (*seen, program_id))


def _check_rule_paths(corpus, program_id: str, schema: dict) -> None:
    """Every pointer a rule reads (its own or an extended program's) is a field of this program's form."""
    for owner, index, rule in _rules_with_owners(corpus, program_id):
        checks = [({"_": {"path": rule["when"]["path"]}}, "/when")] if "when" in rule else []
        if "check" in rule:
            checks.append((rule["check"], "/check"))
        if "path" in rule:
            checks.append(({"_": {"path": rule["path"]}}, ""))
        for check, at in checks:
            for target, where in locate_pointers(check, f"/rules/{index}{at}"):
                if field_at(schema, target) is None:
                    where = where.replace("/_/", "/")
                    path, lines = corpus.lines[owner]
                    raise DefinitionError(
                        path,
                        lines.get(where, lines.get(f"/rules/{index}")),
                        where,
                        f"rule {rule['id']!r} reads {target}, which the form of {program_id} does not define",
                    )


def check_programs(corpus) -> None:
    view = {"site_url": "https://example.invalid/", "programs": corpus.programs, "parts": corpus.parts}
    for program_id, program in corpus.programs.items():
        for index, doc_id in enumerate(program["documents"]):
            if doc_id not in corpus.documents:
                _fail(
                    corpus,
                    program_id,
                    f"/documents/{index}",
                    f"names document {doc_id!r}, which policies/documents/ does not hold",
                )
        for index, other in enumerate(program.get("extends", [])):
            if other not in corpus.programs:
                _fail(
                    corpus, program_id, f"/extends/{index}", f"extends program {other!r}, which policies/programs/ does not hold"
                )
        if program["jurisdiction"] not in corpus.jurisdictions:
            _fail(
                corpus,
                program_id,
                "/jurisdiction",
                f"unknown jurisdiction {program['jurisdiction']!r}: add it to policies/jurisdictions.yaml",
            )
        check_citations(corpus, program_id, program)
        for index, rule in enumerate(program["rules"]):
            _check_quote(corpus, program_id, index, rule)
    for program_id in corpus.programs:
        try:
            schema = application_schema(view, program_id)
        except KeyError as error:
            _fail(corpus, program_id, "/form", f"references part {error.args[0]!r}, which policies/parts/ does not hold")
        _check_rule_paths(corpus, program_id, schema)


def _pairs(node, pointer: str = ""):
    """Every ``{zh, en}`` text pair in a definition, with its pointer."""
    if isinstance(node, dict):
        if isinstance(node.get("zh"), str) and isinstance(node.get("en"), str):
            yield pointer, node["zh"], node["en"]
        for key, value in node.items():
            yield from _pairs(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _pairs(value, f"{pointer}/{index}")


def check_glossary(corpus) -> None:
    """Each glossary term keeps its one English rendering in every document, program and form part."""
    parts = {f"parts/{name}": part for name, part in corpus.parts.items()}
    for item_id, item in (*corpus.documents.items(), *corpus.programs.items(), *parts.items()):
        for pointer, zh, en in _pairs(item):
            zh, en = normalize(zh), " ".join(en.split()).lower()
            problems = []
            for term in corpus.glossary:
                in_zh, in_en = term["zh"] in zh, term["en"].lower() in en
                if in_zh and not in_en:
                    problems.append(f"the zh says {term['zh']}, so the en must say {term['en']!r}")
                elif in_en and not in_zh:
                    problems.append(f"the en says {term['en']!r}, the rendering of {term['zh']}, which the zh does not say")
            if problems:
                _fail(corpus, item_id, pointer, "; ".join(problems) + " (policies/glossary.yaml)")
