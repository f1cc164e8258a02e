// The validator's Web Worker: starts Pyodide from the site's own copy, installs the
// validation core (the same Python module as the CLI) and answers check requests.
// No validation logic here: this file only moves text between the page and Python.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const base = new URL("./", import.meta.url); // absolute: relative URLs fail inside workers
const progress = (stage) => postMessage({ type: "progress", stage });

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
  const programs = JSON.parse(JSON.stringify(browser.load_catalog(catalog).toJs({ dict_converter: Object.fromEntries })));
  return { browser, programs, version: manifest.version };
}

const ready = start();

ready.then(
  ({ programs, version }) => postMessage({ type: "ready", programs, version }),
  (error) => postMessage({ type: "failed", error: String(error) }),
);

onmessage = async ({ data }) => {
  if (data.type !== "check") return;
  try {
    const { browser } = await ready;
    const result = browser.check_text(data.program, data.text, data.asOf || null, Boolean(data.explain));
    postMessage({ type: "result", id: data.id, result: JSON.parse(result) });
  } catch (error) {
    postMessage({ type: "result", id: data.id, error: String(error) });
  }
};
