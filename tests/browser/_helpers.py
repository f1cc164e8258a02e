"""What the browser tests share: the site served on loopback, and the validator opened ready."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from playwright.sync_api import Page, expect

PROGRAM = "cn-nm-hohhot/master-studio"
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
