"""The built site on a loopback port, as `make serve` serves it, with a log of what it sent.

The log is the ground truth for "bytes on the wire": it sees the page's, the worker's and
the service worker's requests alike, which the browser's own events report in three places.
Times are wall-clock epoch milliseconds so they compare with the page's
``performance.timeOrigin + performance.now()``.

With a ``Link`` (the phone-network profile) the server behaves like a host on a slow mobile
link: text and wasm sent gzip-compressed (as static hosts do), every response held back one
round trip, and the bytes of all responses together paced to the link's rate, shared by the
connections the browser opens (one link, as a phone has). Keep-alive (HTTP/1.1), so a round
trip is paid per request, not per connection too.
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import io
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from bench._sizes import is_compressible


@dataclass(frozen=True)
class Link:
    """A network link: its rate (bits a second, downstream) and round-trip time."""

    bits_per_s: float
    rtt_ms: float


# Slow 4G as issue #20 measured it: 1.6 Mbit/s down, 150 ms round trip, gzip.
PHONE = Link(bits_per_s=1.6e6, rtt_ms=150.0)
CHUNK = 16 * 1024


class _Pacer:
    """One link shared by every connection: each chunk waits for its turn on the wire."""

    def __init__(self, link: Link):
        self.link = link
        self._free_at = 0.0
        self._lock = threading.Lock()

    def send(self, write, data: bytes) -> None:
        for at in range(0, len(data), CHUNK):
            chunk = data[at : at + CHUNK]
            with self._lock:
                start = max(time.monotonic(), self._free_at)
                self._free_at = start + len(chunk) * 8 / self.link.bits_per_s
                done = self._free_at
            time.sleep(max(0.0, done - time.monotonic()))
            write(chunk)


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

    def __init__(self, *args, log: list[Served], lock: threading.Lock, pacer: _Pacer | None, gzipped: dict, **kwargs):
        self._log, self._lock, self._pacer, self._gzipped = log, lock, pacer, gzipped
        if pacer:
            self.protocol_version = "HTTP/1.1"
        super().__init__(*args, **kwargs)

    def copyfile(self, source, outputfile):
        # Counted while copying so a response cut short counts only what went out.
        try:
            while chunk := source.read(64 * 1024):
                if self._pacer:
                    self._pacer.send(outputfile.write, chunk)
                else:
                    outputfile.write(chunk)
                self._body_bytes += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the browser went away mid-response (a page closed)

    def send_head(self):
        if self._pacer:
            time.sleep(self._pacer.link.rtt_ms / 1000)  # the request's way there and the answer's back
            handled, body = self._send_gzipped_head()
            if handled:
                return body
        return super().send_head()

    def _send_gzipped_head(self):
        """A compressible file, gzip-compressed as a host sends it: (True, its body, or None
        after a 304); (False, None) for anything else."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return False, None  # the base class redirects
            path = path / "index.html"
        if not path.is_file() or not is_compressible(path.name) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return False, None
        modified = int(os.stat(path).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                if email.utils.parsedate_to_datetime(since).timestamp() >= modified:
                    self.send_response(304)
                    self.end_headers()
                    return True, None
            except (TypeError, ValueError):
                pass
        key = (path, modified)
        if key not in self._gzipped:
            self._gzipped[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self._gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return True, io.BytesIO(body)

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


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that hangs up mid-request (a page closed) is no error of the site's."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """``with SiteServer(site) as server:`` serves ``site`` at ``server.url``."""

    def __init__(self, site: Path, link: Link | None = None):
        self.site = site
        self._log: list[Served] = []
        self._lock = threading.Lock()
        pacer = _Pacer(link) if link else None
        handler = functools.partial(_LoggingHandler, directory=str(site), log=self._log, lock=self._lock, pacer=pacer, gzipped={})
        self._server = _QuietServer(("127.0.0.1", 0), handler)
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
