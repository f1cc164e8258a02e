"""The published schemas mean one thing in every validator (issue 21).

Each program's examples and mutants made of them (a trailing newline on a text, a space in an
e-mail address, a number out of range, a field left out or of another type…) go through three
independent JSON Schema 2020-12 validators: Python's jsonschema (what the CLI and the browser
run), ajv with ajv-formats (npm, pinned in web/package.json) and jsonschema-rs (Rust, pinned in
the dev extra). All three must give the same verdict on every document, and the checker must
report a schema error on every document they refuse.
"""

from __future__ import annotations

import copy
import json
import random
import shutil

import jsonschema
import pytest

from generator.core import check
from tests.conftest import EXAMPLES
from tests.test_ajv import AJV, _ajv, _schemas

jsonschema_rs = pytest.importorskip("jsonschema_rs")
pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not AJV.is_file(), reason="needs node and web/node_modules (make setup)"
)

MUTANTS_PER_EXAMPLE = 25

# Texts that one validator or another has been seen to read differently (issue 21, item 10).
_TEXT_EDITS = [
    lambda s: s + "\n",
    lambda s: s + "\r\n",
    lambda s: "\n" + s,
    lambda s: s.replace("@", " @", 1) if "@" in s else s + " ",
    lambda s: s.replace(".", "..", 1) if "." in s else s + ".",
    lambda s: s.replace("@", "@@", 1) if "@" in s else s[:-1],
    lambda s: "",
    lambda s: s + "x",
    lambda s: s[:-1],
    lambda s: s.upper() if s != s.upper() else s.lower(),
    lambda s: s[:4] + "-13" + s[7:] if len(s) >= 7 and s[4] == "-" else s + "\n",  # a 13th month
    lambda s: s[:8] + "30" if len(s) == 10 and s[4] == s[7] == "-" else s + "\t",  # 30 February and like
]
_NUMBER_EDITS = [lambda n: -n - 1, lambda n: n + 0.5, lambda n: 10**400, lambda n: str(n), lambda n: 0, lambda n: 1e308]


def _leaves(node, pointer=()):
    yield pointer, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*pointer, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*pointer, index))


def _set(document, pointer, value):
    node = document
    for token in pointer[:-1]:
        node = node[token]
    if value is _DELETE:
        del node[pointer[-1]]
    else:
        node[pointer[-1]] = value


_DELETE = object()


def _mutant(document: object, rng: random.Random) -> object:
    mutant = copy.deepcopy(document)
    leaves = [(p, v) for p, v in _leaves(mutant) if p]
    strings = [(p, v) for p, v in leaves if isinstance(v, str)]
    pointer, value = rng.choice(strings if strings and rng.random() < 0.6 else leaves)
    if isinstance(value, str):
        new = rng.choice(_TEXT_EDITS)(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        new = rng.choice(_NUMBER_EDITS)(value)
    elif isinstance(value, list):
        new = rng.choice([[], value + value[:1], None])
    else:
        new = rng.choice([_DELETE, None, "", 0])
    if isinstance(pointer[-1], int) and new is _DELETE:
        new = None
    _set(mutant, pointer, new)
    return mutant


def _documents() -> list[dict]:
    rng = random.Random(21)
    documents = []
    for path in sorted(EXAMPLES.glob("*/*/*.json")):
        program, data = path.parent.relative_to(EXAMPLES).as_posix(), json.loads(path.read_text("utf-8"))
        name = path.relative_to(EXAMPLES).as_posix()
        documents.append({"schema": program, "name": name, "data": data})
        documents += [
            {"schema": program, "name": f"{name}#mutant-{i}", "data": _mutant(data, rng)} for i in range(MUTANTS_PER_EXAMPLE)
        ]
    return documents


def _json_safe(documents):
    """ajv reads JSON: a number beyond double range cannot travel, so such mutants stay in Python."""
    safe = []
    for document in documents:
        try:
            text = json.dumps(document["data"], allow_nan=False)
        except ValueError:
            continue
        if "1" + "0" * 400 not in text:
            safe.append(document)
    return safe


@pytest.fixture(scope="module")
def verdicts(vocabulary):
    schemas = _schemas()
    documents = _json_safe(_documents())
    ajv = _ajv(vocabulary, schemas, documents)
    assert ajv["compiled"] == dict.fromkeys(schemas), ajv["compiled"]
    python = {
        program: jsonschema.validators.validator_for(schema)(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        for program, schema in schemas.items()
    }
    rust = {program: jsonschema_rs.validator_for(schema, validate_formats=True) for program, schema in schemas.items()}
    rows = []
    for document, result in zip(documents, ajv["results"], strict=True):
        rows.append(
            {
                **document,
                "python": python[document["schema"]].is_valid(document["data"]),
                "ajv": result["valid"],
                "rust": rust[document["schema"]].is_valid(document["data"]),
                "ajv_errors": result["errors"],
            }
        )
    return rows


@pytest.fixture(scope="module")
def vocabulary():
    from generator.schemas.vocabulary import PATH
    from tests.test_ajv import SCHEMAS

    return json.loads((SCHEMAS / PATH).read_text("utf-8"))


def test_python_ajv_and_jsonschema_rs_give_the_same_verdict_on_every_document(verdicts):
    disagree = [
        (row["name"], {k: row[k] for k in ("python", "ajv", "rust")}, row["ajv_errors"][:2])
        for row in verdicts
        if not row["python"] == row["ajv"] == row["rust"]
    ]
    assert not disagree, f"{len(disagree)} of {len(verdicts)} documents: {disagree[:10]}"
    assert sum(not row["python"] for row in verdicts) > len(verdicts) / 4, "the mutants must refuse often enough to test"


def test_the_checker_reports_an_error_on_every_document_the_validators_refuse(verdicts, catalog):
    missed = [
        row["name"]
        for row in verdicts
        if not row["python"] and not check(catalog, row["schema"], row["data"], as_of="2025-03-15").has_errors
    ]
    assert not missed, missed[:10]


@pytest.mark.parametrize(
    ("pointer", "value"),
    [
        (("unit", "postcode"), "010010\n"),
        (("contact", "email"), "li min@example.com"),
        (("contact", "email"), "limin@example..com"),
        (("master", "id_number"), "150102198003150010\n"),
        (("master", "mobile"), "13900471001\n"),
    ],
)
def test_the_values_issue_21_found_are_refused_by_all_three(pointer, value, vocabulary, catalog):
    (example,) = [p for p in EXAMPLES.glob("cn-nm-hohhot/master-studio/valid-enterprise-national-expert.json")]
    data = json.loads(example.read_text("utf-8"))
    _set(data, pointer, value)
    schema = _schemas()["cn-nm-hohhot/master-studio"]
    document = {"schema": "cn-nm-hohhot/master-studio", "name": "x", "data": data}
    (result,) = _ajv(vocabulary, {"cn-nm-hohhot/master-studio": schema}, [document])["results"]
    python = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert (
        python.is_valid(data),
        result["valid"],
        jsonschema_rs.validator_for(schema, validate_formats=True).is_valid(data),
    ) == (
        False,
        False,
        False,
    )
    assert check(catalog, "cn-nm-hohhot/master-studio", data, as_of="2025-03-15").has_errors
