"""What the browser tests share: the site served on loopback, the validator opened ready, and
the axe-core audit."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from playwright.sync_api import Page, expect

from tests.conftest import ROOT

PROGRAM = "cn-nm-hohhot/master-studio"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
READY_TIMEOUT = 120_000  # ms: Pyodide starts in about 6 s here; generous for a loaded 2-core CI


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder with the types the validator needs, logging nothing."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
    }

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """``folder`` on a free loopback port, as `make serve` serves the site; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def open_validator(page: Page, site_url: str, lang: str = "zh", program: str = PROGRAM, query: str = "") -> None:
    """The validator page for ``program``, waited on until Pyodide is ready.

    ``query``: more of the page's query string, e.g. ``&snapshot=off`` (a normal start-up).
    """
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}validate/?program={program}{query}")
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)


def serious_accessibility_violations(page: Page, scope: str = "document") -> list[str]:
    """axe-core's serious and critical violations within ``scope`` (a selector, or the whole
    document), one line each. axe is evaluated by the test harness, not added as a script of
    the page, so the site's Content-Security-Policy (which rightly refuses it) stays on."""
    page.evaluate(AXE.read_text("utf-8"))
    target = scope if scope == "document" else repr(scope)
    violations = page.evaluate(f"axe.run({target}, {{resultTypes: ['violations']}}).then(r => r.violations)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
