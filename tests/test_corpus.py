"""The corpus against the sources: every source held whole, every rule resting on its article's words.

These tests read ``policies/`` with the loaders only (``read_corpus``: each file shaped by its
meta-schema, nothing checked across files), so a mismatch fails the test's own assertion
instead of stopping a fixture before the test body runs.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from generator.core import check
from generator.definitions.consistency import article_index, clause_text, figures
from generator.definitions.fidelity import normalize, source_problems
from generator.definitions.load import read_corpus
from tests.conftest import EXAMPLES, POLICIES


@pytest.fixture(scope="module")
def raw():
    return read_corpus(POLICIES)


def _unsupported_rules(corpus) -> list[str]:
    """Rules whose citation does not hold the words (and figures) the rule rests on."""
    problems = []
    for program_id, program in corpus.programs.items():
        for rule in program["rules"]:
            where, cite = f"{program_id}/{rule['id']}", rule["cite"]
            if cite.get("basis") == "form":
                if "standard" in cite and not re.fullmatch(r"GB(/T)? \d+(\.\d+)?(-\d{4})?", cite["standard"]):
                    problems.append(f"{where}: a form check's standard is not a GB number")
                if "quote" in rule:
                    problems.append(f"{where}: a form check quotes no article")
                continue
            article = article_index(corpus.documents[cite["doc"]]).get(cite["art"])
            if article is None:
                problems.append(f"{where}: cites {cite['doc']} {cite['art']}, which does not exist")
                continue
            quote = normalize(rule.get("quote", ""))
            held = normalize(article["zh"])
            if "clause" in cite:
                held = clause_text(held, cite["clause"]) or ""
            if not quote or quote not in held:
                problems.append(
                    f"{where}: {cite['art']} {cite.get('clause', '')} does not hold the quoted words {rule.get('quote')!r}"
                )
            for figure in figures(rule["check"]) if "check" in rule else []:
                if not re.search(rf"(?<![0-9.]){re.escape(figure)}(?![0-9])", quote):
                    problems.append(f"{where}: the figure {figure} is not in its quote")
    return problems


def test_every_source_file_is_held_by_documents(raw):
    sources = {p.name for p in (POLICIES / "sources").glob("*.txt")}
    assert sources == {d["source"] for d in raw.documents.values()}


def test_every_source_is_held_exactly_and_completely(raw):
    by_source = {}
    for document in raw.documents.values():
        by_source.setdefault(document["source"], []).append(document)
    for source, documents in by_source.items():
        assert source_problems((POLICIES / "sources" / source).read_text("utf-8"), documents) == [], source


def test_every_article_has_both_languages(raw):
    for document in raw.documents.values():
        for key, article in article_index(document).items():
            assert article["zh"].strip() and article["en"].strip(), f"{document['id']} {key}"


def test_every_program_has_rules_of_its_own_or_extends_one(raw):
    for program_id, program in raw.programs.items():
        assert program["rules"] or program.get("extends"), program_id


def test_mends_are_listed_with_reasons(raw):
    mended = {d["id"]: d.get("mends", []) for d in raw.documents.values()}
    assert any(m["source"].endswith("and 数量") for m in mended["cn/mohrss-2022-62"])
    for mends in mended.values():
        for mend in mends:
            assert mend["reason"]["zh"].strip() and mend["reason"]["en"].strip()


def test_every_rule_rests_on_the_words_of_the_article_it_cites(raw):
    """Issue 11's check: the cited article holds the rule's quoted words and every figure of its check."""
    assert _unsupported_rules(raw) == []


def test_the_citation_test_catches_a_rule_cited_to_the_wrong_article(tmp_path):
    copy = tmp_path / "policies"
    shutil.copytree(POLICIES, copy)
    path = copy / "programs" / "cn-nm" / "master-studio-regional.yaml"
    text = path.read_text("utf-8")
    start = text.index("  - id: master-age")
    cite = text.index("art: studio-measures/art-7", start)
    path.write_text(text[:cite] + "art: studio-measures/art-6" + text[cite + len("art: studio-measures/art-7") :], "utf-8")
    problems = _unsupported_rules(read_corpus(copy))
    assert any("master-studio-regional/master-age" in p for p in problems)


def test_identity_and_credit_code_checks_cite_only_articles_that_ask_for_them(raw):
    """Only Hohhot's form (身份证号) and Article 8 (营业执照) ask for these; elsewhere they are form checks."""
    asked_for = {"resident_id": ("身份证号",), "birth_matches_id": ("身份证号",), "credit_code": ("营业执照", "统一社会信用代码")}
    seen = 0
    for program_id, program in raw.programs.items():
        for rule in program["rules"]:
            kind = next((k for k in asked_for if k in rule.get("check", {})), None)
            if kind is None:
                continue
            seen += 1
            cite = rule["cite"]
            if cite.get("basis") == "form":
                assert cite["standard"] == {"credit_code": "GB 32100"}.get(kind, "GB 11643"), program_id
                continue
            article = article_index(raw.documents[cite["doc"]])[cite["art"]]["zh"]
            assert any(word in article for word in asked_for[kind]), f"{program_id}/{rule['id']} cites {cite['art']}"
    assert seen >= 13


def test_no_form_asks_for_a_credit_code(raw):
    """No published form (Hohhot 附件2, 162号 附件2) has the field, and the others publish none."""

    def required_credit_code(node):
        if isinstance(node, dict):
            if "credit_code" in node.get("required", []):
                return True
            return any(required_credit_code(value) for value in node.values())
        if isinstance(node, list):
            return any(required_credit_code(value) for value in node)
        return False

    assert not required_credit_code(raw.parts)
    assert not any(required_credit_code(program["form"]) for program in raw.programs.values())


def test_length_limits_are_only_those_a_source_states(raw):
    """Only 162号 附件2's 不超过3000字 limits a length; minLength 1 only says "not empty"."""
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            if "maxLength" in node:
                found.append((where, node["maxLength"]))
            assert node.get("minLength", 1) <= 1, f"{where}: minLength {node['minLength']} has no source"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(raw.parts, "parts")
    for program_id, program in raw.programs.items():
        walk(program["form"], program_id)
    assert {limit for _, limit in found} == {3000}
    assert {where.split("/")[:2] == ["cn", "skill-foundation-base"] for where, _ in found} == {True}
    assert "不超过3000字" in normalize(article_index(raw.documents["cn/mohrss-office-2022-162"])["annex-2/section-1"]["zh"])


def test_a_form_check_finding_cites_its_standard_without_an_article_link(catalog):
    case = EXAMPLES / "cn-nm" / "master-studio-regional" / "invalid-credit-code-check-character.json"
    result = check(catalog, "cn-nm/master-studio-regional", json.loads(case.read_text("utf-8")), as_of="2025-03-15")
    (finding,) = [f for f in result.findings if f.rule.endswith("/unit-credit-code")]
    assert finding.citation["basis"] == "form" and finding.citation["url"] is None
    assert finding.citation["label"] == {"zh": "表单核验（GB 32100）", "en": "Form check (GB 32100)"}
