"""What `policy-site bundle` writes for the page to draw before Python starts, and the
manifest a publish rewrites (issue #20). The full bundle is built by `make site`; these
check the parts that decide what the applicant sees."""

from __future__ import annotations

import json

from generator.core import browser
from generator.definitions.catalog import build_catalog
from generator.site.bundle import _forms, _published, write_manifest


def test_each_program_form_is_what_the_worker_would_answer(corpus, tmp_path):
    text = json.dumps(build_catalog(corpus), ensure_ascii=False)
    _forms(tmp_path, text)
    programs = browser.load_catalog(text)
    assert {p.relative_to(tmp_path / "forms").with_suffix("").as_posix() for p in (tmp_path / "forms").rglob("*.json")} == {
        program["id"] for program in programs
    }
    for program in programs:
        written = json.loads((tmp_path / "forms" / f"{program['id']}.json").read_text("utf-8"))
        assert written == {"schema": json.loads(browser.schema_text(program["id"])), "limits": browser.input_limits()}


def test_the_manifest_names_the_page_files_and_a_version_that_changes_with_any_file(tmp_path):
    for name in ("app.js", "docx.mjs", "catalog.json", "forms/cn/a.json", "pyodide/pyodide.asm.wasm"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, "utf-8")
    first = write_manifest(tmp_path, "2026-12-01T00:00:00Z")
    assert first["page"] == ["app.js", "docx.mjs", "forms/cn/a.json"]  # not the runtime, not the catalogue
    assert first["published"] == "2026-12-01T00:00:00Z"
    assert json.loads((tmp_path / "manifest.json").read_text("utf-8")) == first
    (tmp_path / "catalog.json").write_text("a changed rule", "utf-8")
    assert write_manifest(tmp_path, "2026-12-02T00:00:00Z")["version"] != first["version"]


def test_a_reproducible_build_is_published_at_its_source_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    assert _published() == "2025-12-01T00:00:00Z"
