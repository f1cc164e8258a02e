"""The browser validator's bundle, written into the built site.

``policy-site bundle --site site --wheels build/wheels --app-wheel WHEEL``
puts under ``site/assets/validator/``:

* ``pyodide/``: the Pyodide runtime from the npm package (``pyodide.mjs``, the ``.asm``
  files), with ``python_stdlib.zip`` trimmed to the modules the validator imports and
  ``site-packages.zip`` holding every wheel the validator needs, both compiled to ``.pyc``
  by Pyodide's own Python (``web/build-python.mjs`` running ``_precompile.py``): compiling
  the sources was most of a first start. The worker installs the wheels with
  ``unpackArchive`` (not ``loadPackage``, after which a memory snapshot fails), so
  ``pyodide-lock.json`` lists no package: nothing can be fetched from anywhere but this site;
* ``catalog.json``: the corpus as the core reads it (the CLI builds the very same dict);
* ``forms/<program id>.json``: what the page draws before Python has started (the program's
  form, its labels, the input limits), written by the very entry points the worker answers
  with (``generator.core.browser``), so the applicant types while Pyodide loads behind it;
* ``manifest.json``: what the worker loads, the files the page needs offline, a version that
  changes with any file and the date it was published (``write_manifest``);
* the page script and the worker from ``web/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from generator.core import browser
from generator.definitions import load_corpus
from generator.definitions.catalog import build_catalog, site_url_from
from generator.definitions.load import DEFAULT_POLICIES

ROOT = DEFAULT_POLICIES.parent
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
EXAMPLES = ROOT / "examples"
WEB_FILES = (
    "validate.js",
    "worker.mjs",
    "app.js",
    "form.js",
    "findings.js",
    "drafts.js",
    "match.js",
    "warm.js",
    "papers.mjs",
    "papers-docx.mjs",
    "papers-widths.mjs",
    "papers-buttons.js",
    "program-address.js",
    "program-choice.js",
    "form-rows.js",
    "worker-client.js",
    "worker-start.js",
    "verdict.js",
    "progress.js",
    "checklist.js",
    "finder.js",
    "status.js",
    "landing.js",
    "rules-version.js",
)
# The `docx` package's self-contained ES module, for the .docx of the papers (web/papers.mjs).
DOCX_MODULE = ("docx", "dist", "index.mjs")


class BundleError(Exception):
    """The bundle cannot be assembled; the message says which make target fixes it."""


def _empty_lock(source_lock: Path, out_lock: Path) -> None:
    """Pyodide's lock with no package: loadPyodide reads it, nothing is ever loaded from it."""
    lock = json.loads(source_lock.read_text("utf-8"))
    lock["packages"] = {}
    out_lock.write_text(json.dumps(lock, indent=1, sort_keys=True), "utf-8")


def _examples(examples: Path, programs: set[str]) -> list[dict]:
    """``{program, text}`` of every JSON example of a known program (examples/<program>/*.json)."""
    found = []
    for path in sorted(examples.rglob("*.json")):
        program = path.parent.relative_to(examples).as_posix()
        if program in programs:
            found.append({"program": program, "text": path.read_text("utf-8")})
    return found


def _python_files(out: Path, catalog: Path, examples: list[dict], wheels: list[Path]) -> None:
    """The trimmed, precompiled stdlib and site-packages zips, built in Node by Pyodide."""
    listing = out / "examples.json"
    listing.write_text(json.dumps(examples, ensure_ascii=False), "utf-8")
    script = Path(__file__).with_name("_precompile.py")
    command = [
        "node",
        str(ROOT / "web" / "build-python.mjs"),
        str(script),
        str(catalog),
        str(listing),
        str(out),
        *map(str, wheels),
    ]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BundleError("node is not installed: it builds the browser's Python files (make setup)") from None
    finally:
        listing.unlink(missing_ok=True)
    if completed.returncode != 0:
        raise BundleError(f"web/build-python.mjs failed:\n{completed.stdout}\n{completed.stderr}")


def _forms(out: Path, catalog_text: str) -> None:
    """``forms/<program id>.json``: each program's resolved schema and the input limits, from the
    same functions the worker calls (``load_catalog``, ``schema_text``, ``input_limits``)."""
    programs = browser.load_catalog(catalog_text)
    limits = browser.input_limits()
    for program in programs:
        path = out / "forms" / f"{program['id']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        schema = json.loads(browser.schema_text(program["id"]))
        path.write_text(json.dumps({"schema": schema, "limits": limits}, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _published() -> str:
    """When this bundle was published (now, or SOURCE_DATE_EPOCH for a reproducible build), UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def write_manifest(out: Path, published: str | None = None) -> dict:
    """``manifest.json`` for the bundle in ``out``: rewritten by every publish (a rebuild, or a
    patched catalogue), its ``version`` naming the caches that hold that bundle's files."""
    runtime = ("pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/site-packages.zip", "catalog.json")
    manifest = {
        "stdlib": "pyodide/python_stdlib.zip",
        "packages": "pyodide/site-packages.zip",
        "catalog": "catalog.json",
        "version": _version(out),
        # What a first start downloads, for its progress bar (bytes as the worker reads them).
        "sizes": {path: (out / path).stat().st_size for path in runtime if (out / path).is_file()},
        "published": published or _published(),
        # What the validator page loads besides the runtime, kept for offline use by its worker.
        "page": sorted(
            p.relative_to(out).as_posix()
            for p in out.rglob("*")
            if p.is_file() and ((p.suffix in (".js", ".mjs") and p.parent == out) or p.parent.is_relative_to(out / "forms"))
        ),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
    return manifest


def _version(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def build_bundle(
    site: Path,
    wheels_dir: Path,
    app_wheel: Path,
    node_modules: Path,
    policies: Path = DEFAULT_POLICIES,
    examples: Path = EXAMPLES,
) -> Path:
    runtime = node_modules / "pyodide"
    if not (runtime / "pyodide.asm.wasm").is_file():
        raise BundleError(f"no Pyodide runtime in {runtime}: run `make setup` (npm ci in web/)")
    wheels = sorted(wheels_dir.glob("*.whl"))
    if not any(w.name.startswith("jsonschema-") for w in wheels) or not any(w.name.startswith("rpds_py-") for w in wheels):
        raise BundleError(f"browser wheels missing in {wheels_dir}: run `make wheels`")
    if not app_wheel.is_file():
        raise BundleError(f"no wheel of this project at {app_wheel}: run `make wheels`")

    out = site / "assets" / "validator"
    if out.exists():
        shutil.rmtree(out)
    (out / "pyodide").mkdir(parents=True)
    for name in RUNTIME_FILES:
        shutil.copy2(runtime / name, out / "pyodide" / name)
    _empty_lock(runtime / "pyodide-lock.json", out / "pyodide" / "pyodide-lock.json")

    corpus = load_corpus(policies, check_sources=False)
    catalog = build_catalog(corpus, site_url=site_url_from(policies.parent / "mkdocs.yml"))
    catalog_text = json.dumps(catalog, ensure_ascii=False, separators=(",", ":"))
    (out / "catalog.json").write_text(catalog_text, "utf-8")
    _forms(out, catalog_text)
    _python_files(out / "pyodide", out / "catalog.json", _examples(examples, set(catalog["programs"])), [*wheels, app_wheel])
    for name in WEB_FILES:
        shutil.copy2(ROOT / "web" / name, out / name)
    shutil.copy2(node_modules.joinpath(*DOCX_MODULE), out / "docx.mjs")
    # The worker's start-up files; `version` names the caches (and the memory snapshot)
    # that hold them, so a rebuilt bundle never meets a stale snapshot.
    write_manifest(out)
    return out
