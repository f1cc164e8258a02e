// `policy-site papers` runs this under Node: the layout JSON (made by generator/papers) on
// stdin, the print page and the .docx written into the folder given, by the same renderer
// the validator page uses (papers.mjs). Prints the paths written, one a line.
// Usage: node web/papers-cli.mjs OUT_DIR < layout.json
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as docx from "docx";
import { paperDocx, paperFiles, paperHtml } from "./papers.mjs";

const out = process.argv[2];
if (!out) {
  console.error("usage: node web/papers-cli.mjs OUT_DIR < layout.json");
  process.exit(2);
}
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const layout = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
const files = paperFiles(layout);
await mkdir(out, { recursive: true });
await writeFile(join(out, files.html), paperHtml(layout, { script: true }), "utf-8");
await writeFile(join(out, files.docx), await docx.Packer.toBuffer(paperDocx(layout, docx)));
console.log(join(out, files.html));
console.log(join(out, files.docx));
