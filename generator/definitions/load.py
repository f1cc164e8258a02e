"""Load ``policies/`` into a checked corpus.

The folder tree is the policy tree: ``documents/<jurisdiction>/<name>.yaml`` holds document
``<jurisdiction>/<name>``, ``programs/<jurisdiction>/<name>.yaml`` program
``<jurisdiction>/<name>``. Every problem is a DefinitionError naming file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.definitions._metaschema import check_against_metaschema
from generator.definitions._yaml import load_yaml, nearest_line
from generator.definitions.fidelity import source_problems
from generator.errors import DefinitionError

DEFAULT_POLICIES = Path(__file__).resolve().parents[2] / "policies"


@dataclass
class Corpus:
    root: Path
    documents: dict[str, dict] = field(default_factory=dict)
    programs: dict[str, dict] = field(default_factory=dict)
    jurisdictions: dict[str, dict] = field(default_factory=dict)
    parts: dict[str, dict] = field(default_factory=dict)
    lines: dict[str, tuple[Path, dict[str, int]]] = field(default_factory=dict)

    def line_of(self, item_id: str, pointer: str) -> tuple[Path, int | None]:
        path, lines = self.lines[item_id]
        return path, nearest_line(lines, pointer)


def _load_tree(corpus: Corpus, folder: str, kind: str) -> dict[str, dict]:
    items = {}
    base = corpus.root / folder
    for path in sorted(base.glob("*/*.yaml")):
        data, lines = load_yaml(path)
        check_against_metaschema(kind, data, lines, path)
        expected = f"{path.parent.name}/{path.stem}"
        if data["id"] != expected:
            raise DefinitionError(path, lines.get("/id"), "/id", f"id {data['id']!r} must match the file's place: {expected!r}")
        items[expected] = data
        corpus.lines[expected] = (path, lines)
    return items


def article_index(document: dict) -> dict[str, dict]:
    """``part/article`` -> article, for citation look-ups."""
    return {f"{part['id']}/{article['id']}": article for part in document["parts"] for article in part["articles"]}


def _check_documents(corpus: Corpus) -> None:
    by_source: dict[str, list[dict]] = {}
    for doc_id, document in corpus.documents.items():
        by_source.setdefault(document["source"], []).append(document)
        seen = set()
        for part_index, part in enumerate(document["parts"]):
            for article_index_, article in enumerate(part["articles"]):
                key = f"{part['id']}/{article['id']}"
                if key in seen:
                    path, line = corpus.line_of(doc_id, f"/parts/{part_index}/articles/{article_index_}/id")
                    raise DefinitionError(
                        path, line, f"/parts/{part_index}/articles/{article_index_}/id", f"article {key} appears twice"
                    )
                seen.add(key)
    for source, documents in sorted(by_source.items()):
        source_path = corpus.root / "sources" / source
        if not source_path.is_file():
            path, line = corpus.line_of(documents[0]["id"], "/source")
            raise DefinitionError(path, line, "/source", f"no source file {source_path}")
        problems = source_problems(source_path.read_text("utf-8"), documents)
        if problems:
            path, line = corpus.line_of(documents[0]["id"], "/parts")
            listing = "\n  - ".join(problems[:15])
            more = f"\n  (+{len(problems) - 15} more)" if len(problems) > 15 else ""
            raise DefinitionError(path, line, "/parts", f"text differs from sources/{source}:\n  - {listing}{more}")


def resolve_citation(corpus: Corpus, citation: dict, owner: str, pointer: str) -> dict:
    """The cited article; a DefinitionError naming the citing file and line if it does not exist."""
    document = corpus.documents.get(citation["doc"])
    if document is None:
        path, line = corpus.line_of(owner, pointer)
        raise DefinitionError(path, line, pointer, f"cites document {citation['doc']!r}, which policies/documents/ does not hold")
    article = article_index(document).get(citation["art"])
    if article is None:
        path, line = corpus.line_of(owner, pointer)
        raise DefinitionError(path, line, pointer, f"cites {citation['art']!r}, which document {citation['doc']} does not have")
    return article


def _walk_citations(corpus: Corpus, item_id: str, node, pointer: str = ""):
    if isinstance(node, dict):
        if "doc" in node and "art" in node and isinstance(node.get("art"), str):
            resolve_citation(corpus, node, item_id, pointer)
        for key, value in node.items():
            _walk_citations(corpus, item_id, value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _walk_citations(corpus, item_id, value, f"{pointer}/{index}")


def load_corpus(root: Path = DEFAULT_POLICIES, *, check_sources: bool = True) -> Corpus:
    corpus = Corpus(root=Path(root))
    corpus.documents = _load_tree(corpus, "documents", "document")
    if check_sources:
        _check_documents(corpus)
    for doc_id, document in corpus.documents.items():
        _walk_citations(corpus, doc_id, document)
    programs_dir = corpus.root / "programs"
    if programs_dir.is_dir():
        from generator.definitions.programs import check_programs, load_jurisdictions

        corpus.jurisdictions = load_jurisdictions(corpus)
        corpus.programs = _load_tree(corpus, "programs", "program")
        check_programs(corpus)
    return corpus
