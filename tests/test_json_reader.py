"""The JSON reader's refusals, placed where an editor would show them, on any line.

More of the reader's refusals are in tests/test_mutation_kills.py; these place them past the
first lines (a column counts from the newline just before, not from the first one, nor from
a newline that opens the file) and measure the depth of a document whose earlier branches
have closed.
"""

from __future__ import annotations

import pytest

from generator.core.inputs import MAX_DEPTH, parse_application
from generator.errors import UnusableInputError


def _english_refusal(text: str) -> str:
    with pytest.raises(UnusableInputError) as caught:
        parse_application(text)
    return caught.value.en


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"a": 1,\n "b": 2,\n "c": NaN}', 3, 7),  # two newlines before: counted from the last
        ('\n{"a": NaN}', 2, 7),  # the only newline opens the file
        ('{\n\n\n "long name": -Infinity}', 4, 15),
    ],
)
def test_a_number_json_does_not_allow_is_placed_on_its_own_line(text, line, column):
    assert f"at line {line}, column {column} is not a number JSON allows" in _english_refusal(text)


@pytest.mark.parametrize(
    ("text", "escape", "line", "column"),
    [
        ('{"a": 1,\n "b": 2,\n "c": "x\\ud800"}', "\\ud800", 3, 9),
        ('\n{"a": "\\udc00"}', "\\udc00", 2, 8),
    ],
)
def test_a_lone_surrogate_is_placed_on_its_own_line(text, escape, line, column):
    assert f"{escape} at line {line}, column {column} is an unpaired" in _english_refusal(text)


def test_the_number_refused_is_named_as_written():
    assert _english_refusal('{"a": -Infinity}').startswith("Not valid JSON: -Infinity at line 1, column 7")
    assert _english_refusal('{"a": 2e999}').startswith("Not valid JSON: 2e999 at line 1, column 7")


def test_closed_branches_do_not_lower_the_depth_of_a_later_one():
    """A document too deep by one, after many closed arrays: each closing bracket undoes one opening."""
    closed = "[]," * (MAX_DEPTH * 2)

    def document(inner: int) -> str:  # an object, an array, then ``inner`` arrays in one another
        return '{"a": [' + closed + "[" * inner + "]" * inner + "]}"

    with pytest.raises(UnusableInputError, match=str(MAX_DEPTH)):
        parse_application(document(MAX_DEPTH - 1))  # MAX_DEPTH + 1 levels
    assert isinstance(parse_application(document(MAX_DEPTH - 2)), dict)
