// The papers to file, drawn from the layout Python makes (generator/papers): the print page
// (A4, the form's typeface, size and line spacing, a page break where the form has one) and
// the .docx the bureau asks for as the electronic copy. The one renderer of both: the
// validator page runs it in the browser, `policy-site papers` runs it under Node
// (web/papers-cli.mjs). It decides nothing: every word, blank and stamp is in the layout.
//
// Usage: paperHtml(layout) → the HTML text of a standalone page;
//        paperDocx(layout, docx) → a docx Document (docx is the `docx` package's module).

const PT_PER_MM = 72 / 25.4;
const MARGINS_MM = { top: 25, bottom: 25, left: 28, right: 20 }; // a wider left edge for the glued binding
const A4_TWIPS = { width: 11906, height: 16838 };
const TITLE_PT = 22; // 二号, the size of a form's cover title
const ANNEX_PT = 16; // 三号, the annex number above it
const twips = (pt) => Math.round(pt * 20);

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const fontFamily = (style) => style.font_stack.map((name) => (/^[a-z-]+$/.test(name) ? name : `"${name}"`)).join(", ");
const linePt = (style) => style.line_pt || style.size_pt * 1.5;

// ---- the print page ---------------------------------------------------------------------

function stampHtml(layout) {
  if (!layout.stamp) return "";
  return `<p class="stamp" data-stamp="${layout.draft ? "draft" : "not-ready"}">${escapeHtml(layout.stamp.zh)}<br>${escapeHtml(layout.stamp.en)}</p>`;
}

function valueHtml(item, layout) {
  if (item.blank) return `<span class="blank" data-blank="${escapeHtml(item.pointer)}">${escapeHtml(layout.blank.zh)}</span>`;
  return escapeHtml(item.text);
}

function cellHtml(cell, layout) {
  const attributes = [
    cell.span > 1 ? ` colspan="${cell.span}"` : "",
    cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : "",
    cell.pointer ? ` data-pointer="${escapeHtml(cell.pointer)}"` : "",
    cell.lines ? ` style="height: ${cell.lines * linePt(layout.style)}pt"` : "",
  ].join("");
  const parts = [];
  if (cell.note) parts.push(`<span class="note">${cell.note.map(escapeHtml).join("<br>")}</span>`);
  if (cell.kind === "label") parts.push(escapeHtml(cell.text));
  else if (cell.kind === "value") parts.push(`<span class="value">${valueHtml(cell, layout)}</span>`);
  if (cell.sign) parts.push(`<span class="sign">${cell.sign.map(escapeHtml).join("<br>")}</span>`);
  return `<td class="${cell.kind}"${attributes}>${parts.join("")}</td>`;
}

function blockHtml(block, layout) {
  switch (block.type) {
    case "annex":
      return `<p class="annex">${escapeHtml(block.text)}</p>`;
    case "title":
      return `<h1 class="title">${block.lines.map(escapeHtml).join("<br>")}</h1>`;
    case "heading":
      return `<h2 class="heading">${escapeHtml(block.text)}</h2>`;
    case "spacer":
      return `<div class="spacer" style="height: ${block.lines * linePt(layout.style)}pt"></div>`;
    case "paragraph": {
      const classes = ["text", block.indent ? "indent" : "", block.heading ? "strong" : ""].filter(Boolean).join(" ");
      return `<p class="${classes}" style="text-align: ${block.align}">${escapeHtml(block.text)}</p>`;
    }
    case "line":
      return `<p class="line" data-pointer="${escapeHtml(block.pointer)}"><span class="line__label">${escapeHtml(block.label)}</span><span class="line__value">${valueHtml(block, layout)}</span><span class="line__after">${escapeHtml(block.after || "")}</span></p>`;
    case "table": {
      const columns = `<colgroup>${`<col style="width: ${(100 / block.columns).toFixed(3)}%">`.repeat(block.columns)}</colgroup>`;
      const rows = block.rows.map((row) => `<tr>${row.map((cell) => cellHtml(cell, layout)).join("")}</tr>`).join("\n");
      return `<table>${columns}<tbody>\n${rows}\n</tbody></table>`;
    }
    default:
      throw new Error(`papers: unknown block ${block.type}`);
  }
}

/** The print-ready page: a standalone HTML document with its own print CSS. */
export function paperHtml(layout) {
  const style = layout.style;
  const line = style.line_pt ? `${style.line_pt}pt` : "1.5";
  const css = `
@page { size: A4; margin: ${MARGINS_MM.top}mm ${MARGINS_MM.right}mm ${MARGINS_MM.bottom}mm ${MARGINS_MM.left}mm; }
html { color: #000; background: #fff; }
body { margin: 0; font-family: ${fontFamily(style)}; font-size: ${style.size_pt}pt; line-height: ${line}; }
.page { break-after: page; }
.page:last-child { break-after: auto; }
.stamp { margin: 0 0 12pt; padding: 4pt 8pt; border: 2pt solid #b00; color: #b00; font-weight: bold; text-align: center; line-height: 1.4; }
.annex { margin: 0 0 12pt; font-size: ${ANNEX_PT}pt; font-weight: bold; }
.title { margin: 48pt 0 0; font-size: ${TITLE_PT}pt; font-weight: bold; text-align: center; line-height: 1.6; }
.heading { margin: 12pt 0 6pt; font-size: ${style.size_pt}pt; font-weight: bold; }
.text { margin: 0; }
.indent { text-indent: 2em; }
.strong { font-weight: bold; }
.line { display: flex; align-items: baseline; gap: 0.5em; margin: 0 auto 14pt; width: 80%; font-size: 15pt; line-height: 1.6; }
.line__label { white-space: nowrap; }
.line__value { flex: 1; border-bottom: 1px solid #000; padding: 0 0.5em; }
.line__after { white-space: nowrap; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: middle; white-space: pre-wrap; overflow-wrap: anywhere; }
td.label { text-align: center; }
td.value, td.sign { vertical-align: top; }
.note { display: block; font-size: ${Math.max(style.size_pt - 1.5, 9)}pt; }
.sign { display: block; margin-top: 8pt; text-align: right; }
.blank { color: #777; }
@media screen {
  html { background: #e5e5e5; }
  .page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: ${MARGINS_MM.top}mm ${MARGINS_MM.right}mm ${MARGINS_MM.bottom}mm ${MARGINS_MM.left}mm; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }
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
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}
</style>
</head>
<body data-program="${escapeHtml(layout.program)}">
${documents.join("\n")}
</body>
</html>
`;
}

// ---- the .docx --------------------------------------------------------------------------

/** A docx Document of the papers: one section per document, the stamp in every page's header. */
export function paperDocx(layout, docx) {
  const style = layout.style;
  const font = { ascii: style.font, eastAsia: style.font, hAnsi: style.font, cs: style.font };
  const size = style.size_pt * 2; // half-points
  const spacing = style.line_pt ? { line: twips(style.line_pt), lineRule: docx.LineRuleType.EXACT } : { line: 360, lineRule: docx.LineRuleType.AUTO };
  const run = (text, extra = {}) => new docx.TextRun({ text, font, size, ...extra });
  const lines = (text) => String(text).split("\n");
  const blankRun = () => run(layout.blank.zh, { color: "777777" });
  const alignment = (align) => ({ center: docx.AlignmentType.CENTER, right: docx.AlignmentType.RIGHT })[align] || docx.AlignmentType.LEFT;
  const paragraph = (children, options = {}) => new docx.Paragraph({ children, spacing, ...options });

  function valueParagraphs(item, options = {}) {
    if (item.blank) return [paragraph([blankRun()], options)];
    return lines(item.text).map((text) => paragraph([run(text)], options));
  }

  function cellChildren(cell) {
    const children = [];
    if (cell.note) children.push(...cell.note.map((text) => paragraph([run(text, { size: size - 3 })])));
    if (cell.kind === "label") children.push(...lines(cell.text).map((text) => paragraph([run(text)], { alignment: docx.AlignmentType.CENTER })));
    if (cell.kind === "value") children.push(...valueParagraphs(cell));
    if (cell.sign) children.push(...cell.sign.map((text) => paragraph([run(text)], { alignment: docx.AlignmentType.RIGHT })));
    return children.length ? children : [paragraph([])];
  }

  function table(block) {
    const width = A4_TWIPS.width - twips((MARGINS_MM.left + MARGINS_MM.right) * PT_PER_MM);
    const column = Math.floor(width / block.columns);
    return new docx.Table({
      width: { size: column * block.columns, type: docx.WidthType.DXA },
      columnWidths: Array(block.columns).fill(column),
      layout: docx.TableLayoutType.FIXED,
      rows: block.rows.map((row) => {
        const tallest = Math.max(0, ...row.map((cell) => cell.lines || 0));
        return new docx.TableRow({
          height: tallest ? { value: twips(tallest * linePt(style)), rule: docx.HeightRule.ATLEAST } : undefined,
          children: row.map(
            (cell) =>
              new docx.TableCell({
                columnSpan: cell.span,
                rowSpan: cell.rowspan,
                width: { size: column * cell.span, type: docx.WidthType.DXA },
                verticalAlign: cell.kind === "label" ? docx.VerticalAlign.CENTER : docx.VerticalAlign.TOP,
                children: cellChildren(cell),
              }),
          ),
        });
      }),
    });
  }

  function blockChildren(block) {
    switch (block.type) {
      case "annex":
        return [paragraph([run(block.text, { bold: true, size: ANNEX_PT * 2 })])];
      case "title":
        return [new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, spacing: { before: twips(48) }, children: block.lines.flatMap((text, i) => [run(text, { bold: true, size: TITLE_PT * 2, break: i ? 1 : 0 })]) })];
      case "heading":
        return [paragraph([run(block.text, { bold: true })], { spacing: { ...spacing, before: twips(12) } })];
      case "spacer":
        return Array.from({ length: block.lines }, () => paragraph([]));
      case "paragraph":
        return [paragraph([run(block.text, { bold: block.heading })], { alignment: alignment(block.align), indent: block.indent ? { firstLine: twips(style.size_pt * 2) } : undefined })];
      case "line":
        return [
          new docx.Paragraph({
            indent: { left: twips(40) },
            spacing: { before: twips(8), after: twips(8) },
            children: [
              run(`${block.label}  `, { size: 30 }),
              block.blank ? run(`　　${layout.blank.zh}　　`, { size: 30, color: "777777", underline: {} }) : run(`  ${block.text}  `, { size: 30, underline: {} }),
              run(block.after ? `  ${block.after}` : "", { size: 30 }),
            ],
          }),
        ];
      case "table":
        return [table(block)];
      default:
        throw new Error(`papers: unknown block ${block.type}`);
    }
  }

  const header = () =>
    new docx.Header({
      children: layout.stamp
        ? [new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, children: [run(`${layout.stamp.zh} / ${layout.stamp.en}`, { bold: true, color: "BB0000" })] })]
        : [],
    });

  const sections = layout.documents.map((document) => {
    const children = [];
    document.pages.forEach((page, index) => {
      const blocks = page.flatMap(blockChildren);
      if (index > 0) {
        // A page of the form starts on a new sheet, as printed.
        children.push(new docx.Paragraph({ pageBreakBefore: true, children: [] }));
      }
      children.push(...blocks);
    });
    return {
      properties: {
        page: {
          size: A4_TWIPS,
          margin: Object.fromEntries(Object.entries(MARGINS_MM).map(([side, mm]) => [side, twips(mm * PT_PER_MM)])),
        },
      },
      headers: { default: header() },
      children,
    };
  });

  return new docx.Document({
    creator: "policy-site",
    title: layout.documents.map((document) => document.title).join("；"),
    styles: { default: { document: { run: { font, size }, paragraph: { spacing } } } },
    sections,
  });
}

/** The files' names: `<program>-papers.html` and `.docx`. */
export const paperFiles = (layout) => ({ html: `${layout.file}.html`, docx: `${layout.file}.docx` });
