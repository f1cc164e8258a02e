// The validator's Web Worker: starts Pyodide from the site's own copy, installs the
// validation core (the same Python module as the CLI) and answers the page's requests.
// No validation logic here: this file only moves text between the page and Python.
//
// Messages in:  {type: "check", id, program, text, asOf?, explain?}
//               {type: "schema", id, program}       the program's application schema
//               {type: "match", id, text, asOf?, kind?, program?}  the applicant's verdict per program
//               {type: "papers", id, program, text, draft?}  the layout of the papers to file
//               {type: "totals", id, program, text}  totals computed from their rows, for the form
// Messages out: {type: "progress", stage}, {type: "ready", programs, version, limits},
//               {type: "failed", error}, {type: "result", id, result | error}
import { loadPyodide } from "./pyodide/pyodide.mjs";

const base = new URL("./", import.meta.url); // absolute: relative URLs fail inside workers
const progress = (stage) => postMessage({ type: "progress", stage });
const toJs = (proxy) => JSON.parse(JSON.stringify(proxy.toJs({ dict_converter: Object.fromEntries })));

async function start() {
  progress("runtime");
  const manifest = await (await fetch(new URL("manifest.json", base))).json();
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", base).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", base).href,
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
  progress("packages");
  const [, wheel, catalog] = await Promise.all([
    pyodide.loadPackage(manifest.packages, { messageCallback: () => {} }),
    fetch(new URL(`pyodide/${manifest.wheel}`, base)).then((r) => r.arrayBuffer()),
    fetch(new URL(manifest.catalog, base)).then((r) => r.text()),
  ]);
  progress("core");
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel");
  const browser = pyodide.pyimport("generator.core.browser");
  const programs = toJs(browser.load_catalog(catalog));
  // The page refuses oversized input before posting it, with Python's own limit.
  const limits = toJs(browser.input_limits());
  return { browser, programs, limits, version: manifest.version };
}

const ready = start();

ready.then(
  ({ programs, limits, version }) => postMessage({ type: "ready", programs, limits, version }),
  (error) => postMessage({ type: "failed", error: String(error) }),
);

// Each request names the Python entry point that answers it; every entry returns JSON text.
const handlers = {
  check: (browser, data) => browser.check_text(data.program, data.text, data.asOf || null, Boolean(data.explain)),
  schema: (browser, data) => browser.schema_text(data.program),
  match: (browser, data) => browser.match_text(data.text, data.asOf || null, data.kind || null, data.program || null),
  totals: (browser, data) => browser.totals_text(data.program, data.text),
  papers: (browser, data) => browser.papers_text(data.program, data.text, Boolean(data.draft), data.asOf || null),
};

onmessage = async ({ data }) => {
  const handler = handlers[data.type];
  if (!handler) return;
  try {
    const { browser } = await ready;
    postMessage({ type: "result", id: data.id, result: JSON.parse(handler(browser, data)) });
  } catch (error) {
    postMessage({ type: "result", id: data.id, error: String(error) });
  }
};
