"""The browser validator's bundle, written into the built site.

``policy-site bundle --site site --wheels build/wheels --app-wheel WHEEL``
puts under ``site/assets/validator/``:

* ``pyodide/``: the Pyodide runtime from the npm package, every wheel the validator needs,
  and ``pyodide-lock.json`` rewritten by ``pyodide lockfile add-wheels`` so that
  ``loadPackage("jsonschema")`` resolves to those wheels, then trimmed to them: nothing
  can be fetched from anywhere but this site;
* ``catalog.json``: the corpus as the core reads it (the CLI builds the very same dict);
* ``manifest.json``: what the worker loads, and a version that changes with any file;
* the page script and the worker from ``web/``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from generator.definitions import load_corpus
from generator.definitions.catalog import build_catalog, site_url_from
from generator.definitions.load import DEFAULT_POLICIES

ROOT = DEFAULT_POLICIES.parent
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
BROWSER_PACKAGES = ["jsonschema"]  # loadPackage resolves its dependencies from the lock
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
    "verdict.js",
)
# The `docx` package's self-contained ES module, for the .docx of the papers (web/papers.mjs).
DOCX_MODULE = ("docx", "dist", "index.mjs")


class BundleError(Exception):
    """The bundle cannot be assembled; the message says which make target fixes it."""


def _lockfile_add_wheels(source_lock: Path, out_lock: Path, wheels: list[Path]) -> None:
    pyodide = Path(sys.executable).with_name("pyodide")
    command = [
        str(pyodide),
        "lockfile",
        "add-wheels",
        "--input",
        str(source_lock),
        "--output",
        str(out_lock),
        "--base-path",
        str(out_lock.parent),
        *map(str, wheels),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BundleError(f"pyodide lockfile add-wheels failed:\n{completed.stdout}\n{completed.stderr}")


def _trim_lock(lock_path: Path, shipped: set[str]) -> None:
    """Keep only the packages whose wheels the site ships (the runtime's own stay in the wasm)."""
    lock = json.loads(lock_path.read_text("utf-8"))
    lock["packages"] = {name: entry for name, entry in lock["packages"].items() if entry["file_name"] in shipped}
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), "utf-8")


def _version(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def build_bundle(site: Path, wheels_dir: Path, app_wheel: Path, node_modules: Path, policies: Path = DEFAULT_POLICIES) -> Path:
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
    for name in RUNTIME_FILES[:-1]:
        shutil.copy2(runtime / name, out / "pyodide" / name)
    for wheel in [*wheels, app_wheel]:
        shutil.copy2(wheel, out / "pyodide" / wheel.name)
    _lockfile_add_wheels(
        runtime / "pyodide-lock.json", out / "pyodide" / "pyodide-lock.json", [out / "pyodide" / w.name for w in wheels]
    )
    _trim_lock(out / "pyodide" / "pyodide-lock.json", {w.name for w in wheels})

    corpus = load_corpus(policies, check_sources=False)
    catalog = build_catalog(corpus, site_url=site_url_from(policies.parent / "mkdocs.yml"))
    (out / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False, separators=(",", ":")), "utf-8")
    for name in WEB_FILES:
        shutil.copy2(ROOT / "web" / name, out / name)
    shutil.copy2(node_modules.joinpath(*DOCX_MODULE), out / "docx.mjs")
    manifest = {"packages": BROWSER_PACKAGES, "wheel": app_wheel.name, "catalog": "catalog.json", "version": _version(out)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
    return out
