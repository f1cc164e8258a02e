"""Loading policies/: a broken definition is refused with file, line and field named."""

from __future__ import annotations

import shutil

import jsonschema
import pytest

from generator.core.severity import FORMER_NAMES, SEVERITIES
from generator.definitions import _metaschema, load_corpus
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
    _edit(path, 'pattern: "^[0-9]{6}$(?!\\\\n)"', 'pattern: "^\\\\d{6}$(?!\\\\n)"')
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


def test_a_jurisdiction_without_an_id_is_named_with_file_line_and_field(policies):
    path = policies / "jurisdictions.yaml"
    _edit(path, "- id: cn-nm-hohhot\n  name:", "- name:")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path
    assert caught.value.field == "/3"
    assert caught.value.line == _line_of(path, "{zh: 呼和浩特市")
    assert "missing 'id'" in caught.value.problem


def test_a_jurisdiction_with_an_unknown_parent_is_refused(policies):
    path = policies / "jurisdictions.yaml"
    _edit(path, "parent: cn-nm\n", "parent: cn-xx\n")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path and caught.value.field == "/2/parent"
    assert "cn-xx" in caught.value.problem


def test_a_part_without_a_title_is_named_with_file_line_and_field(policies):
    path = policies / "parts" / "postcode.yaml"
    _edit(path, "title: {zh: 邮政编码, en: Postcode}\n", "")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path and caught.value.field == "/"
    assert "missing 'title'" in caught.value.problem


def test_a_part_that_is_not_a_mapping_is_refused(policies):
    path = policies / "parts" / "email.yaml"
    path.write_text("- just\n- a list\n", "utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path and caught.value.line == 1


def test_a_malformed_changelog_entry_is_named(policies):
    path = policies / "changelog.yaml"
    _edit(path, 'version: "1.0.0"', "version: 1.0")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path and caught.value.field == "/0/version"


def test_a_quote_the_cited_article_does_not_hold_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, 'quote: "单位职工教育经费用于高技能人才培养、交流等方面的费用不低于50%"', "quote: 单位职工教育经费不低于50%")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path
    assert caught.value.line == _line_of(path, "quote: 单位职工教育经费不低于50%")
    assert "cite the article that says it" in caught.value.problem


def test_a_rule_cited_to_an_article_without_its_words_is_refused(policies):
    """The class of error issue 11 found: an ID check cited to an article that says nothing of IDs."""
    path = policies / HOHHOT_PROGRAM
    _edit(path, "cite: {doc: cn-nm-hohhot/master-studio-rules, art: annex-2/form}\n    quote: 身份证号",
          "cite: {doc: cn-nm-hohhot/master-studio-rules, art: rules/art-9}\n    quote: 身份证号")  # fmt: skip
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "rules/art-9" in caught.value.problem and "身份证号" in caught.value.problem


def test_a_check_figure_missing_from_the_quote_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(
        path, "path: /unit/education_fund_high_skill_share, value: 50", "path: /unit/education_fund_high_skill_share, value: 40"
    )
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path and caught.value.field.endswith("/quote")
    assert "figure 40" in caught.value.problem


def test_a_rule_without_a_quote_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, "    quote: 且有固定场所和设备\n", "")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "needs a quote" in caught.value.problem and "'premises'" in caught.value.problem


def test_a_form_check_quotes_no_article(policies):
    path = policies / "programs" / "cn" / "master-studio.yaml"
    _edit(path, "cite: {basis: form, standard: GB 11643}", "cite: {basis: form, standard: GB 11643}\n    quote: 申报表")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "basis: form" in caught.value.problem


def test_a_form_check_names_a_national_standard_or_none(policies):
    path = policies / "programs" / "cn" / "master-studio.yaml"
    _edit(path, "cite: {basis: form, standard: GB 11643}", "cite: {basis: form, standard: 身份证}")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path and "/cite" in caught.value.field


def test_an_english_text_breaking_the_glossary_is_named(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, "application-statement: {zh: 申报书（附件3）, en: Application statement (Annex 3)}",
          "application-statement: {zh: 申报书（附件3）, en: Application form (Annex 3)}")  # fmt: skip
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path
    assert caught.value.line == _line_of(path, "en: Application form (Annex 3)")
    assert "application statement" in caught.value.problem and "glossary" in caught.value.problem


def test_loading_flows_one_way():
    """Loaders read files, checks tie them together, load orchestrates: no module imports back up."""
    import ast
    from pathlib import Path

    import generator.definitions as package

    folder = Path(package.__file__).parent

    def imports(name):
        tree = ast.parse((folder / f"{name}.py").read_text("utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        return {m.removeprefix("generator.definitions.") for m in found if m.startswith("generator.definitions")}

    assert not imports("loaders") & {"consistency", "load", "programs", "catalog"}
    assert not imports("consistency") & {"load", "loaders", "catalog"}
    assert {"consistency", "loaders"} <= imports("load")


def test_a_quote_from_another_clause_of_the_article_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    text = path.read_text("utf-8")
    start = text.index("  - id: host-fund-share")
    clause = text.index("clause: （二）}", start)
    path.write_text(text[:clause] + "clause: （一）}" + text[clause + len("clause: （二）}") :], "utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert "clause （一）" in caught.value.problem and caught.value.field.endswith("/quote")


def test_a_citation_of_a_clause_the_article_lacks_is_refused(policies):
    path = policies / HOHHOT_PROGRAM
    _edit(path, "art: rules/art-9, clause: （四）}", "art: rules/art-9, clause: （五）}")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.line == _line_of(path, "clause: （五）}")
    assert "（五）" in caught.value.problem


def test_a_document_in_an_unknown_jurisdiction_is_refused(policies):
    path = policies / HOHHOT_DOCUMENT
    _edit(path, "jurisdiction: cn-nm-hohhot\n", "jurisdiction: cn-nm-baotou\n")
    with pytest.raises(DefinitionError) as caught:
        load_corpus(policies)
    assert caught.value.path == path and caught.value.field == "/jurisdiction"
    assert caught.value.line == _line_of(path, "jurisdiction: cn-nm-baotou")


@pytest.mark.parametrize("kind", _metaschema.KINDS)
def test_each_metaschema_is_a_valid_2020_12_schema(kind):
    # Loading trusts the meta-schemas (no check_schema per build), so this is where a broken one shows.
    schema = _metaschema.metaschema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_a_rule_names_its_severity_in_the_findings_own_words(catalog):
    # One vocabulary (issue #24): a rule's severity is its findings' severity, with no map between.
    schema = _metaschema.metaschema("program")

    def resolved(node: dict) -> dict:
        return resolved(schema["$defs"][node["$ref"].removeprefix("#/$defs/")]) if "$ref" in node else node

    severity = resolved(resolved(schema["properties"]["rules"]["items"])["properties"]["severity"])
    assert tuple(severity["enum"]) == SEVERITIES
    used = {rule["severity"] for program in catalog["programs"].values() for rule in program["all_rules"]}
    assert used == set(SEVERITIES) and not used & set(FORMER_NAMES)
