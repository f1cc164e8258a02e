"""The corpus and catalogue the commands work on, built from a policies/ folder."""

from __future__ import annotations

from pathlib import Path

from generator.definitions import Corpus, load_corpus
from generator.definitions.catalog import build_catalog, site_url_from
from generator.errors import UnusableInputError


def corpus_of(policies: Path, *, check_sources: bool = False) -> Corpus:
    """The checked definitions of a policies/ folder; a bilingual refusal when there is none."""
    if not (policies / "documents").is_dir():
        raise UnusableInputError(
            f"{policies} 不是政策定义目录（其中没有 documents/）：请用 --policies 指向项目的 policies/ 目录",
            f"{policies} is not a policies folder (it has no documents/): point --policies at the project's policies/",
        )
    return load_corpus(policies, check_sources=check_sources)


def loaded(policies: Path, *, check_sources: bool = False) -> tuple[Corpus, dict]:
    """The checked definitions and the catalogue the core reads."""
    corpus = corpus_of(policies, check_sources=check_sources)
    return corpus, build_catalog(corpus, site_url=site_url_from(policies.parent / "mkdocs.yml"))


def catalog_of(policies: Path) -> dict:
    return loaded(policies)[1]
