"""The built pages are valid HTML: the Nu Html Checker (vnu) on one page of each kind, both languages.

``make html-check`` (part of ``make check``) runs vnu over every page of ``site/``; this runs it
over the pages that hold each kind of markup the project writes (the home page, a program, a
document's articles, the validator, a comparison, the maintainers' guide), so ``make test``
catches a template that stops being valid. Errors all fail; warnings fail but for those
tests/vnu-filter.txt lists with its reason (what vnu cannot know of pages read as files).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from generator.site._mkdocs_lang import mark_english_code
from tests.conftest import ROOT

SITE = ROOT / "site"
VNU = ROOT / "web" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FILTER = ROOT / "tests" / "vnu-filter.txt"
PAGES = [
    f"{lang}{page}"
    for lang in ("", "en/")
    for page in (
        "index.html",
        "programs/cn-nm-hohhot/master-studio/index.html",
        "documents/cn/mohrss-2022-62/index.html",
        "validate/index.html",
        "compare/master-studio/index.html",
        "guide/maintainers/index.html",
    )
]


FAULTS = {  # what the pages once had, put back into a copy of the validator page
    "markdown": ('class="validator"', 'class="validator" markdown="0"'),
    "tabindex": ('class="md-nav__link"', 'class="md-nav__link" tabindex=""'),
    "autocomplete": ('id="__drawer" form="__toggles"', 'id="__drawer" autocomplete="off"'),
    "aria-label": ("<p>", '<p><span class="differs" aria-label="x">≠</span>'),
}


@pytest.fixture(scope="module")
def messages(tmp_path_factory) -> dict[str, list[str]]:
    """vnu's messages, by page, on ``PAGES`` of the built site and on one copy per fault (one run).

    Errors all, and warnings but those tests/vnu-filter.txt lets pass; pages without any are absent.
    """
    if shutil.which("java") is None or not VNU.is_file():
        pytest.fail("vnu needs Java and web/node_modules (make java setup; make test does)")
    missing = [page for page in PAGES if not (SITE / page).is_file()]
    assert not missing, f"not built (make site): {missing}"
    faulty = tmp_path_factory.mktemp("faults")
    page = (SITE / "validate" / "index.html").read_text("utf-8")
    for name, (old, new) in FAULTS.items():
        if old in page:  # else test_vnu_reports_each_fault_the_pages_once_had fails
            (faulty / f"{name}.html").write_text(page.replace(old, new, 1), "utf-8")
    files = [SITE / page for page in PAGES] + sorted(faulty.iterdir())
    command = ["java", "-jar", VNU, "--Werror", "--filterfile", FILTER, "--format", "json", "--stdout", *files]
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=600, check=False)
    found: dict[str, list[str]] = {}
    for message in json.loads(done.stdout)["messages"]:
        where = message["url"].removeprefix("file:")
        key = (
            where.removeprefix(str(SITE) + "/") if where.startswith(str(SITE)) else where.rsplit("/", 1)[-1].removesuffix(".html")
        )
        found.setdefault(key, []).append(f"line {message.get('lastLine')}: {message['type']}: {message['message']}")
    assert done.returncode == (1 if found else 0), done.stderr
    return found


def test_a_page_of_each_kind_in_both_languages_is_valid_html(messages):
    shown = {page: lines for page, lines in messages.items() if page in PAGES}
    assert not shown, "\n".join(f"{page} {line}" for page, lines in shown.items() for line in lines)


def test_vnu_reports_each_fault_the_pages_once_had(messages):
    """The check can fail: each fault fixed in the templates, put back into a page, is reported."""
    page = (SITE / "validate" / "index.html").read_text("utf-8")
    assert [name for name, (old, _) in FAULTS.items() if old not in page] == [], "the page no longer has the markup altered"
    assert {name for name in FAULTS if messages.get(name)} == set(FAULTS)


def test_code_without_chinese_in_a_chinese_page_is_marked_english():
    page = '<p>运行 <code>make serve</code>，编辑 <code>policies/&lt;地区&gt;</code>；<code lang="zh">x</code></p>'
    marked = mark_english_code(page + '<pre><code class="x"><span>git</span> tag</code></pre>')
    assert marked == (
        '<p>运行 <code lang="en">make serve</code>，编辑 <code>policies/&lt;地区&gt;</code>；<code lang="zh">x</code></p>'
        '<pre><code lang="en" class="x"><span>git</span> tag</code></pre>'
    )
