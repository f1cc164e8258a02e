"""A Content-Security-Policy for every page of the built site, as a ``<meta>`` in ``<head>``.

``policy-site csp SITE_DIR`` rewrites each HTML file under SITE_DIR with the
policy as the first child of ``<head>``, so it governs everything the page loads. The site
is static and may be hosted anywhere, hence a ``<meta>`` rather than a header. Run it after
``mkdocs build`` (the pages are final) and before the service-worker build (which records a
revision of each page). Running it again replaces the policy: the step is idempotent.

What the policy allows, and why:

* ``script-src 'self'`` plus the SHA-256 of each inline script of that page: mkdocs-material
  writes small inline scripts (its localStorage helpers, the anchor scroll fix) and nothing
  else may run. Inline JSON data blocks (``type="application/json"``) never run and need no hash.
* ``'wasm-unsafe-eval'``: Pyodide compiles WebAssembly. A ``<meta>`` policy binds the page,
  not the validator's module worker (a worker fetched from the network takes the policy of
  its own response's headers), so the page itself does not need it today; it is kept so the
  same policy can be sent as a header by a host, which would reach the worker too. It allows
  compiling WebAssembly only, not JavaScript ``eval``: Pyodide needs nothing more (checked in
  Chromium with the policy sent as a header on every response, worker included).
* ``style-src 'unsafe-inline'``: the theme and the diagrams set inline styles.
* ``img-src data:``: the theme's icons are inline ``data:`` SVGs.
* ``connect-src``/``worker-src 'self'``: the runtime, wheels, catalogue and search index
  all come from the site itself; nothing may be fetched from elsewhere.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
}
# Script types a browser runs (the HTML standard's JavaScript MIME types, and modules).
_RUNNABLE = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta\s+charset=[^>]*>", re.IGNORECASE)
CHARSET_SCAN_BYTES = 1024  # browsers look for <meta charset> only this far into the file


class CspError(Exception):
    """A page the policy cannot be written into; the message names the file and the fix."""


class _InlineScripts(HTMLParser):
    """The text of each inline script a browser would run, exactly as the page holds it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)  # script text is raw either way (CDATA content)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "script":
            return
        attributes = dict(attrs)
        runnable = (attributes.get("type") or "").strip().lower() in _RUNNABLE
        self._current = [] if runnable and "src" not in attributes else None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` of each inline script, hashed as the browser does (line ends as LF)."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    hashes = []
    for text in parser.scripts:
        normalized = text.replace("\r\n", "\n").replace("\r", "\n")
        digest = base64.b64encode(hashlib.sha256(normalized.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def policy_for(html: str) -> str:
    directives = {**BASE_POLICY, "script-src": [*BASE_POLICY["script-src"], *script_hashes(html)]}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_policy(html: str, where: str = "the page") -> str:
    """``html`` with the policy as the first child of ``<head>`` (replacing an earlier one)."""
    html = _META.sub("", html)
    head = _HEAD.search(html)
    if not head:
        raise CspError(f"{where} has no <head>: the policy must come before anything it governs")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    result = html[: head.end()] + meta + html[head.end() :]
    charset = _CHARSET.search(result.encode("utf-8"))
    if charset and charset.end() > CHARSET_SCAN_BYTES:
        raise CspError(
            f"{where}: the policy pushes <meta charset> past byte {CHARSET_SCAN_BYTES}, where browsers stop "
            "looking for it; move <meta charset> before the policy in the theme's template"
        )
    return result


def apply_to_site(site: Path) -> int:
    """Writes the policy into every HTML file under ``site``; returns how many."""
    pages = sorted(site.rglob("*.html"))
    if not pages:
        raise CspError(f"no HTML files under {site}: run `mkdocs build` first")
    for page in pages:
        raw = page.read_bytes().decode("utf-8")  # bytes, so the file's own line ends are kept
        page.write_bytes(with_policy(raw, str(page)).encode("utf-8"))
    return len(pages)
