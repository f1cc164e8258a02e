"""Bytes a visit costs: as served here (raw) and as a static host would send them (gzip -9).

Static hosts compress text and WebAssembly on the fly; they send archives (.zip, .whl),
images and fonts as they are, because those are compressed already. So the "gzip" figure
is gzip -9 of every text or .wasm response and the raw size of everything else.
"""

from __future__ import annotations

import gzip
import posixpath
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Suffixes a host compresses. Everything else is counted at its raw size.
COMPRESSIBLE = frozenset({".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".wasm", ".map", ".ico"})
COUNTING_RULE = (
    "raw: response bodies as served; gzip: gzip -9 of each .html/.js/.mjs/.css/.json/.svg/.xml/.txt/.wasm/.ico "
    "response, others (.zip, .whl, .png, .woff2, .gz) at their raw size since hosts send archives and images "
    "as they are; headers not counted"
)


def gzip_size(data: bytes) -> int:
    """Size of ``data`` after gzip -9 (fixed mtime, so the size never depends on the clock)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def is_compressible(name: str) -> bool:
    return posixpath.splitext(name.lower())[1] in COMPRESSIBLE


def host_size(name: str, data: bytes) -> int:
    """What a static host sends for a file called ``name`` holding ``data``."""
    return gzip_size(data) if is_compressible(name) else len(data)


def file_for(site: Path, request_path: str) -> Path | None:
    """The file under ``site`` that a request target is served from (None if outside or missing)."""
    path = unquote(urlsplit(request_path).path)
    candidate = (site / path.lstrip("/")).resolve()
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if not candidate.is_file() or not candidate.is_relative_to(site.resolve()):
        return None
    return candidate


class HostSizes:
    """``host_size`` per file, computed once: the wasm alone takes a second to gzip."""

    def __init__(self, site: Path):
        self.site = site
        self._cache: dict[Path, int] = {}

    def __call__(self, request_path: str, raw_bytes: int) -> int:
        path = file_for(self.site, request_path)
        if path is None:
            return raw_bytes  # a 404 page or a redirect: counted as sent
        if path not in self._cache:
            self._cache[path] = host_size(path.name, path.read_bytes())
        # A response cut short (the page went away) costs at most what was sent.
        return min(self._cache[path], raw_bytes) if raw_bytes < path.stat().st_size else self._cache[path]


def totals(responses: Iterable[tuple[str, int]], sizes: HostSizes) -> dict:
    """``{"requests", "raw_bytes", "gzip_bytes"}`` for ``(request path, body bytes)`` pairs."""
    requests = raw = compressed = 0
    for request_path, body_bytes in responses:
        requests += 1
        raw += body_bytes
        compressed += sizes(request_path, body_bytes)
    return {"requests": requests, "raw_bytes": raw, "gzip_bytes": compressed}
