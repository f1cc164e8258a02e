"""The words of the generated pages (issue 23): full-width punctuation in Chinese text, no
"requirement" for a discretionary subsidy, no "未载明 – 未载明", Chinese navigation in Chinese,
each program's status beside it and jurisdiction pages listing every level's programs."""

from __future__ import annotations

import pytest
import yaml

from generator.site.navigation import navigation
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    from generator.cli._catalog import catalog_of
    from generator.site.pages import write_pages

    out = tmp_path_factory.mktemp("docs")
    changelog = yaml.safe_load((ROOT / "policies" / "changelog.yaml").read_text("utf-8"))
    write_pages(catalog_of(ROOT / "policies"), out, as_of="2025-03-15", changelog=changelog)
    return out


def test_chinese_pages_use_full_width_punctuation(docs):
    home = (docs / "index.md").read_text("utf-8")
    assert "项目：" in home and "项目: " not in home and "文件: " not in home
    program = (docs / "programs/cn-nm-hohhot/master-studio.md").read_text("utf-8")
    assert "(有效期未载明)" not in program and "（有效期未载明）" in program


def test_a_discretionary_subsidy_is_not_called_a_requirement(docs):
    program = (docs / "programs/cn-nm-hohhot/master-studio.md").read_text("utf-8")
    line = next(line for line in program.splitlines() if line.startswith("- **5万元**"))
    assert "原则性要求" not in line and "参考额" in line
    assert "Indicative amount" in (docs / "programs/cn-nm-hohhot/master-studio.en.md").read_text("utf-8")


def test_no_period_reads_not_stated_to_not_stated(docs):
    for page in (docs / "documents").rglob("*.md"):
        assert "未载明 – 未载明" not in page.read_text("utf-8"), page
        assert "Not stated – Not stated" not in page.read_text("utf-8"), page


def test_an_attachments_article_is_cited_with_its_attachment_on_the_page(docs):
    program = (docs / "programs/cn-nm-hohhot/master-studio.md").read_text("utf-8")
    assert "实施细则 主要内容" not in program and "实施细则 附件3 主要内容" in program


def test_the_chinese_navigation_names_every_page_in_chinese(catalog):
    nav, translations = navigation(catalog, ROOT / "docs")
    guides = next(entry["指南"] for entry in nav if isinstance(entry, dict) and "指南" in entry)
    assert {"性能": "performance.md"} in guides and translations["性能"] == "Performance"
    assert {"我能申报什么？": "find.md"} in nav and translations["我能申报什么？"] == "What can I apply for?"


def test_status_beside_each_program_as_of_the_build_date(docs):
    home = (docs / "index.md").read_text("utf-8")
    assert "正在受理（截至 2025-12-31）" in home and "未载明截止日期" in home
    assert 'data-status-changes="' in home


def test_a_jurisdiction_page_lists_the_programs_of_every_level_above(docs):
    hohhot = (docs / "jurisdictions/cn-nm-hohhot.md").read_text("utf-8")
    for program in ("cn-nm-hohhot/master-studio", "cn-nm/master-studio-regional", "cn/training-base"):
        assert f"programs/{program}.md" in hohhot
    assert "cn-nm-chifeng/" not in hohhot
    assert hohhot.index("### 市级项目") < hohhot.index("### 自治区级项目") < hohhot.index("### 国家级项目")
