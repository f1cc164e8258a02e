// Builds the validator's Python files with Pyodide itself, in Node: the standard library
// trimmed to what the validator imports and the wheels, both compiled to .pyc by the very
// Python the browser runs (see generator/site/_precompile.py, which does the work).
// Usage: node web/build-python.mjs PRECOMPILE_PY CATALOG_JSON EXAMPLES_JSON OUT_DIR WHEEL...
import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [script, catalog, examples, outDir, ...wheels] = process.argv.slice(2);
if (!script || !catalog || !examples || !outDir || !wheels.length) {
  console.error("usage: node web/build-python.mjs PRECOMPILE_PY CATALOG_JSON EXAMPLES_JSON OUT_DIR WHEEL...");
  process.exit(2);
}
const SITE_PACKAGES = "/lib/python3.14/site-packages";
const runtime = join(dirname(fileURLToPath(import.meta.url)), "node_modules", "pyodide");

const pyodide = await loadPyodide({ indexURL: runtime + "/", stdout: () => {}, stderr: (line) => console.error(line) });
for (const wheel of wheels) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: SITE_PACKAGES });
}
pyodide.FS.mkdirTree("/build/in");
pyodide.FS.mkdirTree("/build/out");
pyodide.FS.writeFile("/build/in/_precompile.py", readFileSync(script));
pyodide.FS.writeFile("/build/in/catalog.json", readFileSync(catalog));
pyodide.FS.writeFile("/build/in/examples.json", readFileSync(examples));
pyodide.FS.writeFile("/build/in/python_stdlib.zip", readFileSync(join(runtime, "python_stdlib.zip")));
const summary = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/build/in")
import _precompile
json.dumps(_precompile.build("/build/in/catalog.json", "/build/in/examples.json",
    "/build/in/python_stdlib.zip", ${JSON.stringify(SITE_PACKAGES)}, "/build/out"))
`);
for (const name of ["python_stdlib.zip", "site-packages.zip"]) {
  writeFileSync(join(outDir, name), pyodide.FS.readFile(`/build/out/${name}`));
}
console.log(`python files: ${summary} (${wheels.map((w) => basename(w)).length} wheels)`);
