// The papers as a .docx (the electronic copy the bureau asks for), drawn from the same layout
// as the print page (papers.mjs) with the same measures (papers-widths.mjs). The form's exact
// line spacing (Hohhot: 16 pt) is for its 小四 text only: the titles, the annex number and the
// cover's lines keep a spacing that fits their size, so nothing prints over anything.
//
// Usage: paperDocx(layout, docx) → a docx Document (docx is the `docx` package's module).

import { A4_MM, ANNEX_PT, CELL_PADDING_PT, columnWidthsPt, FOOTER_PT, LINE_LABEL_PT, linePt, MARGINS_MM, PT_PER_MM, TITLE_PT } from "./papers-widths.mjs";

const twips = (pt) => Math.round(pt * 20);
const BLANK_LINE = "\u3000".repeat(10); // a blank on the cover: an underlined run of ten full-width spaces

/** A docx Document of the papers: one section per document, the stamp in every page's header, the check in its footer. */
export function paperDocx(layout, docx) {
  const style = layout.style;
  const font = { ascii: style.font, eastAsia: style.font, hAnsi: style.font, cs: style.font };
  const size = style.size_pt * 2; // half-points
  const line = linePt(style);
  const spacing = style.line_pt ? { line: twips(style.line_pt), lineRule: docx.LineRuleType.EXACT } : { line: 360, lineRule: docx.LineRuleType.AUTO };
  // Text larger than the form's: single spacing for its own size (an exact 16 pt would overlap 22 pt lines).
  const fitted = (extra = {}) => ({ line: 240, lineRule: docx.LineRuleType.AUTO, ...extra });
  const run = (text, extra = {}) => new docx.TextRun({ text, font, size, ...extra });
  const lines = (text) => String(text).split("\n");
  const alignment = (align) => ({ center: docx.AlignmentType.CENTER, right: docx.AlignmentType.RIGHT })[align] || docx.AlignmentType.LEFT;
  const paragraph = (children, options = {}) => new docx.Paragraph({ children, spacing, ...options });
  const none = { style: docx.BorderStyle.NONE, size: 0, color: "FFFFFF" };

  function cellChildren(cell) {
    const children = [];
    if (cell.note) children.push(...cell.note.map((text) => paragraph([run(text, { size: size - 3 })])));
    if (cell.kind === "label") children.push(...lines(cell.text).map((text) => paragraph([run(text)], { alignment: docx.AlignmentType.CENTER })));
    if (cell.kind === "value") children.push(...lines(cell.blank ? "" : cell.text).map((text) => paragraph([run(text)])));
    if (cell.sign) {
      // The signature lines at the foot of the cell's room, as on the published form.
      const filler = Math.max(1, (cell.lines || 0) - children.length - cell.sign.length);
      children.push(...Array.from({ length: filler }, () => paragraph([])));
      children.push(...cell.sign.map((text) => paragraph([run(text)], { alignment: docx.AlignmentType.RIGHT })));
    }
    return children.length ? children : [paragraph([])];
  }

  function table(block) {
    const widths = columnWidthsPt(block, style).map(twips);
    return new docx.Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: docx.WidthType.DXA },
      columnWidths: widths,
      layout: docx.TableLayoutType.FIXED,
      margins: { left: twips(CELL_PADDING_PT), right: twips(CELL_PADDING_PT), top: twips(1), bottom: twips(1) },
      rows: block.rows.map((row) => {
        const tallest = Math.max(0, ...row.map((cell) => cell.lines || 0));
        return new docx.TableRow({
          cantSplit: true,
          height: tallest ? { value: twips(tallest * line), rule: docx.HeightRule.ATLEAST } : undefined,
          children: row.map(
            (cell) =>
              new docx.TableCell({
                columnSpan: cell.span,
                rowSpan: cell.rowspan,
                verticalAlign: cell.kind === "label" ? docx.VerticalAlign.CENTER : docx.VerticalAlign.TOP,
                children: cellChildren(cell),
              }),
          ),
        });
      }),
    });
  }

  const facts = (block) =>
    block.rows.flatMap((fact) => {
      const [first, ...rest] = fact.blank ? [BLANK_LINE] : lines(fact.text);
      const label = run(`${fact.label}：`, { bold: true });
      return [
        paragraph([label, run(first, fact.blank ? { underline: {} } : {})], { indent: { left: twips(style.size_pt * 2) } }),
        ...rest.map((text) => paragraph([run(text)], { indent: { left: twips(style.size_pt * 2) } })),
      ];
    });

  // Ruled lines to write on: a one-column table with only its rows' lower borders.
  const write = (block) =>
    new docx.Table({
      width: { size: twips((A4_MM.width - MARGINS_MM.left - MARGINS_MM.right) * PT_PER_MM), type: docx.WidthType.DXA },
      borders: { top: none, left: none, right: none, insideVertical: none, bottom: { style: docx.BorderStyle.SINGLE, size: 4, color: "888888" }, insideHorizontal: { style: docx.BorderStyle.SINGLE, size: 4, color: "888888" } },
      rows: Array.from({ length: block.lines }, () => new docx.TableRow({ height: { value: twips(line), rule: docx.HeightRule.EXACT }, children: [new docx.TableCell({ children: [paragraph([])] })] })),
    });

  function blockChildren(block) {
    switch (block.type) {
      case "annex":
        return [paragraph([run(block.text, { bold: true, size: ANNEX_PT * 2 })], { spacing: fitted({ after: twips(12) }) })];
      case "title":
        return [
          new docx.Paragraph({
            alignment: docx.AlignmentType.CENTER,
            spacing: fitted({ before: twips(48), after: twips(line) }),
            children: block.lines.map((text, i) => run(text, { bold: true, size: TITLE_PT * 2, break: i ? 1 : 0 })),
          }),
        ];
      case "heading":
        return [paragraph([run(block.text, { bold: true })], { spacing: { ...spacing, before: twips(12) } })];
      case "spacer":
        return Array.from({ length: block.lines }, () => paragraph([]));
      case "paragraph":
        return [paragraph([run(block.text, { bold: block.heading })], { alignment: alignment(block.align), indent: block.indent ? { firstLine: twips(style.size_pt * 2) } : undefined })];
      case "line": {
        const big = LINE_LABEL_PT * 2;
        return [
          new docx.Paragraph({
            indent: { left: twips(40) },
            spacing: fitted({ before: twips(8), after: twips(8) }),
            children: [
              run(`${block.label}  `, { size: big }),
              run(block.blank ? BLANK_LINE : `  ${block.text}  `, { size: big, underline: {} }),
              run(block.after ? `  ${block.after}` : "", { size: big }),
            ],
          }),
        ];
      }
      case "facts":
        return facts(block);
      case "write":
        return [write(block)];
      case "table":
        return [table(block)];
      default:
        throw new Error(`papers: unknown block ${block.type}`);
    }
  }

  const header = () =>
    new docx.Header({
      children: layout.stamp
        ? [new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, spacing: fitted(), children: [run(`${layout.stamp.zh} / ${layout.stamp.en}`, { bold: true, color: "BB0000" })] })]
        : [],
    });
  const footer = () =>
    new docx.Footer({
      children: [new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, spacing: fitted(), children: [run(layout.footer.zh, { size: FOOTER_PT * 2, color: "555555" })] })],
    });

  const sections = layout.documents.map((document) => {
    const children = [];
    document.pages.forEach((page, index) => {
      // A page of the form starts on a new sheet, as printed.
      if (index > 0) children.push(new docx.Paragraph({ pageBreakBefore: true, children: [] }));
      children.push(...page.flatMap(blockChildren));
    });
    return {
      properties: {
        page: {
          size: { width: twips(A4_MM.width * PT_PER_MM), height: twips(A4_MM.height * PT_PER_MM) },
          margin: Object.fromEntries(Object.entries(MARGINS_MM).map(([side, mm]) => [side, twips(mm * PT_PER_MM)])),
        },
      },
      headers: { default: header() },
      footers: { default: footer() },
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
