"""The browser's Python files, trimmed to what the validator imports and compiled ahead.

Run inside Pyodide by ``web/build-python.mjs`` at build time (the bytecode must be
Pyodide's own Python's, which the build machine's CPython is not): it exercises the
validator as the browser does (every program's schema, every example checked and
explained, the all-programs match, unusable input), then writes

* ``python_stdlib.zip``: only the standard-library modules that were imported, each as an
  unchecked hash-based ``.pyc`` with its ``.py`` dropped. Pyodide mounts it as
  ``/lib/python314.zip``; zipimport loads the ``.pyc`` without compiling anything.
  Compiling the sources was most of a first start (4.2 s → 1.2 s in Node);
* ``site-packages.zip``: every installed wheel (the validation core, jsonschema and its
  dependencies, their data files and ``.dist-info``), ``.py`` compiled the same way, for
  ``pyodide.unpackArchive`` into site-packages.

The pure parts (`compiled_pyc`, `zip_tree`, `stdlib_members`, `site_packages_members`)
are tested in CPython.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from pathlib import Path, PurePosixPath

STDLIB_ZIP = "/lib/python314.zip"
# Imported on paths the exercise may not take (a Python error shown to the page is
# formatted by traceback; warnings on a deprecated call), so they are always kept.
# Docstrings and asserts dropped (as ``python -OO``): a sixth of the bytes. The standard
# library and these wheels run so (attrs and typing_extensions only copy ``__doc__``,
# None included); the browser tests run the validator on these very files.
OPTIMIZE = 2
ALWAYS_KEPT = ("traceback", "linecache", "tokenize", "token", "warnings", "textwrap", "difflib", "string")


def compiled_pyc(source: bytes, filename: str, optimize: int = 0) -> bytes:
    """``source`` as an unchecked hash-based .pyc whose code objects name ``filename``."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def zip_tree(files: dict[str, bytes]) -> bytes:
    """A deflated zip of ``{member name: bytes}``, members sorted, times fixed (reproducible)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def stdlib_members(module_files: set[str], prefix: str = STDLIB_ZIP) -> set[str]:
    """The zip members (``json/decoder.py``) behind the imported modules' ``__file__``s."""
    root = prefix.rstrip("/") + "/"
    return {name.removeprefix(root) for name in module_files if name.startswith(root) and name.endswith(".py")}


def precompiled_stdlib(stdlib: bytes, members: set[str]) -> bytes:
    """The stdlib zip reduced to ``members``, each compiled to ``.pyc`` in place of its ``.py``."""
    files = {}
    with zipfile.ZipFile(io.BytesIO(stdlib)) as archive:
        names = set(archive.namelist())
        missing = members - names
        if missing:
            raise ValueError(f"not in the stdlib zip: {sorted(missing)}")
        for name in members:
            files[name.removesuffix(".py") + ".pyc"] = compiled_pyc(archive.read(name), f"{STDLIB_ZIP}/{name}", OPTIMIZE)
    return zip_tree(files)


def _owning_package(name: str, tree: set[str]) -> str | None:
    """The nearest folder above ``name`` holding an ``__init__.py``, as its ``__init__.py``."""
    parts = PurePosixPath(name).parts[:-1]
    for depth in range(len(parts), 0, -1):
        init = "/".join((*parts[:depth], "__init__.py"))
        if init in tree:
            return init
    return None


def site_packages_members(tree: set[str], imported: set[str]) -> set[str]:
    """What the browser needs of an installed tree (member names relative to site-packages).

    The modules that were imported; the data files of imported packages (folders without an
    ``__init__.py`` belong to the package above them: jsonschema-specifications' schemas);
    each distribution's metadata (``importlib.metadata`` reads versions) and licences, not its
    RECORD. Type stubs (``.pyi``, ``py.typed``) are for type checkers only.
    Packages never imported (tests, the CLI, the site writers and their templates) are left out.
    """
    kept = set()
    for name in tree:
        top = PurePosixPath(name).parts[0]
        if "__pycache__" in PurePosixPath(name).parts or name.endswith((".pyi", "/py.typed")):
            continue
        if top.endswith(".dist-info"):
            if not name.endswith("/RECORD"):
                kept.add(name)
        elif name.endswith(".py"):
            if name in imported:
                kept.add(name)
        elif (package := _owning_package(name, tree)) is not None and package in imported:
            kept.add(name)
    return kept


def metadata_headers(metadata: bytes) -> bytes:
    """A METADATA file without its long description (the body after the headers)."""
    head, _, _ = metadata.replace(b"\r\n", b"\n").partition(b"\n\n")
    return head + b"\n"


def precompiled_tree(root: Path, imported_files: set[str]) -> bytes:
    """The needed files under ``root``, ``.py`` compiled to ``.pyc`` (sourceless import), as a zip."""
    tree = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    prefix = root.as_posix().rstrip("/") + "/"
    imported = {name.removeprefix(prefix) for name in imported_files if name.startswith(prefix)}
    files = {}
    for name in site_packages_members(tree, imported):
        data = (root / name).read_bytes()
        if name.endswith(".dist-info/METADATA"):
            files[name] = metadata_headers(data)
        elif name.endswith(".py"):
            files[name.removesuffix(".py") + ".pyc"] = compiled_pyc(data, prefix + name, OPTIMIZE)
        else:
            files[name] = data
    return zip_tree(files)


def exercise(catalog_text: str, examples: list[tuple[str, str]]) -> int:
    """Everything the worker asks of the core, so that every module it needs gets imported."""
    from generator.core import browser

    programs = browser.load_catalog(catalog_text)
    browser.input_limits()
    for program in programs:
        json.loads(browser.schema_text(program["id"]))
    for program, text in examples:
        for explain in (False, True):
            json.loads(browser.check_text(program, text, None, explain))
        json.loads(browser.match_text(text))
    json.loads(browser.check_text(programs[0]["id"], '{"x": ', None, False))
    json.loads(browser.check_text("no/such-program", "{}", None, False))
    json.loads(browser.match_text("[]"))
    for name in ALWAYS_KEPT:
        __import__(name)
    return len(programs)


def imported_files() -> set[str]:
    files = set()
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or getattr(module, "__file__", None)
        if isinstance(origin, str):
            files.add(origin)
    return files


def build(catalog_path: str, examples_path: str, stdlib_path: str, site_packages: str, out: str) -> dict:
    """Exercise the core, then write both zips into ``out``; returns what was kept, for the log."""
    examples = json.loads(Path(examples_path).read_text("utf-8"))
    programs = exercise(Path(catalog_path).read_text("utf-8"), [(e["program"], e["text"]) for e in examples])
    imported = imported_files()
    members = stdlib_members(imported)
    stdlib = precompiled_stdlib(Path(stdlib_path).read_bytes(), members)
    packages = precompiled_tree(Path(site_packages), imported)
    Path(out, "python_stdlib.zip").write_bytes(stdlib)
    Path(out, "site-packages.zip").write_bytes(packages)
    return {"programs": programs, "examples": len(examples), "stdlib_modules": len(members)}
