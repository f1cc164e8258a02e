"""``policy-site papers``: the layout made here, the files drawn by web/papers.mjs under Node.

The validator page draws the same layout with the same module in the browser, so the CLI's
.html and .docx are the browser's, byte for byte in what they say.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from generator.errors import BilingualError
from generator.papers.layout import papers_layout

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "web" / "papers-cli.mjs"
TIMEOUT_S = 120


class PapersRendererError(BilingualError):
    """Node or the web/ packages the papers are drawn with are missing or failed."""


def write_papers(
    catalog: dict,
    program_id: str,
    application: object,
    counts: dict,
    out: Path,
    *,
    draft: bool = False,
    as_of: str | None = None,
) -> tuple[list[Path], list[dict]]:
    """Writes ``<form>-<unit>.html`` and ``.docx`` into ``out``; returns their paths and the
    fields left blank on them (``{pointer, label}``), to fill in by hand."""
    node = shutil.which("node")
    if node is None:
        raise PapersRendererError(
            "找不到 node：生成申报文件需要 Node.js（与浏览器共用 web/papers.mjs），请先运行 make setup",
            "node not found: the papers are drawn by web/papers.mjs under Node.js; run `make setup` first",
        )
    if not (ROOT / "web" / "node_modules" / "docx").is_dir():
        raise PapersRendererError(
            "缺少 web/node_modules/docx：请先运行 make setup", "web/node_modules/docx is missing: run `make setup` first"
        )
    layout = papers_layout(catalog, program_id, application, counts, draft=draft, as_of=as_of)
    completed = subprocess.run(
        [node, str(SCRIPT), str(out)],
        input=json.dumps(layout, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT_S,
        check=False,
    )
    if completed.returncode != 0:
        raise PapersRendererError(
            f"生成申报文件失败：{completed.stderr.strip()}", f"Drawing the papers failed: {completed.stderr.strip()}"
        )
    return [Path(line) for line in completed.stdout.splitlines() if line.strip()], layout["blanks"]
