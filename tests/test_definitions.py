"""Loading policies/: a broken definition is refused with file, line and field named."""

from __future__ import annotations

import shutil

import pytest

from generator.definitions import load_corpus
from generator.errors import DefinitionError
from tests.conftest import POLICIES

HOHHOT_PROGRAM = "programs/cn-nm-hohhot/master-studio.yaml"
HOHHOT_DOCUMENT = "documents/cn-nm-hohhot/master-studio-rules.yaml"


@pytest.fixture
def policies(tmp_path):
    """A private copy of policies/ to break."""
    copy = tmp_path / "policies"
    shutil.copytree(POLICIES, copy)
    return copy


def _edit(path, old, new, count=1):
    text = path.read_text("utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), "utf-8")


def _line_of(path, needle):
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line)


def test_the_corpus_loads(corpus):
    assert "cn-nm-hohhot/master-studio" in corpus.programs
    assert "cn-nm-hohhot/master-studio-rules" in corpus.documents
    assert set(corpus.jurisdictions) == {"cn", "cn-nm", "cn-nm-chifeng", "cn-nm-hohhot"}


def test_dates_stay_strings(corpus):
    assert corpus.documents["cn-nm/nmhrss-2022-49"]["issued"] == "2022-04-27"


def test_a_missing_translation_is_named_with_file_line_and_field(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(
        path,
        "title: {zh: 呼和浩特市市级技能大师工作室, en: Hohhot city-level skill master studio}",
        "title: {zh: 呼和浩特市市级技能大师工作室}",
    )
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path
    assert caught.value.line == _line_of(path, "title: {zh: 呼和浩特市市级技能大师工作室}")
    assert caught.value.field == "/title"
    assert "'en'" in caught.value.problem


def test_an_unknown_key_is_named(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, "schema_version:", "schema_verison: oops\nschema_version:")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "schema_verison" in str(caught.value)
    assert caught.value.path == path


def test_a_rule_citing_a_nonexistent_article_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, "art: rules/art-15}", "art: rules/art-99}")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.line == _line_of(path, "art: rules/art-99}")
    assert "rules/art-99" in caught.value.problem


def test_a_program_naming_a_missing_document_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, "documents: [cn-nm-hohhot/master-studio-rules]", "documents: [cn-nm-hohhot/no-such-rules]")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.field == "/documents/0"
    assert "no-such-rules" in caught.value.problem


def test_a_rule_reading_a_field_the_form_lacks_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, "path: /unit/education_fund_high_skill_share, value: 50", "path: /unit/education_fund_share, value: 50")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "/unit/education_fund_share" in caught.value.problem


def test_a_duplicate_key_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, "level: city\n", "level: city\nlevel: national\n")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "duplicate key 'level'" in caught.value.problem
    assert caught.value.line == _line_of(path, "level: national")


def test_an_altered_article_is_caught_against_the_source(policies):
    _edit(policies / HOHHOT_DOCUMENT, "不低于50%", "不低于40%")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "rules/art-7" in caught.value.problem
    assert "not in the source" in caught.value.problem


def test_a_dropped_article_is_caught_as_source_text_held_by_nothing(policies):
    path = policies / HOHHOT_DOCUMENT
    text = path.read_text("utf-8")
    start = text.index("      - id: art-16")
    end = text.index("      - id: art-17")
    path.write_text(text[:start] + text[end:], "utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "held by no article" in caught.value.problem
    assert "项目资金的拨付" in caught.value.problem


def test_a_pattern_with_backslash_d_is_refused(policies):
    path = policies / "parts" / "postcode.yaml"
    _edit(path, 'pattern: "^[0-9]{6}$"', 'pattern: "^\\\\d{6}$"')
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path and "[0-9]" in caught.value.problem


def test_yaml_1_1_booleans_stay_words(tmp_path):
    from generator.definitions._yaml import load_yaml

    path = tmp_path / "words.yaml"
    path.write_text("on: yes\noff: no\nflag: true\nissued: 2022-04-27\n", "utf-8")
    assert load_yaml(path)[0] == {"on": "yes", "off": "no", "flag": True, "issued": "2022-04-27"}


def test_a_title_with_an_unquoted_comma_is_refused(policies):
    path = policies / "parts" / "occupation.yaml"
    _edit(path, "title: {zh: 名称, en: Name}", "title: {zh: 名称, en: Name, code}")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "quote a text with a comma" in caught.value.problem
