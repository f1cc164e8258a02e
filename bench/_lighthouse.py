"""Lighthouse scores of each page type, as a phone on a slow network would load them.

Lighthouse (pinned in ``bench/package.json``, installed into ``bench/node_modules`` the first
time this runs: `make test` never needs it) drives Debian's chromium (``CHROME_PATH``) against
the built site, served on a loopback port with gzip, as any static host sends it. Lighthouse
12.2.3 is the last to run on Node 20; with Chromium 140+ a few unscored audits error in its
trace engine, which leaves the scores unaffected.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGE_TYPES = {
    "home": "",
    "program": "programs/cn-nm-hohhot/master-studio/",
    "document": "documents/cn-nm-hohhot/master-studio-rules/",
    "comparison": "compare/master-studio/",
    "jurisdiction": "jurisdictions/cn-nm-chifeng/",
    "validator": "validate/",
    "changelog": "changelog/",
    "schema-reference": "schema-reference/cn-nm-hohhot/master-studio/",
    "guide": "guide/scaling/",
}
_COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".py")


class LighthouseBenchError(Exception):
    """Lighthouse could not be installed or run; the message says what to do."""


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it (as a static host would)."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
    }

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in _COMPRESSIBLE):
            return super().send_head()  # directory redirects, 404s, binary files
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data, self.done = data, False

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self) -> None:
        pass


def install() -> Path:
    """``bench/node_modules/.bin/lighthouse``, installed from bench/package.json if missing."""
    if LIGHTHOUSE.is_file():
        return LIGHTHOUSE
    npm = shutil.which("npm")
    if npm is None:
        raise LighthouseBenchError(
            "npm is not installed: install Node 20 and npm, or run `make bench BENCH_ARGS=--skip-lighthouse`"
        )
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund"], cwd=BENCH, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not LIGHTHOUSE.is_file():
        raise LighthouseBenchError(f"`npm install` in bench/ failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return LIGHTHOUSE


def _scores(lighthouse: Path, url: str, chrome: str, out: Path) -> dict[str, int]:
    command = [
        str(lighthouse), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}, check=False)
    if done.returncode != 0 or not out.is_file():
        raise LighthouseBenchError(f"lighthouse failed on {url} ({done.returncode}):\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text("utf-8"))
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def measure(site: Path, *, chrome: str | None = None) -> dict:
    """``{"pages": {page type: {category: score}}, "lowest": {category: score}}`` (mobile)."""
    chrome = chrome or shutil.which("chromium") or "/usr/bin/chromium"
    lighthouse = install()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages: dict[str, dict[str, int]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as scratch:
            for name, path in PAGE_TYPES.items():
                for lang, prefix in (("zh", ""), ("en", "en/")):
                    pages[f"{name}-{lang}"] = _scores(
                        lighthouse, base + prefix + path, chrome, Path(scratch) / f"{name}-{lang}.json"
                    )
    finally:
        server.shutdown()
        server.server_close()
    lowest = {category: min(scores[category] for scores in pages.values()) for category in CATEGORIES}
    return {"form_factor": "mobile", "pages": pages, "lowest": lowest}


if __name__ == "__main__":  # python -m bench._lighthouse [SITE]: the scores alone
    import sys

    print(json.dumps(measure(Path(sys.argv[1] if len(sys.argv) > 1 else BENCH.parent / "site")), indent=1))
