"""The changelog for people (issue 23): each change one sentence in the rule's own words,
tightening or loosening, never a pointer, a key or "null"; only what touches that program."""

from __future__ import annotations

import re

import pytest

from generator.schemas.diff import LOOSENING, NEUTRAL, TIGHTENING, RuleChange
from generator.schemas.diff_report import people_sentence
from tests.conftest import ROOT

RAW = re.compile(r"\bnull\b|any_of|all_of|_at_least|_at_most|includes_|one_of_values|/[a-z_]+/[a-z_]+|\"field\"")
TEXT = {"zh": "高级工以上培训人次占比不低于30%。", "en": "At least 30% of training is at senior-worker level or above."}


@pytest.mark.parametrize(
    ("change", "zh", "en"),
    [
        (RuleChange("p/r", "threshold", TIGHTENING, "at_least/value：由 25 改为 30", "at_least/value: 25 → 30", 25, 30, "at_least/value"),
         "“高级工以上培训人次占比不低于30%”：数值由 25 改为 30（收紧）",
         "“At least 30% of training is at senior-worker level or above”: the figure changed from 25 to 30 (tightening)"),
        (RuleChange("p/r", "check", TIGHTENING, "any_of/0/age_at_most/id：由 null 改为 /master/id_number", "any_of/0/age_at_most/id: changed from null",
                    None, "/master/id_number", "any_of/0/age_at_most/id"),
         "“高级工以上培训人次占比不低于30%”：核验方式有改动（收紧）", "“At least 30% of training is at senior-worker level or above”: how it is checked changed (tightening)"),
        (RuleChange("p/r", "applies", LOOSENING, "适用条件新增适用条件，只对部分申请适用", "condition of application: now applies only under a condition"),
         "“高级工以上培训人次占比不低于30%”：现只对部分申请适用（放宽）", "“At least 30% of training is at senior-worker level or above”: now applies only to some applications (loosening)"),
        (RuleChange("p/r", "added", NEUTRAL, "新增条件：由评审方判断。", "rule added: The reviewers judge."),
         "新增条件：由评审方判断。；结果不变", "New condition: The reviewers judge.; no result changes"),
    ],
)  # fmt: skip
def test_each_change_is_a_sentence_in_the_rules_own_words(change, zh, en):
    sentence = people_sentence(change, TEXT)
    assert sentence == {"zh": zh, "en": en}
    assert not RAW.search(sentence["zh"] + sentence["en"])


def test_the_changelog_pages_show_no_keys_and_translate_their_chinese_terms(site_pages):
    for lang, name in (("zh", "changelog.md"), ("en", "changelog.en.md")):
        text = re.sub(r"\]\([^)]*\)|\{ #[^}]*\}", "]", (site_pages / name).read_text("utf-8"))  # link targets, anchors
        assert not RAW.search(text), RAW.search(text)
        assert "适用条件新增适用条件" not in text
        if lang == "en":
            assert "近三年" not in text.replace("(近三年)", "")  # only beside its English
    # only what touches the program: a studio's summary says nothing of training rows
    studio = (site_pages / "changelog.md").read_text("utf-8").split("### ")
    assert not any("培训行" in part for part in studio if "技能大师工作室" in part.splitlines()[0])


@pytest.fixture(scope="module")
def site_pages(tmp_path_factory):
    from generator.cli._catalog import catalog_of
    from generator.site.pages import write_pages

    out = tmp_path_factory.mktemp("docs")
    catalog = catalog_of(ROOT / "policies")
    import yaml

    write_pages(
        catalog, out, as_of="2026-12-07", changelog=yaml.safe_load((ROOT / "policies" / "changelog.yaml").read_text("utf-8"))
    )
    return out
