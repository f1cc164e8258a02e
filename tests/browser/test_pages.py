"""The site as a reader meets it, in Chromium: accessible, searchable, Chinese rendered, self-contained."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser._helpers import serious_accessibility_violations
from tests.conftest import ROOT

SCREENSHOTS = ROOT / "test-results" / "screenshots"
KEY_PAGES = {
    "home": "",
    "program": "programs/cn-nm-hohhot/master-studio/",
    "document": "documents/cn-nm-hohhot/master-studio-rules/",
    "comparison": "compare/master-studio/",
    "validator": "validate/",
    "finder": "find/",
    "jurisdiction": "jurisdictions/cn-nm-hohhot/",
}


def _url(site_url: str, lang: str, path: str) -> str:
    return f"{site_url}{'en/' if lang == 'en' else ''}{path}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_serious_or_critical_accessibility_violation(browser, site_url, lang, name):
    # A context of its own, CSP bypassed as before; axe itself is evaluated by the harness
    # (_helpers.serious_accessibility_violations), which the CSP does not govern.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(_url(site_url, lang, KEY_PAGES[name]))
    page.wait_for_load_state("networkidle")
    serious = serious_accessibility_violations(page)
    context.close()
    assert serious == [], "\n".join(serious)


@pytest.mark.parametrize(
    ("lang", "query", "expected_path"),
    [
        ("zh", "技能大师", "/programs/"),
        ("zh", "师生比", "/"),
        ("en", "teacher-student ratio", "/en/"),
        ("en", "skill master studio", "/en/programs/"),
    ],
)
def test_search_finds_chinese_and_english_terms(page: Page, site_url, lang, query, expected_path):
    page.goto(_url(site_url, lang, ""))
    search = page.locator("input[data-md-component=search-query]")
    search.click()
    search.fill(query)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=90_000)  # the worker builds the index first: slow on a busy machine
    hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert any(expected_path in href for href in hrefs), hrefs


def _glyphs_render(page: Page) -> bool:
    """Different CJK characters draw different pixels (a missing font draws the same box)."""
    return page.evaluate(
        """() => { const draw = (ch) => { const c = document.createElement('canvas'); c.width = c.height = 40;
             const g = c.getContext('2d'); g.font = '32px ' + getComputedStyle(document.body).fontFamily;
             g.fillText(ch, 2, 34); return Array.from(g.getImageData(0, 0, 40, 40).data).join(','); };
           const a = draw('技'), b = draw('能'), blank = (new Array(40*40*4)).fill(0).join(',');
           return a !== b && a !== blank; }"""
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_program_page_shows_requirements_and_renders_chinese(page: Page, site_url, outside_requests, lang):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(_url(site_url, lang, KEY_PAGES["program"]))
    heading = "申报条件" if lang == "zh" else "Requirements"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    table = page.locator("table").filter(has_text="50%")
    expect(table.first).to_be_visible()
    expect(page.locator(".procedure-diagram svg")).to_be_visible()  # drawn at build time
    assert _glyphs_render(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"program-{lang}.png"), full_page=True)
    assert outside_requests == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_document_page_holds_both_languages_with_article_anchors(page: Page, site_url, lang):
    page.goto(_url(site_url, lang, KEY_PAGES["document"]) + "#rules-art-7")
    article = page.locator("#rules-art-7")
    expect(article).to_be_visible()
    expect(page.locator(".article-text").filter(has_text="不低于50%").first).to_be_attached()
    expect(page.locator(".article-text").filter(has_text="no less than 50%").first).to_be_attached()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"document-{lang}.png"))


def test_language_switch_goes_to_the_same_page(page: Page, site_url):
    page.goto(_url(site_url, "zh", KEY_PAGES["program"]))
    page.locator(".md-header__option .md-select").hover()
    page.locator("a[hreflang=en]").click()
    expect(page).to_have_url(_url(site_url, "en", KEY_PAGES["program"]))


PAGE_TYPES = {
    **KEY_PAGES,
    "jurisdiction": "jurisdictions/cn-nm-chifeng/",
    "section": "programs/cn-nm/",
    "schema-reference": "schema-reference/cn-nm-chifeng/master-studio/",
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_page_is_wider_than_the_window(browser, site_url, lang, name, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.goto(_url(site_url, lang, PAGE_TYPES[name]))
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{width}.png"), full_page=name != "document")
    context.close()
    if overflow > 0 and name == "validator" and width == 390:
        pytest.xfail("the validator's 627 px program select is the papers branch's to fix (#13)")
    assert overflow <= 0, f"{name} ({lang}) is {overflow} px wider than a {width} px window"
    assert errors == [], errors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comparison_keeps_its_first_column_in_view_when_scrolled_sideways(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(_url(site_url, lang, KEY_PAGES["comparison"]))
    positions = page.evaluate(
        """() => { const table = document.querySelector('.compare-table table');
             const wrap = table.closest('.md-typeset__scrollwrap'); const left = wrap.getBoundingClientRect().left;
             wrap.scrollLeft = 400; const cell = table.querySelector('tbody tr td');
             return {scrolled: wrap.scrollLeft, first: cell.getBoundingClientRect().left - left,
                     second: cell.nextElementSibling.getBoundingClientRect().left - left}; }"""
    )
    context.close()
    assert positions["scrolled"] > 0, "the table is not wider than a phone: nothing to test"
    assert -1 <= positions["first"] <= 1, positions
    assert positions["second"] < 0, positions


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("program", ["cn-nm-hohhot/master-studio", "cn-nm/training-base-national", "cn/skill-foundation-base"])
def test_procedure_diagram_text_fits_its_boxes(browser, site_url, lang, program, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(_url(site_url, lang, f"programs/{program}/"))
    overruns = page.evaluate(
        """() => [...document.querySelectorAll('.procedure-svg__step')].flatMap(step => {
             const box = step.querySelector('rect').getBBox();
             return [...step.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
               .filter(([, b]) => b.x < box.x || b.x + b.width > box.x + box.width || b.y + b.height > box.y + box.height + 1)
               .map(([text]) => text); })"""
    )
    label = page.locator(".procedure-svg").get_attribute("aria-labelledby")
    title = page.locator(".procedure-svg title").text_content()
    context.close()
    assert overruns == [], overruns
    assert label and title, "the diagram has no accessible name"
