"""The browser's Python files: which modules are kept and how they are compiled (CPython).

The real build runs these functions inside Pyodide (web/build-python.mjs); the browser
tests then run the validator on what they wrote.
"""

from __future__ import annotations

import importlib.util
import io
import marshal
import zipfile

import pytest

from generator.site import _precompile


def test_a_compiled_file_is_an_unchecked_hash_pyc_of_its_source():
    source = b'"""Doc."""\nVALUE = 6 * 7\nassert VALUE\n'
    pyc = _precompile.compiled_pyc(source, "/lib/python314.zip/answer.py", optimize=2)
    assert pyc[:4] == importlib.util.MAGIC_NUMBER
    assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based, not checked against the source
    assert pyc[8:16] == importlib.util.source_hash(source)
    code = marshal.loads(pyc[16:])
    assert code.co_filename == "/lib/python314.zip/answer.py"
    namespace = {}
    exec(code, namespace)
    assert namespace["VALUE"] == 42
    assert namespace.get("__doc__") is None  # optimize=2 drops docstrings


def test_the_zip_is_reproducible_and_sorted():
    files = {"b.pyc": b"2", "a/x.json": b"{}"}
    first, second = _precompile.zip_tree(files), _precompile.zip_tree(dict(reversed(files.items())))
    assert first == second
    assert zipfile.ZipFile(io.BytesIO(first)).namelist() == ["a/x.json", "b.pyc"]


def test_only_imported_stdlib_modules_are_kept():
    files = {"/lib/python314.zip/json/__init__.py", "/lib/python314.zip/json/decoder.py", "/lib/python3.14/site-packages/x.py"}
    assert _precompile.stdlib_members(files) == {"json/__init__.py", "json/decoder.py"}


def test_the_stdlib_zip_holds_pyc_in_place_of_py():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("json/__init__.py", "X = 1\n")
        archive.writestr("tkinter/__init__.py", "Y = 2\n")
    reduced = zipfile.ZipFile(io.BytesIO(_precompile.precompiled_stdlib(buffer.getvalue(), {"json/__init__.py"})))
    assert reduced.namelist() == ["json/__init__.pyc"]
    with pytest.raises(ValueError, match="not in the stdlib zip"):
        _precompile.precompiled_stdlib(buffer.getvalue(), {"missing.py"})


def test_site_packages_keep_imported_modules_their_data_and_metadata():
    tree = {
        "jsonschema/__init__.py",
        "jsonschema/validators.py",
        "jsonschema/tests/__init__.py",
        "jsonschema/tests/test_x.py",
        "jsonschema/tests/data.json",
        "jsonschema_specifications/__init__.py",
        "jsonschema_specifications/schemas/draft202012/metaschema.json",
        "jsonschema-4.26.0.dist-info/METADATA",
        "jsonschema-4.26.0.dist-info/RECORD",
        "generator/__init__.py",
        "generator/site/__init__.py",
        "generator/site/templates/page.md.j2",
        "jsonschema/__pycache__/validators.cpython-314.pyc",
        "jsonschema/__init__.pyi",
        "jsonschema/py.typed",
    }
    imported = {
        "jsonschema/__init__.py",
        "jsonschema/validators.py",
        "jsonschema_specifications/__init__.py",
        "generator/__init__.py",
    }
    assert _precompile.site_packages_members(tree, imported) == {
        "jsonschema/__init__.py",
        "jsonschema/validators.py",
        "jsonschema_specifications/__init__.py",
        "jsonschema_specifications/schemas/draft202012/metaschema.json",
        "jsonschema-4.26.0.dist-info/METADATA",
        "generator/__init__.py",
    }


def test_a_site_packages_tree_is_compiled_and_zipped(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("A = 1\n", "utf-8")
    (tmp_path / "pkg" / "data.txt").write_text("hi", "utf-8")
    archive = zipfile.ZipFile(io.BytesIO(_precompile.precompiled_tree(tmp_path, {str(tmp_path / "pkg" / "__init__.py")})))
    assert sorted(archive.namelist()) == ["pkg/__init__.pyc", "pkg/data.txt"]
    code = marshal.loads(archive.read("pkg/__init__.pyc")[16:])
    assert code.co_filename == f"{tmp_path.as_posix()}/pkg/__init__.py"


def test_metadata_keeps_its_headers_not_the_long_description():
    metadata = b"Metadata-Version: 2.4\r\nName: jsonschema\r\nVersion: 4.26.0\r\n\r\n# jsonschema\n\nA long README.\n"
    assert _precompile.metadata_headers(metadata) == b"Metadata-Version: 2.4\nName: jsonschema\nVersion: 4.26.0\n"
