"""The catalogue the commands work on, built from a policies/ folder."""

from __future__ import annotations

from pathlib import Path

from generator.definitions import load_corpus
from generator.definitions.catalog import build_catalog, site_url_from


def catalog_of(policies: Path, *, check_sources: bool = False) -> dict:
    corpus = load_corpus(policies, check_sources=check_sources)
    return build_catalog(corpus, site_url=site_url_from(policies.parent / "mkdocs.yml"))
