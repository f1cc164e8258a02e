"""The corpus against the sources: every source held whole, every citation resolved."""

from __future__ import annotations

from generator.definitions.fidelity import source_problems
from generator.definitions.load import article_index
from tests.conftest import POLICIES


def test_every_source_file_is_held_by_documents(corpus):
    sources = {p.name for p in (POLICIES / "sources").glob("*.txt")}
    assert sources == {d["source"] for d in corpus.documents.values()}


def test_every_source_is_held_exactly_and_completely(corpus):
    by_source = {}
    for document in corpus.documents.values():
        by_source.setdefault(document["source"], []).append(document)
    for source, documents in by_source.items():
        assert source_problems((POLICIES / "sources" / source).read_text("utf-8"), documents) == []


def test_every_article_has_both_languages(corpus):
    for document in corpus.documents.values():
        for key, article in article_index(document).items():
            assert article["zh"].strip() and article["en"].strip(), f"{document['id']} {key}"


def test_every_program_has_rules_funding_materials_and_procedure(corpus):
    for program_id, program in corpus.programs.items():
        assert program["rules"] or program.get("extends"), program_id
        assert program["funding"] and program["materials"] and program["procedure"], program_id


def test_mends_are_listed_with_reasons(corpus):
    mended = {d["id"]: d.get("mends", []) for d in corpus.documents.values()}
    assert any(m["source"].endswith("and 数量") for m in mended["cn/mohrss-2022-62"])
    for mends in mended.values():
        for mend in mends:
            assert mend["reason"]["zh"] and mend["reason"]["en"]
