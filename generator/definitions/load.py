"""Load ``policies/`` into a checked corpus: loaders first, then the cross-file checker.

The folder tree is the policy tree: ``documents/<jurisdiction>/<name>.yaml`` holds document
``<jurisdiction>/<name>``, ``programs/<jurisdiction>/<name>.yaml`` program
``<jurisdiction>/<name>``. Each file is read and shaped by its loader (``loaders.py``), then
``consistency.py`` ties the files together. Every problem is a DefinitionError naming file, line
and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.definitions import consistency, loaders
from generator.definitions._yaml import nearest_line
from generator.definitions.consistency import article_index, resolve_citation

DEFAULT_POLICIES = Path(__file__).resolve().parents[2] / "policies"

__all__ = ["DEFAULT_POLICIES", "Corpus", "article_index", "load_corpus", "read_corpus", "resolve_citation"]


@dataclass
class Corpus:
    root: Path
    documents: dict[str, dict] = field(default_factory=dict)
    programs: dict[str, dict] = field(default_factory=dict)
    jurisdictions: dict[str, dict] = field(default_factory=dict)
    parts: dict[str, dict] = field(default_factory=dict)
    changelog: list[dict] = field(default_factory=list)
    glossary: list[dict] = field(default_factory=list)
    lines: dict[str, tuple[Path, dict[str, int]]] = field(default_factory=dict)

    def line_of(self, item_id: str, pointer: str) -> tuple[Path, int | None]:
        path, lines = self.lines[item_id]
        return path, nearest_line(lines, pointer)


def read_corpus(root: Path = DEFAULT_POLICIES) -> Corpus:
    """Every file read and shaped by its loader, nothing checked across files yet."""
    corpus = Corpus(root=Path(root))
    corpus.documents = loaders.load_documents(corpus.root, corpus.lines)
    if (corpus.root / "programs").is_dir():
        corpus.jurisdictions = loaders.load_jurisdictions(corpus.root, corpus.lines)
        corpus.parts = loaders.load_parts(corpus.root, corpus.lines)
        corpus.programs = loaders.load_programs(corpus.root, corpus.lines)
        corpus.changelog = loaders.load_changelog(corpus.root, corpus.lines)
    corpus.glossary = loaders.load_glossary(corpus.root, corpus.lines)
    return corpus


def load_corpus(root: Path = DEFAULT_POLICIES, *, check_sources: bool = True) -> Corpus:
    """Loaders, then the checker: the corpus every output is generated from."""
    corpus = read_corpus(root)
    consistency.check_documents(corpus, check_sources=check_sources)
    for doc_id, document in corpus.documents.items():
        consistency.check_citations(corpus, doc_id, document)
    if corpus.programs:
        consistency.check_programs(corpus)
    consistency.check_glossary(corpus)
    return corpus
