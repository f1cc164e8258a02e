"""The rule kinds at their boundaries: 以上/以下/不少于/不低于 include the stated number."""

from __future__ import annotations

import pytest

from generator.core._reader import Reader
from generator.core.identifiers import credit_code_problem, resident_id_birth_date, resident_id_problem
from generator.core.rules import Undecided, condition_holds, run_check


def _run(check, application):
    reader = Reader(application, lambda pointer: {"zh": pointer, "en": pointer})
    return list(run_check(reader, check)), reader.trail


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
    assert condition_holds(reader, {"path": "/t", "in": ["enterprise"]})
    assert not condition_holds(reader, {"path": "/t", "in": ["school"]})
    assert condition_holds(reader, {"path": "/c", "present": True})
    assert not condition_holds(reader, {"path": "/missing", "present": True})


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
    from generator.core.rules import read_pointers

    check = {
        "any_of": [
            {"share_at_least": {"part": "/a", "whole": "/b", "value": 1}},
            {"matches_template": {"path": "/studio/name", "template": "呼和浩特市{/master/name}技能大师工作室"}},
        ]
    }
    assert list(read_pointers(check)) == ["/a", "/b", "/studio/name", "/master/name"]
