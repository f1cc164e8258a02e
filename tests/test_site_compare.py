"""Comparison pages: one concept is one row, labelled by the rule it compares."""

from __future__ import annotations

import pytest

from generator.site.compare import comparison


@pytest.fixture(scope="module")
def tables(catalog):
    kinds = sorted({p["kind"] for p in catalog["programs"].values()})
    return {(kind, lang): comparison(catalog, kind, lang) for kind in kinds for lang in ("zh", "en")}


def _rows_with(table: dict, text: str) -> list[dict]:
    return [row for row in table["rows"] if text in row["label"]]


@pytest.mark.parametrize(("lang", "label"), [("zh", "出生"), ("en", "birth")])
def test_age_limit_is_one_row_holding_every_level_that_sets_it(tables, lang, label):
    table = tables[("master-studio", lang)]
    rows = [
        row
        for row in table["rows"]
        if any("aged" in c["summary"] or "周岁" in c["summary"] for cells in row["cells"].values() for c in cells)
    ]
    assert len(rows) == 1, [row["label"] for row in rows]
    assert "cn-nm-chifeng/master-studio" in rows[0]["cells"], "Chifeng's age limit is on another row"


def test_staff_education_fund_share_is_one_row(tables):
    table = tables[("master-studio", "zh")]
    rows = _rows_with(table, "职工教育经费")
    assert len(rows) == 1, [row["label"] for row in rows]
    assert {"cn-nm-hohhot/master-studio", "cn-nm/master-studio-regional"} <= set(rows[0]["cells"])


def test_no_two_rows_of_a_table_share_a_label(tables):
    for (kind, lang), table in tables.items():
        labels = [row["label"] for row in table["rows"]]
        assert len(labels) == len(set(labels)), (kind, lang, sorted(label for label in labels if labels.count(label) > 1))


def test_a_row_is_labelled_by_the_window_its_rules_look_at(tables):
    table = tables[("training-base", "zh")]
    latest = [row for row in table["rows"] if "最近一个年度" in row["label"]]
    assert latest, [row["label"] for row in table["rows"]]  # cn/training-base's existing-category rules
    for row in latest:
        summaries = [c["summary"] for cells in row["cells"].values() for c in cells]
        assert summaries and all("最近一年" in s for s in summaries), (row["label"], summaries)


def test_highlighted_cells_are_those_that_differ_from_the_first_column(tables):
    for table in tables.values():
        first = table["programs"][0]
        for row in table["rows"]:
            expected = {pid for pid, text in row["texts"].items() if text != row["texts"][first]}
            assert row["different_cells"] == expected
            assert row["differs"] == bool(expected)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_agreement_with_the_id_number_is_a_row_apart_from_the_id_number_check(tables, lang):
    table = tables[("master-studio", lang)]
    agreement = "出生日期与身份证号一致" if lang == "zh" else "birth date agrees with the ID number"
    for row in table["rows"]:
        summaries = [c["summary"] for cells in row["cells"].values() for c in cells]
        if any(agreement in s for s in summaries):
            assert all(s == agreement for s in summaries), (row["label"], summaries)
    # Beside the ID number's GB 11643 row, the agreement's row says what it checks.
    assert any(row["label"].endswith(f" · {agreement}") for row in table["rows"])


# ---- issue 21, item 9: the comparison pages agree with the program pages ----------------------


def test_chifeng_s_teacher_student_ratio_shows_as_a_review_not_as_unset(tables):
    (row,) = [row for row in tables[("training-base", "zh")]["rows"] if row["label"] == "师生比"]
    assert row["texts"]["cn-nm-chifeng/training-base"] == "1:20 (review)", row["texts"]
    assert row["texts"]["cn-nm/training-base-regional"] == "1:16–1:20 (error)"


def test_a_threshold_that_applies_to_some_hosts_says_to_which(tables):
    (row,) = _rows_with(tables[("master-studio", "en")], "education funds")
    assert (
        "(only Enterprise, Public institution, Scientific research institution, Higher-education institution)"
        in (row["texts"]["cn-nm-hohhot/master-studio"])
    ), row["texts"]
    assert all("(only " in text for text in row["texts"].values() if text), row["texts"]


def test_the_birth_date_and_id_number_agreement_is_one_row_for_every_studio_program(tables):
    rows = [
        row
        for row in tables[("master-studio", "en")]["rows"]
        if any("agrees with the ID number" in t for t in row["texts"].values())
    ]
    assert len(rows) == 1, [row["label"] for row in rows]
    assert all(rows[0]["texts"].values()) and not rows[0]["differs"], rows[0]["texts"]
