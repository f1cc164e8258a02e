"""Reading a printed paper back as a bureau sees it: where each piece of text landed on the page.

The papers are printed to PDF by the real programs (Chromium for the print page, LibreOffice for
the .docx) and read with PyMuPDF: each span's glyphs (from its baseline and font size) must not
cover another's, cross a ruled line (a table's border: text spilling out of its cell) or leave
the sheet. Glyph boxes, not PyMuPDF's line boxes: those take the font's whole ascent and descent
and touch their neighbours at any tight (exact 16 pt) line spacing.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pymupdf

SOFFICE = shutil.which("soffice")
CHROMIUM = shutil.which("chromium")
TOLERANCE_PT = 1.0
RULE_MIN_PT = 24  # wider than 一 at the titles' 22 pt  # anti-aliasing and rounding; a real overlap is a glyph's width


@dataclass
class Span:
    page: int
    text: str
    size: float
    box: pymupdf.Rect  # the ink of a Chinese glyph: 0.82 em above the baseline to just below it

    def __str__(self) -> str:
        return f"page {self.page + 1} {self.text!r} ({self.size:.1f} pt at {tuple(round(v) for v in self.box)})"


def spans(pdf: Path) -> list[Span]:
    found = []
    with pymupdf.open(pdf) as document:
        for number, page in enumerate(document):
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        text = span["text"].strip()
                        if not text:
                            continue
                        x0, _, x1, _ = span["bbox"]
                        baseline, size = span["origin"][1], span["size"]
                        found.append(
                            Span(number, text, size, pymupdf.Rect(x0, baseline - 0.82 * size, x1, baseline + 0.02 * size))
                        )
    return found


def _rules(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """The page's horizontal ruled lines (table borders, underlines): drawings no taller than a
    line's stroke and longer than a glyph: Chromium draws some glyphs as paths (一, a hyphen,
    a synthetic bold), and a table's narrowest cell is wider than two characters."""
    rules = []
    for drawing in page.get_drawings():
        rect, stroke = drawing["rect"], drawing.get("width") or 0
        if rect.width > RULE_MIN_PT and rect.height <= max(1.5, stroke + 0.5):
            rules.append(pymupdf.Rect(rect.x0, (rect.y0 + rect.y1) / 2, rect.x1, (rect.y0 + rect.y1) / 2))
    return rules


def collisions(pdf: Path) -> list[str]:
    """Every place where text covers text, crosses a ruled line or leaves the page."""
    problems = []
    found = spans(pdf)
    with pymupdf.open(pdf) as document:
        pages = [(page.rect, _rules(page)) for page in document]
    for number, (sheet, rules) in enumerate(pages):
        on_page = [s for s in found if s.page == number]
        for span in on_page:
            if not sheet.contains(span.box):
                problems.append(f"off the page: {span}")
            for rule in rules:
                crosses = span.box.y0 + TOLERANCE_PT < rule.y0 < span.box.y1 - TOLERANCE_PT
                if crosses and min(span.box.x1, rule.x1) - max(span.box.x0, rule.x0) > TOLERANCE_PT:
                    problems.append(f"a ruled line at y={rule.y0:.1f} runs through {span}")
                    break
        for a, b in itertools.combinations(on_page, 2):
            overlap = a.box & b.box
            # Runs on one baseline (2025 then 年) touch by their fonts' side bearings: a third of
            # an em is metrics, not a collision, which is a whole glyph.
            same_line = abs(a.box.y1 - b.box.y1) < TOLERANCE_PT
            allowed = 0.3 * min(a.size, b.size) if same_line else TOLERANCE_PT
            if not overlap.is_empty and overlap.width > allowed and overlap.height > TOLERANCE_PT:
                problems.append(f"{a} overlaps {b}")
    return problems


def docx_to_pdf(files: list[Path], out: Path) -> list[Path]:
    """LibreOffice's print of each .docx, in one start of soffice (each start takes seconds)."""
    profile = out / "lo-profile"  # its own profile: no clash with another soffice running
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [out / f"{file.stem}.pdf" for file in files]


def html_to_pdf(file: Path, out: Path) -> Path:
    """Chromium's print of the print page (A4 from its @page), as a browser's 'Save as PDF' makes it."""
    pdf = out / f"{file.stem}.print.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            file.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf


def lines_of(pdf: Path) -> list[str]:
    """The text of each printed line, in reading order (one value kept on one line stays whole)."""
    out = []
    with pymupdf.open(pdf) as document:
        for page in document:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    out.append("".join(span["text"] for span in line["spans"]).strip())
    return out
