"""The papers to file: layouts from the definitions, drawn by web/papers.mjs under Node.

The .docx is opened with python-docx as a bureau's Word would read it: the applicant's values
in the published cells, the typeface, size and line spacing the source names, A4 pages, blanks
left blank, the stamp on an application with errors. Both papers are also printed to PDF by the
real programs (LibreOffice, Chromium) and read back for text printed over text
(tests/_pdf_layout.py); the browser tests print the page the validator makes.
"""

from __future__ import annotations

import copy
import io
import itertools
import json
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.cli import run
from generator.core import check
from generator.papers import papers_layout
from generator.papers.layout import DRAFT, STAMP
from generator.papers.published_forms import published_forms
from tests import _pdf_layout
from tests.conftest import EXAMPLES

HOHHOT = "cn-nm-hohhot/master-studio"
FOUNDATION = "cn/skill-foundation-base"
HOHHOT_VALID = EXAMPLES / HOHHOT / "valid-enterprise-national-expert.json"
HOHHOT_INVALID = EXAMPLES / HOHHOT / "invalid-education-fund-share-below-half.json"
FOUNDATION_VALID = EXAMPLES / FOUNDATION / "valid-leading-enterprise.json"
AS_OF = "2025-03-15"
HOHHOT_FILE = "呼和浩特市技能大师工作室建设项目申报表-呼和浩特某装备制造有限公司"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="the papers are drawn by Node (make setup)")
needs_printers = pytest.mark.skipif(
    _pdf_layout.SOFFICE is None or _pdf_layout.CHROMIUM is None,
    reason="LibreOffice (soffice) and chromium print the papers to PDF: make chromium installs them",
)


def layout_of(catalog, program, application, draft=False):
    counts = check(catalog, program, application, as_of=AS_OF).counts()
    return papers_layout(catalog, program, application, counts, draft=draft, as_of=AS_OF)


def texts(layout) -> list[str]:
    """Every word the papers print, in order."""
    out = []
    for document in layout["documents"]:
        for page in document["pages"]:
            for block in page:
                if block["type"] == "table":
                    for row in block["rows"]:
                        for cell in row:
                            out += [*cell.get("note", []), cell["text"], *cell.get("sign", [])]
                elif block["type"] == "facts":
                    out += [word for fact in block["rows"] for word in (fact["label"], fact["text"])]
                elif block["type"] not in ("spacer", "write"):
                    out += [block.get("text", ""), block.get("label", ""), *block.get("lines", []), block.get("after", "")]
    return [t for t in out if t]


def cell_after(layout, label: str) -> dict:
    """The cell right of the first table cell labelled `label`."""
    for document in layout["documents"]:
        for page in document["pages"]:
            for block in (b for b in page if b["type"] == "table"):
                for row in block["rows"]:
                    for left, right in itertools.pairwise(row):
                        if left["kind"] == "label" and left["text"] == label:
                            return right
    raise AssertionError(f"no cell labelled {label}")


@pytest.mark.parametrize("program", sorted(published_forms()))
def test_every_word_of_the_published_form_is_on_the_papers(catalog, program):
    """The form's labels come from the source and none is left out (coverage both ways)."""
    form = published_forms()[program]
    layout = layout_of(catalog, program, {"program": program})
    printed = re.sub(r"\s+", "", "".join(texts(layout)))
    document = catalog["documents"][form["doc"]]
    for part in document["parts"]:
        if part["id"] not in {d["id"] for d in form["documents"]}:
            continue
        for article in part["articles"]:
            for line in article["zh"].splitlines():
                for token in line.split(" | "):
                    word = re.sub(r"\s+", "", token).replace("_____", "")
                    word = re.sub(r"(?<=）)(\d+|n)\.$", "1.", word)  # rows 1. 2. … n.: one per item, 1. when none
                    if word and not re.fullmatch(r"\d{4}", word):  # the cover's stray "2022"
                        assert word in printed, f"{program}: {part['id']}/{article['id']} prints {token!r}, the papers do not"


def test_the_hohhot_form_has_the_applicants_values_in_the_published_cells(catalog):
    application = json.loads(HOHHOT_VALID.read_text("utf-8"))
    layout = layout_of(catalog, HOHHOT, application)
    assert layout["stamp"] is None
    assert [d["id"] for d in layout["documents"]] == ["annex-1", "annex-2", "annex-3", "recommendation"]
    assert cell_after(layout, "申报单位名称")["text"] == "呼和浩特某装备制造有限公司"
    assert cell_after(layout, "性别")["text"] == "男"
    assert cell_after(layout, "工作室面积")["text"] == "180平方米"
    assert cell_after(layout, "工作室人员")["text"] == "刘强（副主任，技师）\n赵磊（成员，高级工）"
    cover = layout["documents"][1]["pages"][0]
    assert next((b["label"], b["text"]) for b in cover if b["type"] == "line") == ("申报单位", "呼和浩特某装备制造有限公司")
    assert layout["style"] | {"font": "仿宋", "size_pt": 12, "line_pt": 16, "paper": "A4"} == layout["style"]


def test_an_unfilled_field_is_a_visible_blank_never_dropped(catalog):
    application = json.loads(HOHHOT_VALID.read_text("utf-8"))
    del application["unit"]["nature"], application["master"]["political_status"]
    layout = layout_of(catalog, HOHHOT, application)
    nature = cell_after(layout, "单位性质")
    assert nature["blank"] and nature["pointer"] == "/unit/nature"
    assert {"/unit/nature", "/master/political_status"} <= {b["pointer"] for b in layout["blanks"]}
    assert next(b for b in layout["blanks"] if b["pointer"] == "/unit/nature")["label"] == {
        "zh": "单位性质",
        "en": "Nature of unit",
    }
    filled = layout_of(catalog, HOHHOT, json.loads(HOHHOT_VALID.read_text("utf-8")))
    assert "/unit/nature" not in {b["pointer"] for b in filled["blanks"]}


def test_errors_stamp_the_papers_unless_a_draft_is_asked_for(catalog):
    invalid = json.loads(HOHHOT_INVALID.read_text("utf-8"))
    assert (
        layout_of(catalog, HOHHOT, invalid)["stamp"]
        == STAMP
        == {"zh": "未通过核验，不宜报送", "en": "Not ready to file: the check found errors"}
    )
    drafted = layout_of(catalog, HOHHOT, invalid, draft=True)
    assert drafted["stamp"] == DRAFT and drafted["draft"] is True
    assert layout_of(catalog, HOHHOT, json.loads(HOHHOT_VALID.read_text("utf-8")), draft=True)["stamp"] is None


def test_the_skill_foundation_form_ticks_the_category_and_repeats_occupation_rows(catalog):
    application = json.loads(FOUNDATION_VALID.read_text("utf-8"))
    application["occupations"] = [*application["occupations"], copy.deepcopy(application["occupations"][0])]
    application["occupations"][-1]["occupation"]["name"] = "工业机器人系统操作员"
    layout = layout_of(catalog, FOUNDATION, application)
    category = cell_after(layout, "单位类别")["text"]
    assert category.startswith("☑制造业龙头企业 ☐单项冠军企业") and category.count("☑") == 1
    assert cell_after(layout, "职业（工种） 2.")["text"] == "工业机器人系统操作员"
    assert layout["style"]["line_pt"] is None and layout["style"]["stated"]["font"] is False  # 162号 names no typeface
    table = next(b for b in layout["documents"][0]["pages"][2] if b["type"] == "table")
    for row in table["rows"]:  # every row fills the 9 columns once the rowspans above are counted
        assert sum(cell["span"] for cell in row) <= table["columns"]


def test_a_program_without_a_published_form_gets_one_from_its_fields(catalog):
    program = "cn-nm-chifeng/training-base"
    assert program not in published_forms()
    layout = layout_of(catalog, program, {"program": program})
    (document,) = layout["documents"]
    assert document["title"] == catalog["programs"][program]["title"]["zh"] + "申报表"
    headings = [b["text"] for b in document["pages"][1] if b["type"] == "heading"]
    schema_titles = [f["x-title"]["zh"] for name, f in _schema_props(catalog, program).items() if name != "program"]
    assert headings == schema_titles
    assert layout["blanks"] and all(b["pointer"].startswith("/") for b in layout["blanks"])


def _schema_props(catalog, program):
    from generator.core.schema import application_schema, resolved_schema

    return resolved_schema(application_schema(catalog, program))["properties"]


# ---- the command line: the same renderer as the browser, under Node -----------------------


def papers_cli(tmp_path, program, path, *extra):
    out, err = io.StringIO(), io.StringIO()
    code = run(["papers", "--program", program, str(path), "--out", str(tmp_path), "--as-of", AS_OF, *extra], out, err)
    return code, out.getvalue(), err.getvalue()


def runs(document):
    for paragraph in document.paragraphs:
        yield from paragraph.runs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield from paragraph.runs


@needs_node
def test_cli_writes_the_hohhot_docx_with_the_form_fonts_sizes_and_values(tmp_path):
    code, out, err = papers_cli(tmp_path, HOHHOT, HOHHOT_VALID)
    assert code == 0, err
    assert out.split() == [str(tmp_path / f"{HOHHOT_FILE}.html"), str(tmp_path / f"{HOHHOT_FILE}.docx")]
    document = docx.Document(tmp_path / f"{HOHHOT_FILE}.docx")
    for section in document.sections:  # A4, and no stamp on a clean application
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert "".join(p.text for p in section.header.paragraphs) == ""
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:2] == ["附件1", "申报材料真实性承诺书"]
    assert paragraphs[2].startswith("我单位承诺，此次申报呼和浩特市技能大师工作室建设项目")
    table = document.tables[0]
    first = [c.text for c in table.rows[0].cells]
    assert first[0] == "申报单位名称" and first[1] == "呼和浩特某装备制造有限公司" and "国有企业" in first
    assert any(c.text == "无" for c in table.rows[3].cells)  # 传真: the unit has none and says so (issue 21)
    assert "（未填）" not in "".join(c.text for row in table.rows for c in row.cells)
    body = [r for r in runs(document) if r.text.strip()]
    for run_ in (r for r in body if r.font.size == Pt(12)):
        assert run_.font.name == "仿宋" and run_._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    values = [r for r in runs(document) if r.text == "呼和浩特某装备制造有限公司" and r.font.size == Pt(12)]
    assert values, "the unit's name is in the table at 小四 (12 pt)"
    cell_paragraph = table.rows[0].cells[1].paragraphs[0]
    assert cell_paragraph.paragraph_format.line_spacing == Pt(16)
    assert cell_paragraph.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    # Each page of the form starts on a new sheet: cover, 填写要求, table.
    breaks = document.element.body.findall(".//" + qn("w:pageBreakBefore"))
    assert len(breaks) == 2


@needs_node
def test_cli_stamps_the_papers_of_an_application_with_errors_in_both_languages(tmp_path):
    code, _, err = papers_cli(tmp_path, HOHHOT, HOHHOT_INVALID)
    assert code == 1
    assert "未通过核验，不宜报送" in err and "not ready to file" in err
    document = docx.Document(tmp_path / f"{HOHHOT_FILE}.docx")
    for section in document.sections:
        assert "".join(p.text for p in section.header.paragraphs) == f"{STAMP['zh']} / {STAMP['en']}"
    html = (tmp_path / f"{HOHHOT_FILE}.html").read_text("utf-8")
    assert html.count(STAMP["zh"]) == 6 and STAMP["en"] in html  # atop every page of the four documents
    code, _, _ = papers_cli(tmp_path / "draft", HOHHOT, HOHHOT_INVALID, "--draft")
    assert code == 1
    assert STAMP["zh"] not in (tmp_path / "draft" / f"{HOHHOT_FILE}.html").read_text("utf-8")


@needs_node
def test_cli_print_page_is_a4_with_the_named_font_size_and_line_spacing(tmp_path):
    papers_cli(tmp_path, HOHHOT, HOHHOT_VALID)
    html = (tmp_path / f"{HOHHOT_FILE}.html").read_text("utf-8")
    assert "@page {\n  size: A4;" in html
    assert re.search(r'body \{ margin: 0; font-family: "FangSong", "仿宋", [^;]*; font-size: 12pt; line-height: 16pt; \}', html)
    assert html.count('<section class="page"') == 6  # 承诺书; cover, 填写要求, table; 申报书; 推荐报告
    assert "未填" not in html and 'data-blank="/contact/fax"' not in html  # every box filled
    without_fax = json.loads(HOHHOT_VALID.read_text("utf-8"))
    del without_fax["contact"]["fax"]
    (tmp_path / "blank.json").write_text(json.dumps(without_fax, ensure_ascii=False), "utf-8")
    assert papers_cli(tmp_path / "blank", HOHHOT, tmp_path / "blank.json", "--draft")[0] == 1  # a box the form has, left blank
    blank = (tmp_path / "blank" / f"{HOHHOT_FILE}.html").read_text("utf-8")
    assert 'data-blank="/contact/fax"></span>' in blank and "未填" not in blank  # a blank line to fill in by hand
    papers_cli(tmp_path, FOUNDATION, FOUNDATION_VALID)
    foundation = (tmp_path / "国家技能根基工程培训基地申报书-无锡某智能装备集团有限公司.html").read_text("utf-8")
    assert "line-height: 1.5;" in foundation and "国家技能根基工程培训基地" in foundation


def test_cli_refuses_unusable_input_with_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    code, _, err = papers_cli(tmp_path, HOHHOT, bad)
    assert code == 2 and err.strip()
    code, _, err = papers_cli(tmp_path, "cn/nothing", HOHHOT_VALID)
    assert code == 2 and "未知的项目" in err and "Unknown program" in err


# ---- what issue 22 asked of the papers ----------------------------------------------------


def test_dates_print_the_chinese_way_whichever_way_they_were_written(catalog):
    application = json.loads(HOHHOT_VALID.read_text("utf-8"))
    layout = layout_of(catalog, HOHHOT, application)
    assert cell_after(layout, "出生年月")["text"] == "1980年3月"
    assert cell_after(layout, "参加工作时间")["text"] == "1999年7月"
    cover = layout["documents"][1]["pages"][0]
    assert next(b["text"] for b in cover if b["type"] == "line" and b["label"] == "填报时间") == "2025年3月15日"
    application["master"]["birth_month"], application["master"]["work_start"] = "1980年3月", "1999.07"
    application["application_date"] = "2025.3.15"
    written = layout_of(catalog, HOHHOT, application)
    assert cell_after(written, "出生年月")["text"] == "1980年3月" and cell_after(written, "参加工作时间")["text"] == "1999年7月"
    # The file as written is refused, as every JSON Schema validator refuses it; the check says how it reads them.
    result = check(catalog, HOHHOT, application, as_of=AS_OF)
    assert {f.path for f in result.findings if f.severity == "error"} == {
        "/master/birth_month",
        "/master/work_start",
        "/application_date",
    }
    assert [u["value"] for u in result.understood] == ["2025-03-15", "1980-03", "1999-07"]


def test_the_files_are_named_after_the_form_and_the_applying_unit(catalog):
    application = json.loads(HOHHOT_VALID.read_text("utf-8"))
    assert layout_of(catalog, HOHHOT, application)["file"] == HOHHOT_FILE
    application["unit"]["name"] = 'A/B:某某*公司?"<>|'
    assert layout_of(catalog, HOHHOT, application)["file"] == "呼和浩特市技能大师工作室建设项目申报表-AB某某公司"
    assert layout_of(catalog, HOHHOT, {"program": HOHHOT})["file"] == "呼和浩特市技能大师工作室建设项目申报表"
    foundation = json.loads(FOUNDATION_VALID.read_text("utf-8"))
    assert layout_of(catalog, FOUNDATION, foundation)["file"] == f"国家技能根基工程培训基地申报书-{foundation['unit']['name']}"


def test_a_blank_stays_a_blank_and_the_footer_names_the_rules_and_the_check(catalog):
    application = json.loads(HOHHOT_VALID.read_text("utf-8"))
    layout = layout_of(catalog, HOHHOT, application)
    assert cell_after(layout, "传真")["text"] == "无"  # the unit has no fax and says so
    del application["contact"]["fax"]  # a box the form has, left empty: an error, and a blank line on the paper
    blank = layout_of(catalog, HOHHOT, application)
    assert "未填" not in json.dumps(blank, ensure_ascii=False)
    assert cell_after(blank, "传真") == cell_after(blank, "传真") | {"text": "", "blank": True}
    program = catalog["programs"][HOHHOT]
    assert layout["footer"]["zh"] == (
        f"核验依据：{program['title']['zh']} 规则第 {program['schema_version']} 版（2026年12月1日发布）；"
        "核验日期：2025年3月15日；结论：没有错误：0 项提醒，4 项需人工审核"
    )
    invalid = layout_of(catalog, HOHHOT, json.loads(HOHHOT_INVALID.read_text("utf-8")))
    assert invalid["footer"]["zh"].endswith("结论：1 项错误（另有 4 项需人工审核）")


def test_the_hohhot_statement_follows_annex_3_with_the_forms_data_and_room_to_write(catalog):
    application = json.loads(HOHHOT_VALID.read_text("utf-8"))
    layout = layout_of(catalog, HOHHOT, application)
    statement = next(d for d in layout["documents"] if d["id"] == "annex-3")
    assert statement["title"] == "附件3 呼和浩特市技能大师工作室申报书"
    blocks = statement["pages"][0]
    outline = catalog["documents"]["cn-nm-hohhot/master-studio-rules"]["parts"][3]["articles"][0]["zh"].splitlines()
    headings = [b["text"] for b in blocks if b["type"] == "paragraph" and b["heading"]]
    assert headings == outline  # 主要内容： and its eight items, in order, as published
    facts = {fact["label"]: fact["text"] for b in blocks if b["type"] == "facts" for fact in b["rows"]}
    assert facts["申办工作室名称"] == "呼和浩特市张伟技能大师工作室" and facts["职业（工种）"] == "焊工"
    assert facts["出生年月"] == "1980年3月" and facts["工作室面积"] == "180平方米"
    assert facts["职工教育经费用于高技能人才培养、交流等方面的费用"] == "55%"
    # Items 2 to 8 are followed by room to write what the form does not hold (item 1 is all data).
    after = [blocks[i + 1 :] for i, b in enumerate(blocks) if b.get("heading") and b["text"][0].isdigit()]
    assert len(after) == 8 and all(any(x["type"] == "write" for x in rest[:2]) for rest in after[1:])


def test_the_recommendation_letter_names_the_unit_studio_and_master(catalog):
    application = json.loads(HOHHOT_VALID.read_text("utf-8"))
    letter = next(d for d in layout_of(catalog, HOHHOT, application)["documents"] if d["id"] == "recommendation")
    assert letter["title"] == "单位推荐报告"
    blocks = letter["pages"][0]
    assert [b["type"] for b in blocks][:2] == ["title", "paragraph"] and blocks[1]["text"] == "呼和浩特市人力资源和社会保障局："
    facts = {fact["label"]: fact["text"] for b in blocks if b["type"] == "facts" for fact in b["rows"]}
    assert facts == {
        "申报单位": "呼和浩特某装备制造有限公司",
        "申办工作室名称": "呼和浩特市张伟技能大师工作室",
        "工作室职业（工种）": "焊工",
        "领办人姓名": "张伟",
        "领办人职业技能等级": "高级技师",
        "申报单位意见": "同意推荐。",
    }
    assert [b["text"] for b in blocks if b["type"] == "paragraph"][-3:] == ["单位（公章）：", "法人代表（签字）：", "年  月  日"]


PRINTED = [
    (HOHHOT, HOHHOT_VALID),
    (HOHHOT, None),  # nothing filled in: every blank left to write by hand
    (FOUNDATION, FOUNDATION_VALID),
    ("cn-nm-chifeng/training-base", EXAMPLES / "cn-nm-chifeng/training-base/valid-technical-school.json"),
]


@needs_node
@needs_printers
def test_printed_papers_have_no_text_over_text_on_every_form(tmp_path):
    """Each form layout (the two published forms, one from a schema), filled and empty: the
    .docx printed by LibreOffice (one start for all) and the print page by Chromium."""
    made = []
    for index, (program, example) in enumerate(PRINTED):
        path = example or tmp_path / "empty.json"
        if example is None:
            path.write_text(json.dumps({"program": program}), "utf-8")
        code, out, err = papers_cli(tmp_path / str(index), program, path, "--draft")
        assert code in (0, 1), err
        made += [Path(line) for line in out.split()]
    docx_files = [path for path in made if path.suffix == ".docx"]
    # Copies with short names: soffice writes <stem>.pdf, and two stems are the same form's.
    renamed = []
    for index, path in enumerate(docx_files):
        renamed.append(tmp_path / f"paper-{index}.docx")
        shutil.copy(path, renamed[-1])
    pdfs = _pdf_layout.docx_to_pdf(renamed, tmp_path)
    pdfs += [_pdf_layout.html_to_pdf(path, tmp_path) for path in made if path.suffix == ".html"]
    for pdf in pdfs:
        assert pdf.exists(), pdf
        assert _pdf_layout.collisions(pdf) == [], pdf.name
    filled = [_pdf_layout.lines_of(pdf) for pdf in (pdfs[0], pdfs[len(docx_files)])]  # Hohhot, .docx and print
    for lines in filled:
        squeezed = [line.replace(" ", "") for line in lines]
        for short in ("13800000001", "13800000002", "1980年3月", "从事职业（工种）" if lines is filled[1] else "焊工"):
            assert any(short in line for line in squeezed), f"{short} is not printed on one line"
        assert "2025年3月15日" in "".join(squeezed) and "2025-03-15" not in "".join(squeezed)


@needs_node
def test_cli_names_the_fields_left_blank_in_both_languages(tmp_path):
    without_fax = json.loads(HOHHOT_VALID.read_text("utf-8"))
    del without_fax["contact"]["fax"]
    (tmp_path / "blank.json").write_text(json.dumps(without_fax, ensure_ascii=False), "utf-8")
    code, _, err = papers_cli(tmp_path, HOHHOT, tmp_path / "blank.json", "--draft")
    assert code == 1  # the fax the form asks for is missing: an error, and a blank on the papers
    assert "1 个栏目未填，文件中留空待手写：传真" in err
    assert "Empty fields, left blank on the papers to fill in by hand: 1 (Fax)" in err
