"""The rule kinds at their boundaries: 以上/以下/不少于/不低于 include the stated number."""

from __future__ import annotations

import pytest

from generator.core._reader import Reader
from generator.core.identifiers import credit_code_problem, resident_id_birth_date, resident_id_problem
from generator.core.kinds import Undecided, evaluate
from generator.core.when import applies


def _run(check, application):
    reader = Reader(application, lambda pointer: {"zh": pointer, "en": pointer})
    return list(evaluate(reader, check)), reader.trail


@pytest.mark.parametrize(("value", "fails"), [(1000, False), (999, True), (1000.5, False), (0, True)])
def test_at_least_includes_the_threshold(value, fails):
    messages, _ = _run({"at_least": {"path": "/n", "value": 1000}}, {"n": value})
    assert bool(messages) is fails


def test_at_least_exclusive_for_more_than():
    assert _run({"at_least": {"path": "/n", "value": 10, "exclusive": True}}, {"n": 10})[0]
    assert not _run({"at_least": {"path": "/n", "value": 10, "exclusive": True}}, {"n": 11})[0]


@pytest.mark.parametrize(("value", "fails"), [(5, False), (6, True)])
def test_at_most_includes_the_limit(value, fails):
    assert bool(_run({"at_most": {"path": "/n", "value": 5}}, {"n": value})[0]) is fails


def test_a_failure_message_states_actual_and_required_in_both_languages():
    (message,), trail = _run(
        {"at_least": {"path": "/n", "value": 1000, "unit": {"zh": "人次", "en": " person-times"}}}, {"n": 820}
    )
    assert "820人次" in message.zh and "1000人次" in message.zh
    assert "820 person-times" in message.en and "1000 person-times" in message.en
    assert trail == {"/n": 820}


def test_a_missing_value_is_undecided_not_failed():
    (message,), _ = _run({"at_least": {"path": "/n", "value": 1}}, {})
    assert isinstance(message, Undecided)


@pytest.mark.parametrize(("part", "whole", "fails"), [(20, 100, False), (19, 100, True), (1, 5, False)])
def test_share_at_least(part, whole, fails):
    messages, _ = _run({"share_at_least": {"part": "/p", "whole": "/w", "value": 20}}, {"p": part, "w": whole})
    assert bool(messages) is fails


@pytest.mark.parametrize(
    ("teachers", "students", "fails"), [(10, 160, False), (10, 200, False), (10, 159, True), (10, 201, True)]
)
def test_ratio_between_teacher_student(teachers, students, fails):
    check = {"ratio_between": {"per": "/t", "count": "/s", "min": 16, "max": 20, "name": {"zh": "师生比", "en": "ratio"}}}
    assert bool(_run(check, {"t": teachers, "s": students})[0]) is fails


def test_average_uses_the_last_years_only():
    check = {"average_at_least": {"items": "/y", "field": "total", "last": 3, "value": 1000, "name": {"zh": "年均", "en": "avg"}}}
    years = [
        {"year": 2018, "total": 0},
        {"year": 2021, "total": 1000},
        {"year": 2019, "total": 900},
        {"year": 2020, "total": 1100},
    ]
    assert not _run(check, {"y": years})[0]
    years[2]["total"] = 899
    (message,), _ = _run(check, {"y": years})
    assert "999.7" in message.en


def test_average_with_too_few_years_is_undecided():
    check = {"average_at_least": {"items": "/y", "field": "total", "last": 3, "value": 1, "name": {"zh": "年均", "en": "avg"}}}
    (message,), _ = _run(check, {"y": [{"year": 2021, "total": 5000}]})
    assert isinstance(message, Undecided)


@pytest.mark.parametrize(
    ("birth", "on", "outcome"),
    [
        ("1960-03-15", "2025-03-15", "passes"),  # turns 65 that day: 65周岁以下 includes 65
        ("1959-03-16", "2025-03-15", "passes"),  # 65, one day short of 66
        ("1959-03-15", "2025-03-15", "fails"),  # 66 that day
        ("1959-03", "2025-03-15", "undecided"),  # birth month only: 65 or 66 depending on the day
        ("1959-02", "2025-03-15", "fails"),
    ],
)
def test_age_at_most_on_the_application_date(birth, on, outcome):
    messages, _ = _run({"age_at_most": {"birth": "/b", "on": "/d", "value": 65}}, {"b": birth, "d": on})
    if outcome == "passes":
        assert messages == []
    else:
        assert len(messages) == 1 and isinstance(messages[0], Undecided) is (outcome == "undecided")


def test_any_of_passes_on_one_branch_and_reports_all_otherwise():
    check = {"any_of": [{"includes_any": {"path": "/h", "values": ["a"]}}, {"includes_any": {"path": "/g", "values": ["b"]}}]}
    assert not _run(check, {"h": [], "g": ["b"]})[0]
    (message,), _ = _run(check, {"h": [], "g": []})
    assert message.en.startswith("None of these is met")


def test_matches_template():
    check = {"matches_template": {"path": "/name", "template": "呼和浩特市{/m}技能大师工作室"}}
    assert not _run(check, {"name": "呼和浩特市张伟技能大师工作室", "m": "张伟"})[0]
    assert _run(check, {"name": "张伟工作室", "m": "张伟"})[0]


def test_conditions():
    reader = Reader({"t": "enterprise", "c": "x"}, lambda p: {"zh": p, "en": p})
    assert applies(reader, {"path": "/t", "in": ["enterprise"]})
    assert not applies(reader, {"path": "/t", "in": ["school"]})
    assert applies(reader, {"path": "/c", "present": True})
    assert not applies(reader, {"path": "/missing", "present": True})


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("11010519491231002X", None),
        ("11010519491231002x", None),
        ("150102198003150010", None),
        ("150102198003150011", "check"),
        ("150102198013150010", "birth-date"),
        ("1501021980031500", "shape"),
    ],
)
def test_resident_id_numbers(number, problem):
    assert resident_id_problem(number) == problem


def test_birth_date_from_id():
    assert resident_id_birth_date("150102198003150010") == "1980-03-15"


@pytest.mark.parametrize(
    ("code", "problem"),
    [("91350100M000100Y43", None), ("91350100M000100Y44", "check"), ("91350100M00010OY43", "shape"), ("9135", "shape")],
)
def test_credit_codes(code, problem):
    assert credit_code_problem(code) == problem


def test_average_ignores_malformed_records_instead_of_crashing():
    check = {"average_at_least": {"items": "/y", "field": "total", "last": 2, "value": 1, "name": {"zh": "年均", "en": "avg"}}}
    for records in ([None, None], [{"year": "2021", "total": 5}, {"year": 2020, "total": 5}], [{"year": True, "total": 5}]):
        (message,), _ = _run(check, {"y": records})
        assert isinstance(message, Undecided)


@pytest.mark.parametrize("digits", ["١٥٠١٠٢١٩٨٠٠٣١٥٠٠١٠", "１５０１０２１９８００３１５００１０"])
def test_non_ascii_digits_are_not_identity_numbers(digits):
    assert resident_id_problem(digits) == "shape"
    assert credit_code_problem("91" + digits[:16]) == "shape"


def test_dated_rules_apply_only_while_in_force(catalog):
    import copy

    from generator.core import check

    revised = copy.deepcopy(catalog)
    program = revised["programs"]["cn-nm-hohhot/master-studio"]
    old = next(r for r in program["all_rules"] if r["id"] == "host-fund-share")
    old["until"] = "2025-12-31"
    new = copy.deepcopy(old)
    new.update(
        id="host-fund-share-2026", full_id="cn-nm-hohhot/master-studio/host-fund-share-2026", effective="2026-01-01", until=None
    )
    new["check"] = {"at_least": {**old["check"]["at_least"], "value": 60}}
    program["all_rules"].append(new)
    application = {
        "program": "cn-nm-hohhot/master-studio",
        "unit": {"host_type": "enterprise", "education_fund_high_skill_share": 55},
    }

    def fired(as_of):
        return {
            f.rule
            for f in check(revised, "cn-nm-hohhot/master-studio", application, as_of=as_of).findings
            if f.severity == "error"
        }

    assert "cn-nm-hohhot/master-studio/host-fund-share-2026" not in fired("2025-12-31")
    assert "cn-nm-hohhot/master-studio/host-fund-share-2026" in fired("2026-01-01")


def test_read_pointers_yields_every_pointer_a_check_reads_including_template_placeholders():
    from generator.core.reads import read_pointers

    check = {
        "any_of": [
            {"share_at_least": {"part": "/a", "whole": "/b", "value": 1}},
            {"matches_template": {"path": "/studio/name", "template": "呼和浩特市{/master/name}技能大师工作室"}},
        ]
    }
    assert list(read_pointers(check)) == ["/a", "/b", "/studio/name", "/master/name"]


# ---- the new kinds and parameters: the data read as a whole (issue #10, section 2) ----------


def _master(birth, number):
    return {"m": {"birth": birth, "id": number}, "on": "2025-03-15"}


def test_the_age_limit_is_judged_on_the_id_numbers_birth_date_when_the_typed_one_disagrees():
    from tests._boundaries import resident_id_with_birth_date

    born_1959 = resident_id_with_birth_date("150102198003150010", "1959-03-15")
    check = {"age_at_most": {"birth": "/m/birth", "id": "/m/id", "on": "/on", "value": 65}}
    (message,), _ = _run(check, _master("1975-06-18", born_1959))  # the ID says 66: fails
    assert not isinstance(message, Undecided) and "66" in message.en and message.path == "/m/id"
    assert _run(check, _master(None, born_1959))[0]  # typed date missing: the ID decides
    assert not _run(check, _master("1959-03-15", "150102198003150011"))[0][0].zh.startswith("按“/m/id”")


def test_a_typed_birth_date_that_disagrees_with_the_id_number_is_a_finding():
    check = {"birth_matches_id": {"birth": "/m/birth", "id": "/m/id"}}
    assert _run(check, _master("1980-03-15", "150102198003150010"))[0] == []
    assert _run(check, _master("1980-03", "150102198003150010"))[0] == []  # a typed month only
    (message,), _ = _run(check, _master("1975-06-18", "150102198003150010"))
    assert "1980-03-15" in message.zh and message.path == "/m/birth" and not isinstance(message, Undecided)
    assert _run(check, _master("1975-06-18", "15010219800315001"))[0] == []  # a malformed ID: resident_id says so


def test_count_where_counts_only_items_of_the_named_kind():
    check = {"count_at_least": {"path": "/p", "value": 3, "where": {"field": "kind", "in": ["enterprise"]}}}
    enterprise, school = {"kind": "enterprise"}, {"kind": "school"}
    assert _run(check, {"p": [enterprise] * 3})[0] == []
    (message,), _ = _run(check, {"p": [enterprise, enterprise, school]})
    assert not isinstance(message, Undecided) and ": 2" in message.en
    (message,), _ = _run(check, {"p": [enterprise, enterprise, {"name": "x"}]})  # kind not given
    assert isinstance(message, Undecided)


def test_rows_agree_with_their_total_or_minimum():
    rows = [{"total": 100, "advanced": 20}, {"total": 200, "advanced": 41}]
    by_sum = {"rows_agree": {"items": "/rows", "field": "advanced", "total": "/sum"}}
    assert _run(by_sum, {"rows": rows, "sum": 61})[0] == []
    (message,), _ = _run(by_sum, {"rows": rows, "sum": 60})
    assert "61" in message.en and message.path == "/sum"
    by_min = {"rows_agree": {"items": "/rows", "field": "total", "total": "/min", "how": "min"}}
    assert _run(by_min, {"rows": rows, "min": 100})[0] == []
    assert _run(by_min, {"rows": rows, "min": 200})[0]


def test_rows_share_is_computed_on_the_rows():
    check = {"rows_share_at_least": {"items": "/rows", "part": "advanced", "whole": "total", "value": 20}}
    assert _run(check, {"rows": [{"total": 100, "advanced": 10}, {"total": 100, "advanced": 30}]})[0] == []
    (message,), _ = _run(check, {"rows": [{"total": 100, "advanced": 10}, {"total": 100, "advanced": 29}]})
    assert "19.5%" in message.en


def test_each_row_meets_the_per_row_threshold():
    check = {"each_at_least": {"items": "/o", "field": "experts", "value": 3}}
    assert _run(check, {"o": [{"experts": 3}, {"experts": 5}]})[0] == []
    (message,), _ = _run(check, {"o": [{"experts": 3}, {"experts": 2}]})
    assert message.path == "/o/1/experts"


@pytest.mark.parametrize(("years", "outside"), [([2022, 2023, 2024], []), ([2021, 2023, 2025], [0, 2])])
def test_near_three_years_means_the_three_years_before_the_application_date(years, outside):
    check = {"years_within": {"items": "/t", "on": "/d", "last": 3}}
    messages, _ = _run(check, {"t": [{"year": y} for y in years], "d": "2025-03-15"})
    assert [m.path for m in messages] == [f"/t/{i}/year" for i in outside]


def test_sum_at_least_adds_every_listed_figure():
    check = {"sum_at_least": {"paths": ["/a", "/b"], "value": 2000}}
    assert _run(check, {"a": 1500, "b": 500})[0] == []
    (message,), _ = _run(check, {"a": 1500, "b": 499.5})
    assert "1999.5" in message.en and message.path == "/a"


# Each check with what exact arithmetic (fractions) says of it: whether it passes for (a, b).
_FIGURE_CHECKS = [
    ({"share_at_least": {"part": "/a", "whole": "/b", "value": 20}}, lambda a, b: 100 * a / b >= 20),
    ({"at_least": {"path": "/a", "value": 1}}, lambda a, b: a >= 1),
    ({"sum_at_least": {"paths": ["/a", "/b"], "value": 1}}, lambda a, b: a + b >= 1),
    (
        {"ratio_between": {"per": "/b", "count": "/a", "min": 1, "max": 2, "name": {"zh": "比", "en": "ratio"}}},
        lambda a, b: 1 <= a / b <= 2,
    ),
    ({"rows_agree": {"items": "/rows", "field": "x", "total": "/b"}}, lambda a, b: a + b == b),
    (
        {"rows_share_at_least": {"items": "/rows", "part": "x", "whole": "y", "value": 20}},
        lambda a, b: 100 * (a + b) / (2 * b) >= 20,
    ),
    (
        {"average_at_least": {"items": "/rows", "field": "x", "value": 1, "name": {"zh": "均", "en": "avg"}}},
        lambda a, b: (a + b) / 2 >= 1,
    ),
]


@pytest.mark.parametrize(("check", "passes"), _FIGURE_CHECKS)
@pytest.mark.parametrize(("a", "b"), [(10**400, 1), (-(10**400), 3), (1.7e308, 1e-300), (10**400, 0.5), (-(10**400), 10**400)])
def test_huge_numbers_are_compared_exactly_never_overflowing(check, passes, a, b):
    from fractions import Fraction

    rows = [{"year": 2020, "x": a, "y": b}, {"year": 2021, "x": b, "y": b}]
    messages, _ = _run(check, {"a": a, "b": b, "rows": rows})
    assert not any(isinstance(m, Undecided) for m in messages)
    assert bool(messages) is not passes(Fraction(a), Fraction(b))
    assert all(m.zh and m.en and "inf" not in m.en for m in messages)


def test_a_huge_share_is_reported_in_e_notation():
    (message,), _ = _run({"share_at_least": {"part": "/a", "whole": "/b", "value": 20}}, {"a": -(10**400), "b": 3})
    assert "-3.33e+401%" in message.en


# ---- every place a kind is described derives from its record (issue #14, point 1) ----------


def test_the_check_meta_schema_is_generated_from_the_records_and_is_valid_2020_12():
    import jsonschema

    from generator.core.kinds import KINDS, check_metaschema

    schema = check_metaschema()
    assert set(schema["properties"]) == set(KINDS)
    wrapper = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {
            "check": schema,
            "pointer": {"type": "string", "pattern": "^(/[^/]+)+$"},
            "text": {"type": "object", "required": ["zh", "en"]},
            "names": {"type": "object"},
        },
        "$ref": "#/$defs/check",
    }
    jsonschema.Draft202012Validator.check_schema(wrapper)
    validator = jsonschema.Draft202012Validator(wrapper)
    assert validator.is_valid({"at_least": {"path": "/a", "value": 1}})
    assert not validator.is_valid({"at_least": {"path": "/a", "value": 1, "typo": 2}})
    assert not validator.is_valid({"at_least": {"path": "/a"}})
    assert not validator.is_valid({"no_such_kind": {}})


def test_every_pointer_parameter_is_declared_as_one():
    """A parameter named like a pointer but not declared as one would escape the form check."""
    from generator.core.kinds import KINDS

    for kind in KINDS.values():
        for name, param in (kind.params or {}).items():
            refs = str(param.schema)
            assert ("#/$defs/pointer" in refs) == (param.pointer or param.pointers), (kind.name, name)


@pytest.mark.parametrize(
    ("check", "zh", "en"),
    [
        ({"one_of_values": {"path": "/d", "values": ["no"]}}, "须为：否", "must be: No"),
        (
            {"average_at_least": {"items": "/t", "field": "total", "last": 1, "value": 3000, "name": {"zh": "x", "en": "x"}}},
            "最近一年 ≥ 3000",
            "latest year ≥ 3000",
        ),
        (
            {"matches_template": {"path": "/s", "template": "呼和浩特市{/master/name}技能大师工作室"}},
            "“呼和浩特市”＋领办人姓名＋“技能大师工作室”",
            "“呼和浩特市” + Leader's name + “技能大师工作室”",
        ),
        ({"matches_template": {"path": "/s", "template": "{/master/name}"}}, "同领办人姓名", "same as Leader's name"),
    ],
)
def test_comparison_summaries_read_naturally(check, zh, en):
    from generator.core.kinds import summary

    fields = {
        "/d": {"enum": ["yes", "no"], "x-enum-titles": {"yes": {"zh": "是", "en": "Yes"}, "no": {"zh": "否", "en": "No"}}},
        "/master/name": {"x-title": {"zh": "领办人姓名", "en": "Leader's name"}},
    }
    assert summary(check, "zh", lambda p: fields.get(p, {})) == zh
    assert summary(check, "en", lambda p: fields.get(p, {})) == en


def test_no_comparison_summary_leaks_a_template_placeholder_or_an_english_plural_of_one(catalog):
    from generator.core.kinds import summary
    from generator.core.schema import application_schema, field_at

    for program_id, program in catalog["programs"].items():
        schema = application_schema(catalog, program_id)
        for rule in program["all_rules"]:
            if "check" in rule:
                for lang in ("zh", "en"):
                    text = summary(rule["check"], lang, lambda p, schema=schema: field_at(schema, p) or {})
                    assert "{/" not in text and " 1 years" not in text and "1-year" not in text, (rule["full_id"], text)


def _kind_lines() -> list[str]:
    import re

    from generator.core.kinds import KINDS

    lines = ["| kind | parameters | checks that |", "|---|---|---|"]
    for kind in KINDS.values():
        if kind.params is None:
            params = f"a list of {kind.min_checks} or more checks"
        else:
            params = ", ".join(
                ("→" if p.pointer or p.pointers else "") + name + ("" if p.required else "?") for name, p in kind.params.items()
            )
        doc = " ".join(kind.failures.__doc__.split("\n\n")[0].split())
        lines.append(f"| `{kind.name}` | {params} | {re.sub('``', '`', doc)} |")
    return lines


def test_the_kind_list_of_policies_readme_is_the_records():
    from tests.conftest import POLICIES

    text = (POLICIES / "README.md").read_text("utf-8")
    start, end = "<!-- kinds: generated from generator/core/kinds/, do not edit by hand -->", "<!-- kinds: end -->"
    listed = text.split(start, 1)[1].split(end, 1)[0].strip().splitlines()
    expected = _kind_lines()
    assert listed == expected, "policies/README.md lists other kinds than the records; paste:\n" + "\n".join(expected)


def test_a_missing_list_is_undecided_and_a_wrong_typed_one_counts_nothing():
    check = {"count_at_least": {"path": "/p", "value": 1}}
    assert isinstance(_run(check, {})[0][0], Undecided)
    (message,), _ = _run(check, {"p": {"a": 1}})
    assert not isinstance(message, Undecided) and ": 0" in message.en


# ---- issue 21: 近三年 are three different years, counts count distinct names, 其中 ≤ whole ----


def test_near_three_years_distinct_refuses_a_year_given_twice():
    check = {"years_within": {"items": "/t", "on": "/d", "last": 3, "distinct": True}}
    rows = [{"year": 2024}, {"year": 2024}, {"year": 2024}]
    messages, _ = _run(check, {"t": rows, "d": "2025-03-15"})
    assert [m.path for m in messages] == ["/t/1/year", "/t/2/year"]
    assert not isinstance(messages[0], Undecided) and "第 1 行" in messages[0].zh and "row 1" in messages[0].en
    rows[1]["year"], rows[2]["year"] = 2023, 2022
    assert not _run(check, {"t": rows, "d": "2025-03-15"})[0]


@pytest.mark.parametrize(
    ("names", "fails"),
    [(["甲公司", "乙公司", "丙公司"], False), (["甲公司", "甲公司", "甲公司"], True), (["甲公司", "乙公司", " 甲 公司"], True)],
)
def test_count_distinct_counts_each_name_once(names, fails):
    check = {"count_at_least": {"path": "/p", "value": 3, "distinct": "name", "where": {"field": "kind", "in": ["enterprise"]}}}
    partners = [{"name": n, "kind": "enterprise"} for n in names]
    messages, _ = _run(check, {"p": partners})
    assert bool(messages) is fails
    assert not fails or "同名只计一次" in messages[0].zh


def test_count_distinct_reads_a_name_one_level_down():
    check = {"count_at_least": {"path": "/o", "value": 2, "distinct": "occupation/name"}}
    same = [{"occupation": {"name": "焊工", "code": "6-18-02-04"}}, {"occupation": {"name": "焊工"}}]
    assert _run(check, {"o": same})[0]
    same[1]["occupation"]["name"] = "电工"
    assert not _run(check, {"o": same})[0]


@pytest.mark.parametrize(("part", "whole", "outcome"), [(5, 4, "error"), (0, 0, "error"), (4, 4, None), (2, 4, None)])
def test_share_within_refuses_a_part_above_its_whole_and_an_empty_whole(part, whole, outcome):
    check = {"share_at_least": {"part": "/p", "whole": "/w", "value": 40, "within": True}}
    messages, _ = _run(check, {"p": part, "w": whole})
    assert [type(m).__name__ for m in messages] == (["Message"] if outcome else [])


def test_each_within_refuses_a_row_whose_part_exceeds_its_total():
    check = {"each_at_least": {"items": "/t", "field": "advanced", "value": 0, "within": "total"}}
    rows = [{"year": 2022, "total": 100, "advanced": 50}, {"year": 2023, "total": 100, "advanced": 101}]
    (message,), _ = _run(check, {"t": rows})
    assert message.path == "/t/1/advanced" and not isinstance(message, Undecided)


def test_average_within_refuses_a_part_above_its_row_total():
    check = {
        "average_at_least": {
            "items": "/t",
            "field": "hs",
            "last": 1,
            "value": 1000,
            "within": "total",
            "name": {"zh": "均", "en": "avg"},
        }
    }
    rows = [{"year": 2021, "total": 500, "hs": 5000}, {"year": 2024, "total": 3000, "hs": 3001}]
    (message,), _ = _run(check, {"t": rows})
    assert message.path == "/t/1/hs"
    rows[1]["hs"] = 3000
    assert not _run(check, {"t": rows})[0]


def test_a_window_of_years_requires_one_row_not_last_rows():
    from generator.core.reads import leaf_needs

    assert ("/t", 1) in leaf_needs("years_within", {"items": "/t", "on": "/d", "last": 3})
    assert ("/t", 3) in leaf_needs("average_at_least", {"items": "/t", "field": "x", "last": 3, "value": 1})


def test_identity_numbers_and_credit_codes_refuse_a_trailing_newline():
    from generator.core.identifiers import resident_id_problem as problem

    assert problem("150102198003150010") is None
    assert problem("150102198003150010\n") == "shape"
    assert credit_code_problem("91150100MA0N2Y6X1C\n") == "shape"
