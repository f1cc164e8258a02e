// The papers to file, drawn from the layout Python makes (generator/papers): the print page
// (A4, the form's typeface, size and line spacing, a page break where the form has one) and
// the .docx the bureau asks for as the electronic copy (papers-docx.mjs). The one renderer of
// both: the validator page runs it in the browser, `policy-site papers` runs it under Node
// (web/papers-cli.mjs). It decides nothing: every word, blank and stamp is in the layout.
//
// Usage: paperHtml(layout) → the HTML text of a standalone page;
//        paperDocx(layout, docx) → a docx Document (docx is the `docx` package's module).

import { ANNEX_PT, CELL_PADDING_PT, columnWidthsPt, FOOTER_PT, LINE_LABEL_PT, linePt, MARGINS_MM, TITLE_PT } from "./papers-widths.mjs";

export { paperDocx } from "./papers-docx.mjs";

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
// A CSS string: the footer's words in @page's margin box.
const cssString = (text) => `"${String(text).replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, " ")}"`;

const fontFamily = (style) => style.font_stack.map((name) => (/^[a-z-]+$/.test(name) ? name : `"${name}"`)).join(", ");

// ---- the print page ---------------------------------------------------------------------

function stampHtml(layout) {
  if (!layout.stamp) return "";
  return `<p class="stamp" data-stamp="${layout.draft ? "draft" : "not-ready"}">${escapeHtml(layout.stamp.zh)}<br>${escapeHtml(layout.stamp.en)}</p>`;
}

// A value the application lacks is left blank, to fill in by hand: never a printed "not filled in".
const valueHtml = (item) => (item.blank ? `<span class="blank" data-blank="${escapeHtml(item.pointer)}"></span>` : escapeHtml(item.text));

function cellHtml(cell, layout) {
  const attributes = [
    cell.span > 1 ? ` colspan="${cell.span}"` : "",
    cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : "",
    cell.pointer ? ` data-pointer="${escapeHtml(cell.pointer)}"` : "",
  ].join("");
  const parts = [];
  if (cell.note) parts.push(`<span class="note">${cell.note.map(escapeHtml).join("<br>")}</span>`);
  if (cell.kind === "label") parts.push(escapeHtml(cell.text));
  else if (cell.kind === "value") parts.push(`<span class="value">${valueHtml(cell)}</span>`);
  // The signature lines sit at the foot of the cell's room, as on the published form.
  if (cell.sign) parts.push(`<span class="signature">${cell.sign.map(escapeHtml).join("<br>")}</span>`);
  const room = cell.lines ? ` style="min-height: ${cell.lines * linePt(layout.style)}pt"` : "";
  return `<td class="cell cell--${cell.kind}"${attributes}><div class="cell__box"${room}>${parts.join("")}</div></td>`;
}

function blockHtml(block, layout) {
  const line = linePt(layout.style);
  switch (block.type) {
    case "annex":
      return `<p class="annex">${escapeHtml(block.text)}</p>`;
    case "title":
      return `<h1 class="title">${block.lines.map(escapeHtml).join("<br>")}</h1>`;
    case "heading":
      return `<h2 class="heading">${escapeHtml(block.text)}</h2>`;
    case "spacer":
      return `<div class="spacer" style="height: ${block.lines * line}pt"></div>`;
    case "paragraph": {
      const classes = ["text", block.indent ? "indent" : "", block.heading ? "strong" : ""].filter(Boolean).join(" ");
      return `<p class="${classes}" style="text-align: ${block.align}">${escapeHtml(block.text)}</p>`;
    }
    case "line":
      return `<p class="line" data-pointer="${escapeHtml(block.pointer)}"><span class="line__label">${escapeHtml(block.label)}</span><span class="line__value">${valueHtml(block)}</span><span class="line__after">${escapeHtml(block.after || "")}</span></p>`;
    case "facts":
      return block.rows
        .map((fact) => `<p class="fact" data-pointer="${escapeHtml(fact.pointer)}"><span class="fact__label">${escapeHtml(fact.label)}：</span><span class="fact__value">${valueHtml(fact)}</span></p>`)
        .join("\n");
    case "write":
      return `<div class="write">${'<div class="write__line"></div>'.repeat(block.lines)}</div>`;
    case "table": {
      const widths = columnWidthsPt(block, layout.style);
      const total = widths.reduce((a, b) => a + b, 0);
      const columns = `<colgroup>${widths.map((width) => `<col style="width: ${((100 * width) / total).toFixed(3)}%">`).join("")}</colgroup>`;
      const rows = block.rows.map((row) => `<tr>${row.map((cell) => cellHtml(cell, layout)).join("")}</tr>`).join("\n");
      return `<table>${columns}<tbody>\n${rows}\n</tbody></table>`;
    }
    default:
      throw new Error(`papers: unknown block ${block.type}`);
  }
}

/**
 * The print-ready page: a standalone HTML document with its own print CSS, and a button to
 * print it (or save it as PDF) that the print hides. `script`: wire the button with an inline
 * script (the CLI's file); the validator page wires it itself, its CSP allowing no inline script.
 */
export function paperHtml(layout, { script = false } = {}) {
  const style = layout.style;
  const lineHeight = style.line_pt ? `${style.line_pt}pt` : "1.5";
  const line = linePt(style);
  const css = `
@page {
  size: A4; margin: ${MARGINS_MM.top}mm ${MARGINS_MM.right}mm ${MARGINS_MM.bottom}mm ${MARGINS_MM.left}mm;
  @bottom-center { content: ${cssString(layout.footer.zh)}; font-family: ${fontFamily(style)}; font-size: ${FOOTER_PT}pt; color: #555; vertical-align: middle; }
}
html { color: #000; background: #fff; }
body { margin: 0; font-family: ${fontFamily(style)}; font-size: ${style.size_pt}pt; line-height: ${lineHeight}; }
.page { break-after: page; }
.page:last-of-type { break-after: auto; }
.stamp { margin: 0 0 12pt; padding: 4pt 8pt; border: 2pt solid #b00; color: #b00; font-weight: bold; text-align: center; line-height: 1.4; }
.annex { margin: 0 0 12pt; font-size: ${ANNEX_PT}pt; font-weight: bold; line-height: 1.5; }
.title { margin: 48pt 0 ${line}pt; font-size: ${TITLE_PT}pt; font-weight: bold; text-align: center; line-height: 1.6; }
.heading { margin: 12pt 0 6pt; font-size: ${style.size_pt}pt; font-weight: bold; }
.text { margin: 0; }
.indent { text-indent: 2em; }
.strong { font-weight: bold; }
.line { display: flex; align-items: baseline; gap: 0.5em; margin: 0 auto 14pt; width: 80%; font-size: ${LINE_LABEL_PT}pt; line-height: 1.6; }
.line__label { white-space: nowrap; }
.line__value { flex: 1; min-height: 1.6em; border-bottom: 1px solid #000; padding: 0 0.5em; }
.line__after { white-space: nowrap; }
.fact { margin: 0; padding-left: 2em; white-space: pre-wrap; }
.fact__label { font-weight: bold; }
.fact__value .blank { display: inline-block; width: 12em; border-bottom: 1px solid #000; }
.write__line { height: ${line}pt; border-bottom: 0.5pt solid #888; }
table { width: calc(100% - 1pt); border-collapse: collapse; table-layout: fixed; }
tr { break-inside: avoid; }
td.cell { border: 0.75pt solid #000; padding: 2pt ${CELL_PADDING_PT}pt; vertical-align: middle; white-space: pre-wrap; overflow-wrap: anywhere; }
td.cell--label { text-align: center; }
td.cell--value, td.cell--sign { vertical-align: top; }
.cell__box { display: flex; flex-direction: column; }
.note { display: block; font-size: ${Math.max(style.size_pt - 1.5, 9)}pt; }
.signature { display: block; margin-top: auto; padding-top: 8pt; text-align: right; }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: center; padding: 8px; background: #f3f3f3; border-bottom: 1px solid #ccc; font: 15px/1.4 system-ui, sans-serif; }
.toolbar button { font: inherit; padding: 8px 16px; min-height: 44px; border: 1px solid #1a56a8; border-radius: 4px; background: #1a56a8; color: #fff; cursor: pointer; }
@media print { .toolbar { display: none; } }
@media screen {
  html { background: #e5e5e5; }
  .page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: ${MARGINS_MM.top}mm ${MARGINS_MM.right}mm ${MARGINS_MM.bottom}mm ${MARGINS_MM.left}mm; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }
  .page::after { content: ${cssString(layout.footer.zh)}; display: block; margin-top: 24pt; font-size: ${FOOTER_PT}pt; color: #555; text-align: center; }
}
@media screen and (max-width: 220mm) {
  .page { width: auto; min-height: 0; margin: 0 0 4mm; padding: 6mm 4mm; }
  .line { width: 100%; font-size: inherit; }
}`;
  const documents = layout.documents.map((document) =>
    document.pages
      .map((page) => `<section class="page" data-document="${escapeHtml(document.id)}">${stampHtml(layout)}\n${page.map((block) => blockHtml(block, layout)).join("\n")}\n</section>`)
      .join("\n"),
  );
  const title = layout.documents.map((document) => document.title).join("；");
  const toolbar = `<div class="toolbar" role="toolbar"><button type="button" data-action="print" data-testid="papers-print-now">打印或存为 PDF · Print or save as PDF</button></div>`;
  const wiring = script ? `\n<script>document.querySelector("[data-action=print]").addEventListener("click", () => window.print());</script>` : "";
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(layout.file)}</title>
<style>${css}
</style>
</head>
<body data-program="${escapeHtml(layout.program)}" data-title="${escapeHtml(title)}">
${toolbar}
${documents.join("\n")}${wiring}
</body>
</html>
`;
}

/** The files' names: the form's and the applying unit's (呼和浩特市技能大师工作室建设项目申报表-某某公司.docx). */
export const paperFiles = (layout) => ({ html: `${layout.file}.html`, docx: `${layout.file}.docx` });
