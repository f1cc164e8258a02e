// The measures both renderers of the papers share (papers.mjs, papers-docx.mjs): the page,
// and the widths of a table's columns so that every short label and value stays on one line
// (a mobile number, 出生年月, 从事职业（工种）), the longer ones wrapping in what is left.

export const PT_PER_MM = 72 / 25.4;
export const MARGINS_MM = { top: 25, bottom: 25, left: 28, right: 20 }; // a wider left edge for the glued binding
export const A4_MM = { width: 210, height: 297 };
export const TITLE_PT = 22; // 二号, the size of a form's cover title
export const ANNEX_PT = 16; // 三号, the annex number above it
export const LINE_LABEL_PT = 15; // 小三, the cover's labelled lines
export const FOOTER_PT = 8;
export const CELL_PADDING_PT = 3; // each side of a table cell's text
export const ONE_LINE_EM = 12; // a cell's text up to this many characters wide is kept on one line
const BLANK_EM = 4; // a value left to fill in by hand keeps room for four characters

export const linePt = (style) => style.line_pt || style.size_pt * 1.5;
export const textWidthPt = (style) => (A4_MM.width - MARGINS_MM.left - MARGINS_MM.right) * PT_PER_MM;

/** Width of `text` in em of the form's typeface: Chinese and full-width characters one em, the rest (Latin letters, digits) at most two thirds. */
export const textEm = (text) => [...String(text)].reduce((sum, char) => sum + (char.charCodeAt(0) < 0x2e80 ? 0.65 : 1), 0);

/** The cells of a table block with the column each starts at, rowspans above counted. */
export function placedCells(block) {
  let occupied = Array(block.columns).fill(0);
  const placed = [];
  for (const row of block.rows) {
    let column = 0;
    for (const cell of row) {
      while (occupied[column]) column += 1;
      placed.push({ cell, column });
      for (let c = column; c < column + cell.span; c += 1) occupied[c] = cell.rowspan;
      column += cell.span;
    }
    occupied = occupied.map((c) => Math.max(0, c - 1));
  }
  return placed;
}

/**
 * The columns' widths in pt, summing to the page's text width. A short value (up to
 * ONE_LINE_EM) always gets one line; a label gets one line where the page is wide enough, else
 * two, three, four (the columns with the longest labels give way first); only then does
 * anything narrow further.
 */
export function columnWidthsPt(block, style) {
  const available = textWidthPt(style);
  const em = style.size_pt;
  const width = (chars) => chars * em + 2 * CELL_PADDING_PT + 1;
  const values = Array(block.columns).fill(2);
  const labels = Array(block.columns).fill(0);
  for (const { cell, column } of placedCells(block)) {
    if (cell.span !== 1) continue;
    const longest = Math.max(...String(cell.text || "").split("\n").map(textEm), cell.blank ? BLANK_EM : 0);
    if (longest > ONE_LINE_EM) continue;
    if (cell.kind === "label") labels[column] = Math.max(labels[column], longest);
    else values[column] = Math.max(values[column], longest);
  }
  const minimum = values.map((chars, column) => width(Math.max(chars, labels[column])));
  const sum = () => minimum.reduce((a, b) => a + b, 0);
  const byLabel = [...minimum.keys()].sort((a, b) => labels[b] - labels[a]);
  for (const lines of [2, 3, 4]) {
    for (const column of byLabel) {
      if (sum() <= available) break;
      minimum[column] = width(Math.max(values[column], Math.ceil(labels[column] / lines)));
    }
  }
  const total = sum();
  if (total > available) return minimum.map((w) => (w * available) / total); // some values wrap
  const extra = (available - total) / block.columns;
  return minimum.map((w) => w + extra);
}
