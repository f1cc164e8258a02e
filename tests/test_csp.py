"""The Content-Security-Policy step of the site build: hashes, placement, the command. No browser."""

from __future__ import annotations

import pytest

from generator.site.csp import CspError, script_hashes, with_policy
from tests.test_cli import policy_site

PAGE = (
    '<!doctype html><html><head>\r\n<meta charset="utf-8"><script>a()\r\n</script>'
    '<script type="application/json">{}</script><script src="x.js"></script></head></html>'
)


def test_the_policy_hashes_what_browsers_hash_and_can_be_applied_twice():
    once = with_policy(PAGE)
    assert once.index("Content-Security-Policy") < once.index("<meta charset")
    # Browsers hash the script's text with line ends as LF; data blocks and external scripts need no hash.
    assert script_hashes(PAGE) == ["'sha256-78Mb6dlYKSr4lLcPgR39KSZyUZtZQimBNqLd+C3BhA4='"]
    assert with_policy(once) == once
    with pytest.raises(CspError, match="<meta charset"):
        with_policy("<html><head>" + " " * 900 + '<meta charset="utf-8"></head></html>')  # fine alone, not after the policy


def test_the_command_writes_the_policy_into_every_page_keeping_line_ends(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_bytes(PAGE.encode("utf-8"))
    (tmp_path / "en" / "index.html").write_bytes(b"<html><head></head><body>\r\n</body></html>")
    run = policy_site("csp", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "written into 2 pages" in run.stdout
    for page in ("index.html", "en/index.html"):
        assert '<meta http-equiv="Content-Security-Policy"' in (tmp_path / page).read_text("utf-8")
    assert b"\r\n" in (tmp_path / "index.html").read_bytes()


def test_the_command_refuses_a_folder_without_pages_in_both_languages(tmp_path):
    run = policy_site("csp", tmp_path)
    assert run.returncode == 2
    assert "无法写入内容安全策略" in run.stderr and "no HTML files" in run.stderr


def test_the_bundle_command_says_what_to_run_when_pyodide_is_missing(tmp_path):
    run = policy_site("bundle", "--site", tmp_path, "--app-wheel", tmp_path / "none.whl", "--node-modules", tmp_path)
    assert run.returncode == 2
    assert "浏览器验证器包" in run.stderr and "make setup" in run.stderr
