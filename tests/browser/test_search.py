"""Search as an applicant uses it: results in the page's language, requirements first, no dead links."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


def _results(page: Page, site_url: str, lang: str, query: str) -> list[str]:
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}")
    search = page.locator("input[data-md-component=search-query]")
    search.click()
    search.fill(query)
    links = page.locator(".md-search-result__item > a")
    expect(links.first).to_be_visible(timeout=90_000)  # the worker builds the index first: slow on a busy machine
    return links.evaluate_all("links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")


@pytest.mark.parametrize(
    ("lang", "query"),
    [("en", "teacher-student ratio"), ("zh", "师生比"), ("en", "education funds"), ("zh", "职工教育经费")],
)
def test_search_ranks_requirements_first_in_the_page_language(page: Page, site_url, lang, query):
    hrefs = _results(page, site_url, lang, query)
    prefix = "/en/" if lang == "en" else "/"
    # A threshold is answered by a program's requirements or by the levels compared side by side.
    assert hrefs[0].startswith((f"{prefix}programs/", f"{prefix}compare/")), hrefs[:5]
    assert any(href.startswith(f"{prefix}programs/") for href in hrefs[:3]), hrefs[:5]
    if lang == "en":
        assert all(href.startswith("/en/") for href in hrefs), hrefs
    else:
        assert not any(href.startswith("/en/") for href in hrefs), hrefs
    assert not any("undefined" in href for href in hrefs), hrefs
    assert not any(part in href for href in hrefs for part in ("/guide/", "/performance/")), hrefs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_search_result_link_resolves(page: Page, site_url, lang):
    query = "师生比" if lang == "zh" else "teacher-student ratio"
    for href in _results(page, site_url, lang, query):
        response = page.request.get(f"{site_url.rstrip('/')}{href.split('#')[0]}")
        assert response.status == 200, href


@pytest.mark.parametrize(("lang", "query"), [("zh", "师生比"), ("en", "teacher-student ratio")])
def test_the_search_index_loads_when_search_opens_not_with_the_page(page: Page, site_url, lang, query):
    indexes: list[str] = []
    sitemaps: list[str] = []  # Material would fetch one beside each hreflang link: a 404 on every page
    page.on("request", lambda request: indexes.append(request.url) if "search_index" in request.url else None)
    page.on("request", lambda request: sitemaps.append(request.url) if "sitemap" in request.url else None)
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}documents/cn-nm-hohhot/master-studio-rules/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert indexes == [], "the page fetched the search index before search was opened"
    page.keyboard.press("s")  # Material's shortcut opens search and focuses the field
    search = page.locator("input[data-md-component=search-query]")
    expect(search).to_be_focused()
    page.keyboard.insert_text(query)
    links = page.locator(".md-search-result__item > a")
    expect(links.first).to_be_visible(timeout=90_000)
    assert indexes == [f"{site_url}{'en/' if lang == 'en' else ''}search/search_index.json"]
    hrefs = links.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert all(href.startswith("/en/") == (lang == "en") for href in hrefs), hrefs
    assert sitemaps == []


def _typed(page: Page, site_url: str, lang: str, query: str):
    """Types the query key by key, as a reader does; returns the results' links and what the
    search worker said on the console."""
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text) if message.type in ("warning", "error") else None)
    page.on("pageerror", lambda error: said.append(str(error)))
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}")
    search = page.locator("input[data-md-component=search-query]")
    search.click()
    search.press_sequentially(query, delay=30)
    links = page.locator(".md-search-result__item > a")
    expect(links.first).to_be_visible(timeout=90_000)
    page.wait_for_timeout(300)  # the last key's results
    return links, said


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("en", "teacher-"),
        ("en", "teacher-student ratio"),
        ("en", '"education funds'),
        ("en", "ratio:"),
        ("zh", "师生比 -"),
        ("en", "+ratio ~"),
    ],
)
def test_any_query_text_searches_without_errors(page: Page, site_url, lang, query):
    links, said = _typed(page, site_url, lang, query)
    assert links.count() >= 1
    assert not [line for line in said if "Invalid query" in line or "TypeError" in line], said


def test_a_chinese_term_on_the_english_site_says_where_it_is(page: Page, site_url):
    links, _ = _typed(page, site_url, "en", "师生比")
    first = links.first
    assert "Chinese site" in first.inner_text()
    first.click()
    page.wait_for_url("**/?q=*")
    assert "/en/" not in page.url
    chinese = page.locator(".md-search-result__item > a")
    expect(chinese.first).to_be_visible(timeout=90_000)
    assert not chinese.first.get_attribute("href").startswith("/en/")


def test_excerpts_are_short_and_the_page_lands_on_the_term(page: Page, site_url):
    links, _ = _typed(page, site_url, "zh", "师生比")
    assert links.count() >= 1
    excerpts = page.locator(".md-search-result__item .md-typeset").all_inner_texts()
    assert excerpts and max(len(text) for text in excerpts) <= 200, [len(text) for text in excerpts]
    target = page.locator(".md-search-result__item > a[href*='compare/training-base']").first
    target.click()
    page.wait_for_selector("html[data-landed=true]", timeout=60_000)
    mark = page.locator("mark.search-landing").first
    assert "师生" in mark.inner_text()
    box, height = mark.bounding_box(), page.viewport_size["height"]
    assert box and 0 <= box["y"] <= height, box
