"""Every built page, in both languages, reads as text: no template or Markdown leaks through.

Runs on the built ``site/`` (``make site``): what a reader sees is the page's text after the
theme has rendered it, so this strips the tags and looks for what should never survive
rendering — Markdown headings and list markers run into a line, Jinja tags, unfilled
``{/pointer}`` placeholders, "1 years".
"""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

SITE = ROOT / "site"
LEAKS = {
    "a Markdown heading run into text": re.compile(r"#{2,6} \S"),
    "a list item run into the previous one": re.compile(r"\S- (文件|项目|Document|Program): "),
    "a Jinja tag": re.compile(r"\{[%#]|[%#]\}|\{\{|\}\}"),
    "an unfilled placeholder": re.compile(r"\{/[^}]*\}"),
    "a singular written as plural": re.compile(r"(?<![\d.,])1 (years|items|months|days|person-times)\b"),
    "a Markdown table row": re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE),
    "a Markdown link": re.compile(r"\]\([^)\s]+\.md(#[^)]*)?\)"),
    "a basis label nested in a cell's brackets": re.compile(r"\(Advisory \(in principle\)\)|（原则性要求）\)"),
}


class _Text(html.parser.HTMLParser):
    """The page's readable text (not scripts, styles, code or the SVG's own markup)."""

    SKIP = frozenset({"script", "style", "code", "pre", "template"})

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in ("p", "li", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "div", "text", "title", "desc"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text("utf-8"))
    return "".join(parser.parts)


def _pages() -> list[Path]:
    return sorted(path for path in SITE.rglob("*.html") if "assets" not in path.relative_to(SITE).parts)


@pytest.fixture(scope="module")
def texts():
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does)")
    return {path.relative_to(SITE).as_posix(): _text(path) for path in _pages()}


def test_both_languages_are_scanned(texts):
    assert "index.html" in texts and "en/index.html" in texts
    assert sum(1 for page in texts if page.startswith("en/")) * 2 >= len(texts) - 2


@pytest.mark.parametrize("leak", list(LEAKS))
def test_no_page_shows_raw_markup(texts, leak):
    found = [
        f"{page}: …{text[max(0, m.start() - 30) : m.end() + 30]!r}…"
        for page, text in texts.items()
        for m in [LEAKS[leak].search(text)]
        if m
    ]
    assert found == [], f"{leak}:\n" + "\n".join(found[:15])


@pytest.mark.parametrize("page", ["index.html", "en/index.html"])
def test_home_page_has_one_heading_per_jurisdiction(page, catalog):
    text = (SITE / page).read_text("utf-8")
    toc = text[text.index('data-md-component="toc"') :] if 'data-md-component="toc"' in text else text
    lang = "en" if page.startswith("en/") else "zh"
    for jurisdiction in catalog["jurisdictions"].values():
        assert re.search(rf"<h[2-6][^>]*>.*?{re.escape(jurisdiction['name'][lang])}", text), jurisdiction["id"]
        assert jurisdiction["name"][lang] in toc, jurisdiction["id"]


@pytest.mark.parametrize(("prefix", "heading"), [("", "上级文件"), ("en/", "Documents of higher levels")])
def test_higher_level_documents_are_one_list_item_each(prefix, heading, catalog):
    for jurisdiction_id, jurisdiction in catalog["jurisdictions"].items():
        if not jurisdiction.get("parent"):
            continue
        text = (SITE / f"{prefix}jurisdictions/{jurisdiction_id}/index.html").read_text("utf-8")
        listing = text[re.search(rf"<h2[^>]*>{heading}", text).start() :].split("</ul>", 1)[0]
        items = re.findall(r"<li>(.*?)</li>", listing, re.DOTALL)
        assert items, jurisdiction_id
        assert all(item.count("<a ") == 1 for item in items), (jurisdiction_id, items)


@pytest.mark.parametrize("folder", ["documents", "programs", "en/documents", "en/programs"])
def test_metadata_tables_have_row_headers_not_an_empty_header_row(folder):
    pages = list((SITE / folder).rglob("index.html"))
    assert pages
    for path in pages:
        text = path.read_text("utf-8")
        assert not re.search(r"<th[^>]*>\s*</th>", text), path
        if len(path.relative_to(SITE / folder).parts) >= 3:  # a document or program, not a section index
            assert '<th scope="row">' in text, path


def test_no_diagram_javascript_ships():
    assert not list(SITE.rglob("mermaid*.js")), "Mermaid is bundled again"
    program = (SITE / "programs/cn-nm-hohhot/master-studio/index.html").read_text("utf-8")
    assert '<svg class="procedure-svg"' in program and 'role="img"' in program
    assert "diagrams.js" not in program


def test_hreflang_alternates_are_absolute_in_the_sitemap():
    sitemap = (SITE / "sitemap.xml").read_text("utf-8")
    hrefs = re.findall(r'<xhtml:link rel="alternate" hreflang="[^"]+" href="([^"]+)"', sitemap)
    assert hrefs and all(href.startswith(("https://", "http://")) for href in hrefs)


def test_every_page_names_itself_in_both_languages_by_absolute_hreflang():
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.MULTILINE).group(1)
    for path in _pages():
        relative = path.relative_to(SITE).as_posix()
        if relative == "404.html":
            continue
        address = relative.removesuffix("index.html").removeprefix("en/")
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', path.read_text("utf-8")))
        expected = {"zh": site_url + address, "x-default": site_url + address, "en": f"{site_url}en/{address}"}
        assert links == expected, relative


def test_the_chinese_search_index_holds_words_not_runs_of_characters():
    # Material's search finds 师生比 inside 师生比不低于1:20 only if the index splits it into words
    # (zero-width spaces between them): generator/site/_mkdocs_search.py hands it rjieba.
    index = json.loads((SITE / "search" / "search_index.json").read_text("utf-8"))
    text = "".join(doc["text"] for doc in index["docs"])
    assert "\u200b师生比\u200b" in text
    assert "\u200b职工\u200b教育经费\u200b" in text
