"""The corpus and catalogue the commands work on, built from a policies/ folder."""

from __future__ import annotations

from pathlib import Path

from generator.definitions import Corpus, load_corpus
from generator.definitions.catalog import build_catalog, site_url_from


def loaded(policies: Path, *, check_sources: bool = False) -> tuple[Corpus, dict]:
    """The checked definitions and the catalogue the core reads."""
    corpus = load_corpus(policies, check_sources=check_sources)
    return corpus, build_catalog(corpus, site_url=site_url_from(policies.parent / "mkdocs.yml"))


def catalog_of(policies: Path) -> dict:
    return loaded(policies)[1]
