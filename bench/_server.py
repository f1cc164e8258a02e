"""The built site on a loopback port, as `make serve` serves it, with a log of what it sent.

The log is the ground truth for "bytes on the wire": it sees the page's, the worker's and
the service worker's requests alike, which the browser's own events report in three places.
Times are wall-clock epoch milliseconds so they compare with the page's
``performance.timeOrigin + performance.now()``.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class Served:
    """One response the server finished sending."""

    path: str  # the request target, query string included
    status: int
    body_bytes: int
    finished_ms: float  # epoch milliseconds
    referer: str  # who asked: the page, the validator's worker, or the service worker (sw.js)


class _LoggingHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",  # streaming compilation needs it
        ".mjs": "text/javascript",
    }

    def __init__(self, *args, log: list[Served], lock: threading.Lock, **kwargs):
        self._log, self._lock = log, lock
        super().__init__(*args, **kwargs)

    def copyfile(self, source, outputfile):
        # Counted while copying so a response cut short counts only what went out.
        while chunk := source.read(64 * 1024):
            outputfile.write(chunk)
            self._body_bytes += len(chunk)

    def log_request(self, code="-", size="-"):
        self._status = int(code) if str(code).isdigit() else 0

    def handle_one_request(self):
        self._status, self._body_bytes = 0, 0
        super().handle_one_request()
        if getattr(self, "command", None):
            served = Served(
                path=self.path,
                status=self._status,
                body_bytes=self._body_bytes,
                finished_ms=time.time() * 1000,
                referer=(self.headers.get("Referer") or "") if self.headers else "",
            )
            with self._lock:
                self._log.append(served)

    def log_message(self, *args):
        pass


class SiteServer:
    """``with SiteServer(site) as server:`` serves ``site`` at ``server.url``."""

    def __init__(self, site: Path):
        self.site = site
        self._log: list[Served] = []
        self._lock = threading.Lock()
        handler = functools.partial(_LoggingHandler, directory=str(site), log=self._log, lock=self._lock)
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> SiteServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def log_since(self, start: int) -> list[Served]:
        with self._lock:
            return list(self._log[start:])

    def mark(self) -> int:
        """A position in the log; ``log_since(mark)`` returns what was served after it."""
        with self._lock:
            return len(self._log)
