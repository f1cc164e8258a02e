"""The built site: every page in both languages, and no broken internal link or anchor."""

from __future__ import annotations

import html.parser
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT

SITE = ROOT / "site"


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append(attrs[key])


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text("utf-8"))
    return collector


@pytest.fixture(scope="module")
def pages():
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does)")
    return {path: _parse(path) for path in SITE.rglob("*.html")}


def _target(page: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    if not parts.path:
        return page, parts.fragment
    base = "" if parts.path.startswith("/") else page.parent.relative_to(SITE).as_posix()
    resolved = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
    target = SITE / resolved
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def test_every_document_and_program_has_pages_in_both_languages(catalog):
    for prefix in ("", "en/"):
        for program_id in catalog["programs"]:
            assert (SITE / f"{prefix}programs/{program_id}/index.html").is_file(), (prefix, program_id)
            assert (SITE / f"{prefix}schema-reference/{program_id}/index.html").is_file(), (prefix, program_id)
        for doc_id in catalog["documents"]:
            assert (SITE / f"{prefix}documents/{doc_id}/index.html").is_file(), (prefix, doc_id)
        for kind in ("training-base", "master-studio", "skill-foundation-base"):
            assert (SITE / f"{prefix}compare/{kind}/index.html").is_file(), (prefix, kind)
        assert (SITE / f"{prefix}validate/index.html").is_file()
    for program_id in catalog["programs"]:
        assert (SITE / f"schemas/{program_id}.schema.json").is_file(), program_id


def test_every_article_has_its_anchor_on_its_document_page(catalog, pages):
    for prefix in ("", "en/"):
        for doc_id, document in catalog["documents"].items():
            ids = pages[SITE / f"{prefix}documents/{doc_id}/index.html"].ids
            for part in document["parts"]:
                for article in part["articles"]:
                    assert f"{part['id']}-{article['id']}" in ids, (prefix, doc_id, article["id"])


def test_no_broken_internal_links_or_anchors(pages):
    broken = []
    for page, collected in pages.items():
        for href in collected.links:
            found = _target(page, href)
            if found is None:
                continue
            target, fragment = found
            if not target.exists():
                broken.append(f"{page.relative_to(SITE)} -> {href} (no file)")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(SITE)} -> {href} (no anchor)")
    assert broken == [], "\n".join(broken[:30])


@pytest.mark.parametrize(
    ("page", "titles"),
    [
        ("index.html", ["项目", "内蒙古自治区", "呼和浩特市"]),
        ("en/index.html", ["Programs", "Inner Mongolia Autonomous Region", "Hohhot City"]),
    ],
)
def test_navigation_names_jurisdictions_in_the_page_language(page, titles):
    text = (SITE / page).read_text("utf-8")
    nav = text[text.index("md-nav--primary") :]
    for title in titles:
        assert f">{title}<" in nav.replace("\n", "").replace("  ", "") or f"> {title} <" in nav, title
