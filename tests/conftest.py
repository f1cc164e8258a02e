"""Shared fixtures: the real corpus, loaded once, and the catalogue the core reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.definitions import load_corpus
from generator.definitions.catalog import build_catalog, site_url_from

ROOT = Path(__file__).resolve().parents[1]
POLICIES = ROOT / "policies"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(POLICIES)


@pytest.fixture(scope="session")
def catalog(corpus):
    return build_catalog(corpus, site_url=site_url_from(ROOT / "mkdocs.yml"))
