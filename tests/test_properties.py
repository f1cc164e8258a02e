"""Generated documents: the core never crashes, and schema-valid documents stay schema-valid."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator.core import application_schema, check, parse_application
from generator.errors import UnusableInputError
from tests.conftest import POLICIES

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
        assert all(f.severity in ("error", "warning", "review") for f in result.findings)

    run()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_parse_or_are_refused_cleanly(data):
    try:
        assert isinstance(parse_application(data), dict)
    except UnusableInputError as error:
        message = error.bilingual()
        assert message["zh"] and message["en"]
