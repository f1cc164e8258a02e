"""Browser tests: the built site/ served on loopback, driven in Debian's Chromium.

Playwright cannot download its own browsers here; `make test` installs Debian's chromium
and builds the site first. No test mocks the browser, Pyodide or the site.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser._helpers import serving
from tests.conftest import ROOT

SITE = ROOT / "site"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # The last three stop Chromium's own calls home, which this closed network refuses.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def site_url():
    """The built site on a free loopback port, as `make serve` serves it."""
    if not (SITE / "assets" / "validator" / "manifest.json").is_file():
        pytest.fail("site/ is not built with the validator bundle: run `make site` (make test does)")
    with serving(SITE) as url:
        yield url


@pytest.fixture
def outside_requests(context, site_url):
    """Every request the page makes that does not go to the site's own origin."""
    seen = []
    context.on("request", lambda request: seen.append(request.url) if not request.url.startswith(site_url) else None)
    return seen
