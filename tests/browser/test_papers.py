"""The papers to file, made in the validator page: the .docx downloaded and opened with
python-docx, the print page printed to PDF by Chromium and read back with pdftotext.

Real Chromium, real Pyodide (the layout is the core's), the built site; nothing mocked.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import docx
import pytest
from playwright.sync_api import Page, expect

from generator.papers.layout import DRAFT, STAMP
from tests import _pdf_layout
from tests.browser.test_app import INIT, open_validator, site_url  # noqa: F401  (the CSP-applied site)
from tests.conftest import EXAMPLES

HOHHOT = "cn-nm-hohhot/master-studio"
FOUNDATION = "cn/skill-foundation-base"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is installed by make test"
)


@pytest.fixture(autouse=True)
def stays_on_origin_and_within_policy(context, site_url):  # noqa: F811
    """As test_app.py, except that the papers' own blob: page is the site's, not elsewhere."""
    outside, violations = [], []
    context.on("request", lambda r: None if r.url.startswith((site_url, "blob:", "data:")) else outside.append(r.url))
    context.expose_function("__cspViolation", lambda violation: violations.append(violation))
    context.add_init_script(INIT)
    yield
    assert outside == [], "requests left the site's origin"
    assert violations == [], "Content-Security-Policy violations"


def load_example(page: Page, path) -> None:
    page.get_by_test_id("json-input").fill(path.read_text("utf-8"))
    page.get_by_test_id("load-json").click()


def download_docx(page: Page, tmp_path):
    with page.expect_download() as download:
        page.get_by_test_id("papers-docx").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    expect(page.get_by_test_id("papers-status")).to_have_attribute("data-done", "true")
    return target


def printed_pdf(page: Page, tmp_path, *, press_print: bool = False) -> tuple[str, str]:
    """The print page as Chromium prints it: (pdftotext text, pdfinfo report). Also asserts
    that nothing on it is printed over anything else (tests/_pdf_layout.py), and with
    ``press_print`` that the page's own print button prints."""
    with page.expect_popup() as popup:
        page.get_by_test_id("papers-print").click()
    view = popup.value
    view.wait_for_url("blob:**")
    view.wait_for_load_state()
    if press_print:
        button = view.get_by_test_id("papers-print-now")
        expect(button).to_be_visible()
        view.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
        view.wait_for_function("() => { document.querySelector('[data-action=print]').click(); return window.__printed > 0; }")
    pdf = tmp_path / "papers.pdf"
    view.pdf(path=str(pdf), prefer_css_page_size=True)
    view.close()
    assert _pdf_layout.collisions(pdf) == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text), info  # the text without the line breaks and spacing of the layout


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hohhot_papers_print_on_a4_and_download_as_docx_with_the_form_filled(page, site_url, tmp_path, lang):  # noqa: F811
    open_validator(page, site_url, lang, HOHHOT)
    load_example(page, EXAMPLES / HOHHOT / "valid-enterprise-national-expert.json")
    path = download_docx(page, tmp_path)
    assert path.name == "呼和浩特市技能大师工作室建设项目申报表-呼和浩特某装备制造有限公司.docx"
    status = page.get_by_test_id("papers-status")
    expect(status).not_to_contain_text("传真" if lang == "zh" else "Fax")  # every box filled: 无 for the fax it lacks
    document = docx.Document(path)
    assert [p.text for p in document.paragraphs][:2] == ["附件1", "申报材料真实性承诺书"]
    cells = [c.text for c in document.tables[0].rows[0].cells]
    assert cells[0] == "申报单位名称" and cells[1] == "呼和浩特某装备制造有限公司"
    assert all((round(s.page_width.mm), round(s.page_height.mm)) == (210, 297) for s in document.sections)

    text, info = printed_pdf(page, tmp_path, press_print=True)
    assert "Page size:" in info and "(A4)" in info
    for words in (
        "申报材料真实性承诺书",
        "呼和浩特市技能大师工作室",
        "建设项目申报表",
        "填写要求",
        "呼和浩特某装备制造有限公司",
        "150102198003150010",
        "1980年3月",
        "2025年3月15日",
        "呼和浩特市技能大师工作室申报书",
        "单位推荐报告",
        "核验依据：呼和浩特市市级技能大师工作室",
    ):
        assert words in text, words
    assert STAMP["zh"] not in text and "未填" not in text
    assert "打印或存为PDF" not in text  # the page's button is not printed


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_papers_of_an_application_with_errors_are_stamped_unless_printed_as_a_draft(page, site_url, tmp_path, lang):  # noqa: F811
    open_validator(page, site_url, lang, HOHHOT)
    load_example(page, EXAMPLES / HOHHOT / "invalid-education-fund-share-below-half.json")
    text, _ = printed_pdf(page, tmp_path)
    assert STAMP["zh"] in text and "Notreadytofile" in text
    expect(page.get_by_test_id("papers-status")).to_have_attribute("data-stamped", "true")
    expect(page.get_by_test_id("papers-status")).to_contain_text("未通过核验，不宜报送")
    page.get_by_test_id("papers-draft").check()
    text, _ = printed_pdf(page, tmp_path)
    assert STAMP["zh"] not in text and DRAFT["zh"] in text
    header = docx.Document(download_docx(page, tmp_path)).sections[0].header
    assert header.paragraphs[0].text == f"{DRAFT['zh']} / {DRAFT['en']}"
    # A box the form has, left empty: a blank line on the papers, and the status names it.
    load_example(page, EXAMPLES / HOHHOT / "invalid-fax-blank-account-empty-no-political-status.json")
    text, _ = printed_pdf(page, tmp_path)
    assert "未填" not in text
    expect(page.get_by_test_id("papers-status")).to_contain_text("传真" if lang == "zh" else "Fax")


@needs_poppler
def test_skill_foundation_papers_print_the_162_form_with_each_occupation(page, site_url, tmp_path):  # noqa: F811
    open_validator(page, site_url, "zh", FOUNDATION)
    example = json.loads((EXAMPLES / FOUNDATION / "valid-leading-enterprise.json").read_text("utf-8"))
    load_example(page, EXAMPLES / FOUNDATION / "valid-leading-enterprise.json")
    document = docx.Document(download_docx(page, tmp_path))
    table_text = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "☑制造业龙头企业" in table_text
    for occupation in example["occupations"]:
        assert occupation["occupation"]["name"] in table_text
    text, info = printed_pdf(page, tmp_path)
    assert "(A4)" in info
    for words in (
        "国家技能根基工程培训基地",
        "人力资源社会保障部职业能力建设司",
        example["unit"]["name"],
        "1.申报背景",
        "8.建设规划",
    ):
        assert words in text, words
