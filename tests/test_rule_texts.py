"""What each rule kind says, word for word, in each language (issue 21): its failure
messages, and the few words the level-comparison tables show for its bar.

An applicant reads the message, not the code: it names the field by the form's own label in
the message's language, the value given and what is required. The fields here have a
different label in each language ("字段/x", "field /x"), so a message that takes the other
language's label, or drops a joining word, is seen.
"""

from __future__ import annotations

import pytest

from generator.core._reader import Reader
from generator.core.kinds import Undecided, evaluate


def _label(pointer: str) -> dict[str, str]:
    return {"zh": f"字段{pointer}", "en": f"field {pointer}"}


def _said(check: dict, application: dict) -> list[tuple[str, str, str | None, bool]]:
    """Each message as (zh, en, path, undecided)."""
    messages = evaluate(Reader(application, _label), check)
    return [(m.zh, m.en, m.path, isinstance(m, Undecided)) for m in messages]


def test_a_share_names_part_and_whole_by_their_labels_in_each_language():
    check = {"share_at_least": {"part": "/p", "whole": "/w", "value": 40}}
    assert _said(check, {"p": 1, "w": 4}) == [
        ("“字段/p”占“字段/w”的 25%，要求不低于 40%", "“field /p” is 25% of “field /w”; required: at least 40%", "/p", False)
    ]
    assert _said(check, {"p": 0, "w": 0}) == [
        ("“字段/w”为 0，无法计算占比", "“field /w” is 0, so the share cannot be computed", "/w", True)
    ]
    within = {"share_at_least": {**check["share_at_least"], "within": True}}
    assert _said(within, {"p": 0, "w": 0}) == [
        ("“字段/w”为 0，“字段/p”的占比达不到 40%", "“field /w” is 0, so “field /p” cannot make up 40%", "/w", False)
    ]
    assert _said(within, {"p": 5, "w": 4}) == [
        (
            "“字段/p”为 5，超过“字段/w” 4：其中数不能大于总数",
            "“field /p” is 5, more than “field /w” (4): a part cannot exceed its whole",
            "/p",
            False,
        )
    ]


def test_a_share_over_rows_names_the_summed_fields_and_is_reported_at_the_rows():
    check = {"rows_share_at_least": {"items": "/t", "part": "hs", "whole": "all", "value": 20}}
    rows = [{"hs": 10, "all": 100}, {"hs": 29, "all": 100}]
    assert _said(check, {"t": rows}) == [
        (
            "“字段/t”中“字段/t/*/hs”合计占“字段/t/*/all”合计的 19.5%，要求不低于 20%",
            "“field /t/*/hs” summed over “field /t” is 19.5% of the sum of “field /t/*/all”; required: at least 20%",
            "/t",
            False,
        )
    ]


def test_a_sum_names_every_field_it_adds():
    check = {"sum_at_least": {"paths": ["/a", "/b"], "value": 2000, "unit": {"zh": "元", "en": " yuan"}}}
    assert _said(check, {"a": 1500, "b": 499.5}) == [
        (
            "“字段/a”与“字段/b”之和为 1999.5元，要求不少于 2000元",
            "The sum of “field /a” and “field /b” is 1999.5 yuan; required: at least 2000 yuan",
            "/a",
            False,
        )
    ]


def test_a_count_says_how_it_counted():
    where = {"field": "kind", "in": ["enterprise"]}
    check = {"count_at_least": {"path": "/p", "value": 3, "where": where, "distinct": "name"}}
    partners = [{"name": "甲", "kind": "enterprise"}, {"name": "甲", "kind": "enterprise"}, {"name": "乙", "kind": "school"}]
    assert _said(check, {"p": partners}) == [
        (
            "“字段/p”（按类别计）（同名只计一次）共 1，要求不少于 3",
            "“field /p” (counted by kind) (the same name counted once): 1; required: at least 3",
            "/p",
            False,
        )
    ]
    plain = {"count_at_least": {"path": "/p", "value": 3, "unit": {"zh": "家", "en": " partners"}}}
    assert _said(plain, {"p": partners[:2]}) == [
        ("“字段/p”共 2家，要求不少于 3家", "“field /p”: 2 partners; required: at least 3 partners", "/p", False)
    ]


def test_a_count_with_rows_of_no_kind_is_undecided_and_says_how_many():
    check = {"count_at_least": {"path": "/p", "value": 3, "where": {"field": "kind", "in": ["enterprise"]}}}
    assert _said(check, {"p": [{"kind": "enterprise"}, {}, {"kind": None}]}) == [
        (
            "“字段/p”中有 2 项未填写类别，无法判断是否满 3",
            "“field /p”: 2 items give no kind, so whether there are 3 cannot be decided",
            "/p",
            True,
        )
    ]


def test_any_of_lists_every_alternative_it_missed_in_each_language():
    check = {
        "any_of": [
            {"at_least": {"path": "/a", "value": 2}},
            {"one_of_values": {"path": "/b", "values": ["x", "y"], "names": {"x": {"zh": "甲", "en": "X"}}}},
        ]
    }
    assert _said(check, {"a": 1, "b": "z"}) == [
        (
            "以下条件均未满足（满足其一即可）：“字段/a”为 1，要求不少于 2；“字段/b”须为以下之一：甲、y",
            "None of these is met (one suffices): “field /a” is 1; required: at least 2; “field /b” must be one of: X, y",
            "/a",
            False,
        )
    ]


def test_chosen_values_say_what_is_missing_by_name():
    names = {"a": {"zh": "甲", "en": "A"}, "b": {"zh": "乙", "en": "B"}}
    check = {"includes_all": {"path": "/m", "values": ["a", "b", "c"], "names": names}}
    assert _said(check, {"m": ["a"]}) == [("“字段/m”缺少：乙、c", "“field /m” lacks: B, c", "/m", False)]
    check = {"includes_any": {"path": "/h", "values": ["a", "b"], "names": names}}
    assert _said(check, {"h": ["c"]}) == [("“字段/h”未包含以下任一项：甲、乙", "“field /h” includes none of: A, B", "/h", False)]
    assert _said(check, {"h": []}) == [("“字段/h”未勾选任何一项", "“field /h”: nothing is ticked", "/h", False)]
    check = {"one_of_values": {"path": "/v", "values": ["a"], "names": names}}
    assert _said(check, {"v": "b"}) == [("“字段/v”须为：甲", "“field /v” must be: A", "/v", False)]


@pytest.mark.parametrize(
    ("how", "total", "zh", "en"),
    [
        (
            "sum",
            60,
            "“字段/s”填为 60，与“字段/t”各行“字段/t/*/n”之和 61 不一致",
            "“field /s” is given as 60, but the sum of “field /t/*/n” over the rows of “field /t” is 61",
        ),
        (
            "min",
            41,
            "“字段/s”填为 41，与“字段/t”各行“字段/t/*/n”中的最小值 20 不一致",
            "“field /s” is given as 41, but the smallest value of “field /t/*/n” over the rows of “field /t” is 20",
        ),
    ],
)
def test_a_total_that_disagrees_with_its_rows_says_what_the_rows_give(how, total, zh, en):
    check = {"rows_agree": {"items": "/t", "field": "n", "total": "/s", "how": how}}
    assert _said(check, {"t": [{"n": 20}, {"n": 41}], "s": total}) == [(zh, en, "/s", False)]


def test_a_total_of_the_rows_is_their_sum_unless_the_rule_says_smallest():
    check = {"rows_agree": {"items": "/t", "field": "n", "total": "/s"}}
    assert _said(check, {"t": [{"n": 20}, {"n": 41}], "s": 61}) == []
    assert _said(check, {"t": [{"n": 20}, {"n": 41}], "s": 20})[0][2] == "/s"


_AVERAGE = {"average_at_least": {"items": "/t", "field": "n", "last": 2, "value": 1, "name": {"zh": "年均", "en": "average"}}}


@pytest.mark.parametrize(
    ("check", "zh", "en"),
    [
        (
            _AVERAGE,
            "“字段/t”须填满近 2 年的“字段/t/*/n”，才能计算",
            "“field /t” needs “field /t/*/n” for each of the last 2 years to compute this",
        ),
        (
            {"rows_agree": {"items": "/t", "field": "n", "total": "/s"}},
            "“字段/t”须填满每一行的“字段/t/*/n”，才能计算",
            "“field /t” needs “field /t/*/n” in every row to compute this",
        ),
    ],
)
def test_rows_lacking_a_figure_say_which_rows_must_give_it(check, zh, en):
    assert _said(check, {"t": [{"year": 2024, "n": 5}, {"year": 2023}], "s": 5}) == [(zh, en, "/t", True)]


def test_a_birth_month_that_disagrees_with_the_id_number_is_shown_as_a_month():
    check = {"birth_matches_id": {"birth": "/b", "id": "/i"}}
    assert _said(check, {"b": "1975-06", "i": "150102198003150010"}) == [
        (
            "“字段/b”与“字段/i”中的出生日期（1980-03）不一致",
            "“field /b” disagrees with the birth date in “field /i” (1980-03)",
            "/b",
            False,
        )
    ]


def test_an_average_prints_one_decimal_and_the_required_figure():
    check = {
        "average_at_least": {"items": "/t", "field": "n", "value": 1000, "name": {"zh": "年均培训", "en": "Yearly training"}}
    }
    rows = [{"year": 2022, "n": 1000}, {"year": 2023, "n": 1000}, {"year": 2024, "n": 999}]
    assert _said(check, {"t": rows}) == [
        ("年均培训 999.7，要求不少于 1000", "Yearly training: 999.7; required: at least 1000", "/t", False)
    ]


def test_a_share_over_rows_reads_only_the_latest_rows_when_the_rule_says_how_many():
    check = {"rows_share_at_least": {"items": "/t", "part": "hs", "whole": "all", "last": 2, "value": 20}}
    rows = [{"year": 2020, "hs": 1000, "all": 1000}, {"year": 2023, "hs": 10, "all": 100}, {"year": 2024, "hs": 10, "all": 100}]
    ((zh, en, path, undecided),) = _said(check, {"t": rows})
    assert "合计的 10%" in zh and " is 10% of " in en and (path, undecided) == ("/t", False)


def test_an_age_rule_with_neither_a_birth_date_nor_an_id_number_is_undecided_at_the_birth_date():
    check = {"age_at_most": {"birth": "/b", "on": "/d", "value": 65}}
    assert _said(check, {"d": "2025-03-15"}) == [
        ("未填写“字段/b”，无法判断本项要求", "“field /b” is not given, so this requirement cannot be decided", "/b", True)
    ]


def test_alternatives_on_one_list_are_named_once_with_every_value_that_counts():
    national = {"includes_any": {"path": "/h", "values": ["a"]}}
    regional = {"includes_any": {"path": "/h", "values": ["b", "a"], "names": {"b": {"zh": "乙", "en": "B"}}}}
    check = {"any_of": [national, regional, {"at_least": {"path": "/n", "value": 1}}]}
    assert _said(check, {"h": ["c"], "n": 0}) == [
        (
            "以下条件均未满足（满足其一即可）：“字段/h”未包含以下任一项：a、乙；“字段/n”为 0，要求不少于 1",
            "None of these is met (one suffices): “field /h” includes none of: a, B; “field /n” is 0; required: at least 1",
            "/h",
            False,
        )
    ]
    assert _said(check, {"h": ["b"], "n": 0}) == []


def test_a_check_names_one_kind_so_an_empty_check_is_refused():
    import jsonschema

    from generator.core.kinds import check_metaschema

    assert not jsonschema.Draft202012Validator(check_metaschema()).is_valid({})


@pytest.mark.parametrize(
    ("value", "shown"),
    [(2.999, "3"), (2.5, "2.5"), (10**15, "1.00e+15"), (12345678901234567, "1.23e+16"), (-(10**16), "-1.00e+16")],
)
def test_figures_print_with_two_decimals_at_most_and_huge_ones_in_e_notation(value, shown):
    from generator.core.kinds._base import show

    assert show(value) == shown


# ---- the short texts of the level-comparison tables ----------------------------------------------

_FIELDS = {
    "/a": {"x-title": {"zh": "设备", "en": "Equipment"}},
    "/b": {"x-title": {"zh": "场地", "en": "Premises"}},
    "/t/*/n": {"x-title": {"zh": "人数", "en": "Persons"}},
    "/t/*/total": {"x-title": {"zh": "总数", "en": "Total"}},
    "/h": {
        "type": "array",
        "items": {"enum": ["a", "b"], "x-enum-titles": {"a": {"zh": "甲", "en": "A"}, "b": {"zh": "乙", "en": "B"}}},
    },
}


@pytest.mark.parametrize(
    ("check", "zh", "en"),
    [
        (
            {"sum_at_least": {"paths": ["/a", "/b"], "value": 20000, "unit": {"zh": "元", "en": " yuan"}}},
            "设备＋场地 ≥ 20,000元",
            "Equipment + Premises ≥ 20,000 yuan",
        ),
        ({"sum_at_least": {"paths": ["/a", "/c"], "value": 500}}, "合计 ≥ 500", "sum ≥ 500"),
        ({"count_at_least": {"path": "/p", "value": 3}}, "≥ 3 项", "≥ 3 items"),
        (
            {"ratio_between": {"per": "/t", "count": "/s", "min": 16, "max": 20, "name": {"zh": "比", "en": "r"}}},
            "1:16–1:20",
            "1:16–1:20",
        ),
        ({"ratio_between": {"per": "/t", "count": "/s", "min": 20, "max": 20, "name": {"zh": "比", "en": "r"}}}, "1:20", "1:20"),
        ({"rows_agree": {"items": "/t", "field": "n", "total": "/s"}}, "＝各行“人数”之和", "= the sum of “Persons”"),
        (
            {"rows_agree": {"items": "/t", "field": "n", "total": "/s", "how": "min"}},
            "＝各行“人数”的最小值",
            "= the smallest of “Persons”",
        ),
        ({"rows_agree": {"items": "/t", "field": "x", "total": "/s"}}, "＝各行之和", "= the sum of the rows"),
        (
            {
                "average_at_least": {
                    "items": "/t",
                    "field": "n",
                    "last": 3,
                    "value": 1000,
                    "name": {"zh": "x", "en": "x"},
                    "unit": {"zh": "人次", "en": " person-times"},
                }
            },
            "近3年年均 ≥ 1000人次",
            "3-year average ≥ 1000 person-times",
        ),
        (
            {"average_at_least": {"items": "/t", "field": "n", "value": 5, "name": {"zh": "x", "en": "x"}}},
            "年均 ≥ 5",
            "average ≥ 5",
        ),
        (
            {"each_at_least": {"items": "/t", "field": "n", "value": 0, "within": "total"}},
            "每项 ≤ 同行“总数”",
            "each ≤ its row's “Total”",
        ),
        (
            {"each_at_least": {"items": "/t", "field": "n", "value": 0, "within": "other"}},
            "每项 ≤ 同行“other”",
            "each ≤ its row's “other”",
        ),
        (
            {
                "each_at_least": {
                    "items": "/t",
                    "field": "n",
                    "value": 3,
                    "within": "total",
                    "unit": {"zh": "名", "en": " experts"},
                }
            },
            "每项 ≥ 3名",
            "each ≥ 3 experts",
        ),
        ({"years_within": {"items": "/t", "on": "/d", "last": 3}}, "申报前3年内", "within the 3 years before applying"),
        ({"age_at_most": {"birth": "/b", "on": "/d", "value": 65}}, "≤ 65 周岁", "aged ≤ 65"),
        (
            {"matches_template": {"path": "/s", "template": "呼和浩特市{/master/name}工作室"}},
            "“呼和浩特市”＋name＋“工作室”",
            "“呼和浩特市” + name + “工作室”",
        ),
        ({"includes_any": {"path": "/h", "values": ["a", "b"]}}, "其一：甲、乙", "any of: A, B"),
        (
            {"includes_any": {"path": "/h", "values": ["a", "b"], "names": {"a": {"zh": "子", "en": "Z"}}}},
            "其一：子、乙",
            "any of: Z, B",
        ),
    ],
)
def test_each_kind_states_its_bar_in_a_few_words_for_the_comparison_tables(check, zh, en):
    from generator.core.kinds import summary

    assert summary(check, "zh", lambda p: _FIELDS.get(p, {})) == zh
    assert summary(check, "en", lambda p: _FIELDS.get(p, {})) == en


def test_a_row_below_the_per_row_threshold_is_named_with_its_value():
    check = {"each_at_least": {"items": "/o", "field": "experts", "value": 3, "unit": {"zh": "名", "en": " experts"}}}
    assert _said(check, {"o": [{"experts": 3}, {"experts": 2}]}) == [
        (
            "“字段/o/1/experts”为 2名，要求每项不少于 3名",
            "“field /o/1/experts” is 2 experts; required: at least 3 experts in each",
            "/o/1/experts",
            False,
        )
    ]


@pytest.mark.parametrize(
    ("given", "zh", "en"),
    [
        ({}, "未填写“字段/n”，无法判断本项要求", "“field /n” is not given, so this requirement cannot be decided"),
        ({"n": "1000"}, "“字段/n”应为数字", "“field /n” must be a number"),
    ],
)
def test_a_figure_not_given_or_not_a_number_is_undecided_and_says_which(given, zh, en):
    assert _said({"at_least": {"path": "/n", "value": 1}}, given) == [(zh, en, "/n", True)]


@pytest.mark.parametrize("given", ["a", {"a": True}])
def test_a_text_or_an_object_where_a_list_of_choices_belongs_ticks_nothing(given):
    check = {"includes_any": {"path": "/h", "values": ["a"]}}
    assert _said(check, {"h": given}) == [("“字段/h”未勾选任何一项", "“field /h”: nothing is ticked", "/h", False)]


# ---- the comparison tables: thresholds, counts and combined checks -------------------------------


def _both(check: dict) -> tuple[str, str]:
    from generator.core.kinds import summary

    return summary(check, "zh", lambda p: _FIELDS.get(p, {})), summary(check, "en", lambda p: _FIELDS.get(p, {}))


def test_a_threshold_of_exactly_10000_is_shown_with_a_thousands_separator():
    check = {"at_least": {"path": "/a", "value": 10000, "unit": {"zh": "元", "en": " yuan"}}}
    assert _both(check) == ("≥ 10,000元", "≥ 10,000 yuan")
    assert _both({"at_most": {"path": "/a", "value": 9999}}) == ("≤ 9999", "≤ 9999")


@pytest.mark.parametrize(
    ("kind", "exclusive", "shown"),
    [("at_least", False, "≥ 5"), ("at_least", True, "> 5"), ("at_most", False, "≤ 5"), ("at_most", True, "< 5")],
)
def test_a_limit_is_shown_inclusive_unless_the_rule_says_exclusive(kind, exclusive, shown):
    params = {"path": "/a", "value": 5} | ({"exclusive": True} if exclusive else {})
    assert _both({kind: params}) == (shown, shown)


def test_a_count_is_shown_in_the_unit_of_each_language():
    check = {"count_at_least": {"path": "/p", "value": 3, "unit": {"zh": "家", "en": " enterprises"}}}
    assert _both(check) == ("≥ 3家", "≥ 3 enterprises")


def test_alternatives_are_joined_by_or_and_conditions_together_by_and_in_each_language():
    two = [{"at_least": {"path": "/a", "value": 1}}, {"at_most": {"path": "/b", "value": 5}}]
    assert _both({"any_of": two}) == ("≥ 1 或 ≤ 5", "≥ 1 or ≤ 5")
    assert _both({"all_of": two}) == ("≥ 1 且 ≤ 5", "≥ 1 and ≤ 5")


# ---- messages that name their field by its label ------------------------------------------------


def test_a_part_above_its_whole_in_a_row_names_both_fields_of_that_row():
    check = {"average_at_least": {"items": "/t", "field": "n", "value": 0, "name": {"zh": "年", "en": "yr"}, "within": "total"}}
    assert _said(check, {"t": [{"year": 2024, "n": 5, "total": 3}]}) == [
        (
            "“字段/t/0/n”为 5，超过“字段/t/0/total” 3：其中数不能大于总数",
            "“field /t/0/n” is 5, more than “field /t/0/total” (3): a part cannot exceed its whole",
            "/t/0/n",
            False,
        )
    ]


def test_an_identity_number_of_the_wrong_shape_is_named_by_its_label():
    assert _said({"resident_id": {"path": "/id"}}, {"id": "12345"}) == [
        (
            "“字段/id”应为 18 位（前 17 位为数字，末位为数字或 X）",
            "“field /id” must have 18 characters: 17 digits, then a digit or X",
            "/id",
            False,
        )
    ]


def test_a_name_not_built_from_its_template_is_named_with_the_name_expected():
    check = {"matches_template": {"path": "/s", "template": "呼和浩特市{/m}工作室"}}
    assert _said(check, {"s": "张三工作室", "m": "张三"}) == [
        (
            "“字段/s”为“张三工作室”，应为“呼和浩特市张三工作室”",
            "“field /s” is “张三工作室”; expected “呼和浩特市张三工作室”",
            "/s",
            False,
        )
    ]


def test_an_age_that_turns_on_the_unknown_day_of_birth_is_undecided_in_both_languages():
    check = {"age_at_most": {"birth": "/b", "on": "/d", "value": 64}}  # born March 1960: 64 or 65 on 15 March 2025
    assert _said(check, {"b": "1960-03", "d": "2025-03-15"}) == [
        (
            "按“字段/b”，申报时年龄为 64 或 65 周岁，取决于出生日；要求 64 周岁以下（含）",
            "By “field /b”, the age on application is 64 or 65 depending on the day of birth; required: aged 64 or under",
            "/b",
            True,
        )
    ]


def test_on_the_last_day_of_the_birth_month_the_birthday_has_passed_whatever_the_day():
    check = {"age_at_most": {"birth": "/b", "on": "/d", "value": 64}}  # born March 1960: 65 on 31 March 2025
    assert _said(check, {"b": "1960-03", "d": "2025-03-31"}) == [
        (
            "按“字段/b”，申报时年龄为 65 周岁，要求 64 周岁以下（含 64 周岁）",
            "By “field /b”, the age on application is 65; required: aged 64 or under",
            "/b",
            False,
        )
    ]


def test_alternatives_on_one_list_keep_the_names_each_alternative_gives():
    national = {"includes_any": {"path": "/h", "values": ["a"], "names": {"a": {"zh": "甲", "en": "A"}}}}
    regional = {"includes_any": {"path": "/h", "values": ["b"], "names": {"b": {"zh": "乙", "en": "B"}}}}
    check = {"any_of": [national, regional]}
    assert _said(check, {"h": ["c"]}) == [
        (
            "以下条件均未满足（满足其一即可）：“字段/h”未包含以下任一项：甲、乙",
            "None of these is met (one suffices): “field /h” includes none of: A, B",
            "/h",
            False,
        )
    ]


def test_a_row_that_is_not_an_object_gives_no_figure_and_the_total_is_undecided():
    check = {"rows_agree": {"items": "/t", "field": "n", "total": "/s"}}
    assert _said(check, {"t": [{"n": 1}, "2"], "s": 3}) == [
        (
            "“字段/t”须填满每一行的“字段/t/*/n”，才能计算",
            "“field /t” needs “field /t/*/n” in every row to compute this",
            "/t",
            True,
        )
    ]
