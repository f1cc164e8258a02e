"""Generated documents: the core never crashes, and schema-valid documents stay schema-valid.

Every rule kind is a total function: each value of each example application (every object
member and array item, at every depth) is replaced, one at a time, by some other JSON value:
null, objects, lists of objects, huge integers, floats, strings, booleans. ``check_text`` and
``match_text``, the browser's entry points, must then return strict JSON (no NaN or Infinity)
and never raise. A sweep replaces every value; hypothesis then tries arbitrary values at
sampled places.
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator.core import application_schema, browser, check, parse_application
from generator.core.pointers import join_pointer, split_pointer
from generator.core.reads import read_pointers
from generator.core.severity import SEVERITIES
from generator.errors import UnusableInputError
from tests.conftest import EXAMPLES, POLICIES

PROGRAMS = sorted(f"{p.parent.name}/{p.stem}" for p in (POLICIES / "programs").glob("*/*.yaml"))
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@pytest.mark.parametrize("program_id", PROGRAMS)
def test_schema_valid_documents_get_no_schema_findings_and_never_crash(catalog, program_id):
    @SETTINGS
    @given(from_schema(application_schema(catalog, program_id)))
    def run(document):
        result = check(catalog, program_id, document, as_of="2025-03-15")
        assert [f for f in result.findings if f.rule.startswith("schema/")] == []
        json.dumps(result.as_dict(explain=True), ensure_ascii=False)  # the report is always serialisable

    run()


@pytest.mark.parametrize("program_id", PROGRAMS)
def test_arbitrary_json_objects_never_crash_the_core(catalog, program_id):
    @SETTINGS
    @given(st.dictionaries(st.sampled_from(["program", "unit", "master", "studio", "training", "x"]), json_values))
    def run(document):
        result = check(catalog, program_id, document, as_of="2025-03-15")
        assert all(f.severity in SEVERITIES for f in result.findings)

    run()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_parse_or_are_refused_cleanly(data):
    try:
        assert isinstance(parse_application(data), dict)
    except UnusableInputError as error:
        message = error.bilingual()
        assert message["zh"] and message["en"]


NASTY = [None, {"a": 1}, [{"a": 1}], 10**400, -(10**400), 1.5e308, "x", True, [], {}, ["x", 1, None], 0]


def _places(node, tokens=()):
    """The pointer tokens of every value below the root."""
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in items:
        yield (*tokens, key)
        yield from _places(value, (*tokens, key))


EXAMPLE_FILES = sorted(EXAMPLES.glob("*/*/*.json"))
PLACES = [
    (f"{path.parent.parent.name}/{path.parent.name}", path, tokens)
    for path in EXAMPLE_FILES
    for tokens in _places(json.loads(path.read_text("utf-8")))
]
_DOCUMENTS = {path: json.loads(path.read_text("utf-8")) for path in EXAMPLE_FILES}


def _replaced(path, tokens, value) -> str:
    document = copy.deepcopy(_DOCUMENTS[path])
    node = document
    for token in tokens[:-1]:
        node = node[token]
    node[tokens[-1]] = value
    return json.dumps(document, ensure_ascii=False)


def _refuse_constant(name: str):
    raise AssertionError(f"the output holds {name}, which is not JSON")


def _strict(text: str) -> dict:
    return json.loads(text, parse_constant=_refuse_constant)


@pytest.fixture(scope="module", autouse=True)
def _browser_catalog(catalog):
    browser.load_catalog(json.dumps(catalog, ensure_ascii=False))


def _json_type(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value) if value is None else "boolean"
    return "number" if isinstance(value, (int, float)) else type(value).__name__


def _assert_checks(program_id: str, text: str, where: str, *, wrong_type: bool = False) -> None:
    """The check answers in both languages; a value of another JSON type than the form's is an error."""
    out = _strict(browser.check_text(program_id, text, as_of="2025-03-15"))
    assert "findings" in out or "unusable" in out, where
    for finding in out.get("findings", []):
        assert finding["message"]["zh"] and finding["message"]["en"], (where, finding)
        assert finding["severity"] in SEVERITIES, (where, finding)
    if wrong_type and "findings" in out:
        assert any(f["severity"] == "error" for f in out["findings"]), f"{where}: a value of the wrong type gave no error"


def _read_by_rules(catalog, program_id: str) -> set[str]:
    read = set()
    for rule in catalog["programs"][program_id]["all_rules"]:
        read.update(read_pointers(rule["check"]) if "check" in rule else ())
        read.update([rule["when"]["path"]] if "when" in rule else ())
    return read


def test_every_value_of_every_example_replaced_by_a_wrong_type_still_gives_findings(catalog):
    """Every field of every program's examples gets one of NASTY in turn; the values rules read
    (and their items) get the wrong types that broke kinds before: a list of objects, an
    object, a huge number, a string."""
    assert len(PLACES) > 1000  # the examples have thousands of values; a broken walk would find few
    read = {program_id: _read_by_rules(catalog, program_id) for program_id in {place[0] for place in PLACES}}
    seen = set()  # a program's examples share most fields: each field of each program once is enough
    for index, (program_id, path, tokens) in enumerate(PLACES):
        pointer = join_pointer(tokens)
        if (program_id, pointer) in seen:
            continue
        seen.add((program_id, pointer))
        is_read = pointer in read[program_id] or pointer.rsplit("/", 1)[0] in read[program_id]
        original = _value_at(path, tokens)
        for value in [[{"a": 1}], {"a": 1}, 10**400, "x"] if is_read else [NASTY[index % len(NASTY)]]:
            wrong = _json_type(value) != _json_type(original)
            _assert_checks(program_id, _replaced(path, tokens, value), f"{path.name} {pointer} = {value!r}", wrong_type=wrong)


def _value_at(path, tokens) -> object:
    node = _DOCUMENTS[path]
    for token in tokens:
        node = node[token]
    return node


any_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(place=st.sampled_from(PLACES), value=any_json)
def test_arbitrary_json_anywhere_in_an_example_never_breaks_check_text(place, value):
    program_id, path, tokens = place
    _assert_checks(program_id, _replaced(path, tokens, value), f"{path.name} {join_pointer(tokens)}")


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(place=st.sampled_from(PLACES), value=any_json)
def test_arbitrary_json_anywhere_in_an_example_never_breaks_match_text(place, value):
    _, path, tokens = place
    out = _strict(browser.match_text(_replaced(path, tokens, value), as_of="2025-03-15"))
    assert "programs" in out or "unusable" in out


@pytest.mark.parametrize("pointer", ["/program", "/master/honours", "/training", "/partners"])
@pytest.mark.parametrize("value", [["x"], [{"a": 1}], {"a": [1]}, 10**40])
def test_match_text_answers_for_any_value_of_the_fields_it_reads_first(pointer, value):
    """``policy-site match`` on ``{"program": ["x"]}`` raised in ``default_kind`` (issue #10)."""
    document: dict = {}
    node = document
    *parents, last = split_pointer(pointer)
    for token in parents:
        node = node.setdefault(token, {})
    node[last] = value
    out = _strict(browser.match_text(json.dumps(document), as_of="2025-03-15"))
    assert "programs" in out or "unusable" in out


@pytest.mark.parametrize(
    ("example", "pointer", "value"),
    [
        ("cn-nm/master-studio-regional/valid-public-institution-fund-share-exactly-half", "/master/honours", [{"a": 1}]),
        ("cn-nm/training-base-regional/valid-training-school-at-thresholds", "/training", [{"year": [2024], "total": {}}]),
        ("cn/skill-foundation-base/valid-leading-enterprise", "/equipment/robot_value", "860"),
    ],
)
def test_the_cli_reports_wrong_types_as_errors_without_a_traceback(tmp_path, example, pointer, value):
    import io

    from generator.cli import run

    path = EXAMPLES / f"{example}.json"
    tokens = tuple(int(t) if t.isdigit() else t for t in split_pointer(pointer))
    target = tmp_path / "application.json"
    target.write_text(_replaced(path, tokens, value), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", "--program", example.rsplit("/", 1)[0], "--format", "json", str(target)], out=out, err=err)
    assert code == 1 and "Traceback" not in err.getvalue()
    findings = _strict(out.getvalue())["findings"]
    assert any(f["severity"] == "error" and f["path"].startswith(pointer) for f in findings)
