"""The papers to file: layouts from the definitions, drawn by web/papers.mjs under Node.

The .docx is opened with python-docx as a bureau's Word would read it: the applicant's values
in the published cells, the typeface, size and line spacing the source names, A4 pages, blanks
shown, the stamp on an application with errors. The print page is printed to PDF in the
browser tests (tests/browser/test_papers.py).
"""

from __future__ import annotations

import copy
import io
import itertools
import json
import re
import shutil

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.cli import run
from generator.core import check
from generator.papers import papers_layout
from generator.papers.layout import BLANK, DRAFT, STAMP, _forms
from tests.conftest import EXAMPLES

HOHHOT = "cn-nm-hohhot/master-studio"
FOUNDATION = "cn/skill-foundation-base"
HOHHOT_VALID = EXAMPLES / HOHHOT / "valid-enterprise-national-expert.json"
HOHHOT_INVALID = EXAMPLES / HOHHOT / "invalid-education-fund-share-below-half.json"
FOUNDATION_VALID = EXAMPLES / FOUNDATION / "valid-leading-enterprise.json"
AS_OF = "2025-03-15"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="the papers are drawn by Node (make setup)")


def layout_of(catalog, program, application, draft=False):
    counts = check(catalog, program, application, as_of=AS_OF).counts()
    return papers_layout(catalog, program, application, counts, draft=draft)


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
                elif block["type"] != "spacer":
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


@pytest.mark.parametrize("program", sorted(_forms()))
def test_every_word_of_the_published_form_is_on_the_papers(catalog, program):
    """The form's labels come from the source and none is left out (coverage both ways)."""
    form = _forms()[program]
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
    assert [d["id"] for d in layout["documents"]] == ["annex-1", "annex-2"]
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
    assert program not in _forms()
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
    assert out.split() == [
        str(tmp_path / "cn-nm-hohhot-master-studio-papers.html"),
        str(tmp_path / "cn-nm-hohhot-master-studio-papers.docx"),
    ]
    document = docx.Document(tmp_path / "cn-nm-hohhot-master-studio-papers.docx")
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
    document = docx.Document(tmp_path / "cn-nm-hohhot-master-studio-papers.docx")
    for section in document.sections:
        assert "".join(p.text for p in section.header.paragraphs) == f"{STAMP['zh']} / {STAMP['en']}"
    html = (tmp_path / "cn-nm-hohhot-master-studio-papers.html").read_text("utf-8")
    assert html.count(STAMP["zh"]) == 4 and STAMP["en"] in html  # atop every page of both documents
    code, _, _ = papers_cli(tmp_path / "draft", HOHHOT, HOHHOT_INVALID, "--draft")
    assert code == 1
    assert STAMP["zh"] not in (tmp_path / "draft" / "cn-nm-hohhot-master-studio-papers.html").read_text("utf-8")


@needs_node
def test_cli_print_page_is_a4_with_the_named_font_size_and_line_spacing(tmp_path):
    papers_cli(tmp_path, HOHHOT, HOHHOT_VALID)
    html = (tmp_path / "cn-nm-hohhot-master-studio-papers.html").read_text("utf-8")
    assert "@page { size: A4;" in html
    assert re.search(r'body \{ margin: 0; font-family: "FangSong", "仿宋", [^;]*; font-size: 12pt; line-height: 16pt; \}', html)
    assert html.count('<section class="page"') == 4  # 承诺书; cover, 填写要求, table
    assert BLANK["zh"] not in html and 'data-blank="/contact/fax"' not in html  # every box filled
    without_fax = json.loads(HOHHOT_VALID.read_text("utf-8"))
    del without_fax["contact"]["fax"]
    (tmp_path / "blank.json").write_text(json.dumps(without_fax, ensure_ascii=False), "utf-8")
    assert papers_cli(tmp_path / "blank", HOHHOT, tmp_path / "blank.json", "--draft")[0] == 1  # a box the form has, left blank
    blank = (tmp_path / "blank" / "cn-nm-hohhot-master-studio-papers.html").read_text("utf-8")
    assert BLANK["zh"] in blank and 'data-blank="/contact/fax"' in blank
    papers_cli(tmp_path, FOUNDATION, FOUNDATION_VALID)
    foundation = (tmp_path / "cn-skill-foundation-base-papers.html").read_text("utf-8")
    assert "line-height: 1.5;" in foundation and "国家技能根基工程培训基地" in foundation


def test_cli_refuses_unusable_input_with_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    code, _, err = papers_cli(tmp_path, HOHHOT, bad)
    assert code == 2 and err.strip()
    code, _, err = papers_cli(tmp_path, "cn/nothing", HOHHOT_VALID)
    assert code == 2 and "未知的项目" in err and "Unknown program" in err
