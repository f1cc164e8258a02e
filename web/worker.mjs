// The validator's Web Worker: starts Pyodide from the site's own copy, installs the
// validation core (the same Python module as the CLI) and answers the page's requests.
// No validation logic here: this file only moves text between the page and Python.
//
// Two ways to start, the second the fallback of the first:
// * "restored": a memory snapshot of an interpreter that had already imported the core
//   and read the catalogue, made by this browser on an earlier visit, kept in Cache
//   Storage next to the runtime under the bundle's version (a new bundle, a new cache);
// * a normal start: the wasm, the precompiled stdlib and site-packages (unpackArchive),
//   import the core, read the catalogue; then ("made") a snapshot for the next visit.
// `?snapshot=off` on the page's URL forces a normal start and makes no snapshot ("normal"),
// for tests and the benchmark: the page passes it on as the worker's name.
// Memory snapshots are a private Pyodide API (pinned at 314.0.7 in web/package.json):
// any failure to restore one deletes it and starts normally.
//
// Messages in:  {type: "check", id, program, text, asOf?, explain?}
//               {type: "schema", id, program}       the program's application schema
//               {type: "match", id, text, asOf?, kind?, program?}  the applicant's verdict per program
//               {type: "papers", id, program, text, draft?}  the layout of the papers to file
//               {type: "totals", id, program, text}  totals computed from their rows, for the form
// Messages out: {type: "progress", stage}, {type: "ready", programs, version, limits, startup},
//               {type: "stored", snapshot}  (the runtime, and the snapshot if made, are cached),
//               {type: "failed", error}, {type: "result", id, result | error}
// Imported, not statically: the manifest and Cache Storage are read while they load.
const pyodideJs = import("./pyodide/pyodide.mjs");
pyodideJs.catch(() => {}); // awaited where used
const asm = import("./pyodide/pyodide.asm.mjs"); // both start-up paths need it
asm.catch(() => {}); // awaited where used

const base = new URL("./", import.meta.url); // absolute: relative URLs fail inside workers
const runtime = new URL("pyodide/", base);
const SITE_PACKAGES = "/lib/python3.14/site-packages";
const CACHE_PREFIX = "validator-";
const useSnapshot = self.name !== "snapshot=off"; // set by progress.js from the page's URL
const progress = (stage) => postMessage({ type: "progress", stage });
const toJs = (proxy) => JSON.parse(JSON.stringify(proxy.toJs({ dict_converter: Object.fromEntries })));
const quiet = { stdout: () => {}, stderr: (line) => console.warn(line) };

/** Cache Storage for this bundle version, or null where the browser offers none. */
async function openCache(version) {
  try {
    return await caches.open(CACHE_PREFIX + version);
  } catch {
    return null;
  }
}

/**
 * A runtime file from the version's cache, else from the network (then kept): the first
 * visit fetches each file once, and the service worker answers later visits from the same
 * cache, offline included. `fetch` itself is routed here while Pyodide starts, so its own
 * requests (wasm, stdlib) take the same path.
 */
const puts = []; // cache writes under way, awaited before "stored"

function cachingFetch(cache, networkFetch) {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input, base);
    if (!cache || !url.href.startsWith(base.href)) return networkFetch(input, init);
    const hit = await cache.match(url.href);
    if (hit) return hit;
    const response = await networkFetch(input, init);
    // Not awaited: the wasm compiles as it streams in while the copy is written.
    if (response.ok) puts.push(cache.put(url.href, response.clone()).catch(() => {}));
    return response;
  };
}

const snapshotKey = (version) => new URL(`pyodide/snapshot-${version}.bin`, base).href;
const mark = (name) => performance.mark(name); // the stages, for the curious and bench/_probe.py

/**
 * A restore does four things at once: the snapshot is read from Cache Storage, the wasm
 * compiles from its cached Response (streaming, so V8 may use its code cache), and
 * pyodide.asm.mjs (imported as the worker began) is parsed; only the restore waits for all
 * three. Done one after the other, they were half of a returning visit.
 */
async function restore(manifest, cache) {
  const key = snapshotKey(manifest.version);
  const [stored, storedMeta] = await Promise.all([cache.match(key), cache.match(key + ".json")]);
  if (!stored || !storedMeta) return null;
  progress("snapshot");
  mark("snapshot-found");
  const wasmURL = new URL("pyodide.asm.wasm", runtime).href;
  const compiled = WebAssembly.compileStreaming(cache.match(wasmURL).then((hit) => hit || fetch(wasmURL)));
  compiled.then(() => mark("wasm-compiled"), () => {}); // awaited below; a failure falls back with the restore's error
  const packed = stored.arrayBuffer().then((buffer) => (mark("snapshot-read"), new Uint8Array(buffer)));
  const meta = storedMeta.json();
  const { loadPyodide } = await pyodideJs;
  const pyodide = await loadPyodide({
    indexURL: runtime.href,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    stdLibURL: new URL(manifest.stdlib, base).href,
    // Pyodide's own header only: the heap is written below, from the stored runs.
    _loadSnapshot: Promise.all([packed, meta]).then(([bytes, { header }]) => bytes.subarray(0, header)),
    createPyodideModule: async (settings) => {
      const [{ default: createModule }, bytes, { header, heap, runs }] = await Promise.all([asm, packed, meta]);
      // Pyodide instantiates from the Response it fetched itself: hand it the module that
      // compiled meanwhile instead (its own imports are kept, so nothing else changes).
      const instantiateStreaming = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = async (_response, imports) => {
        const module = await compiled;
        return { module, instance: await WebAssembly.instantiate(module, imports) };
      };
      try {
        const module = await createModule(settings);
        mark("module-created");
        // Pyodide's wasm starts with 30 MiB of memory and restoreSnapshot cannot grow it
        // (a larger heap failed with "offset is out of bounds"): grow it first.
        if (module.HEAP8.length < heap) module.growMemory(heap);
        unpackHeap(module.HEAP8, bytes.subarray(header), runs);
        return module;
      } finally {
        WebAssembly.instantiateStreaming = instantiateStreaming;
      }
    },
    ...quiet,
  });
  mark("restored");
  const browser = pyodide.pyimport("generator.core.browser");
  const { programs, limits } = await meta;
  // The restored catalogue must be the one this bundle ships: a cheap proof it came back.
  if (toJs(browser.input_limits()).max_bytes !== limits.max_bytes) throw new Error("restored state differs");
  return { browser, programs, limits, startup: "restored" };
}

/**
 * A snapshot is Pyodide's header, then the whole wasm memory, two thirds of it zeros. Kept
 * as the header and the memory's non-zero 64 KiB chunks, merged into runs ([offset, length]
 * of the memory, in meta.json): 31 → 17 MB to read on every return visit. Restoring writes
 * zeros, then the runs: the same memory as Pyodide's restoreSnapshot would have written.
 */
const CHUNK = 65536;

function packSnapshot(snapshot) {
  const header = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true);
  const heap = snapshot.subarray(header);
  const words = new Uint32Array(heap.buffer, heap.byteOffset, heap.byteLength >> 2); // header is 16-aligned
  const runs = [];
  for (let at = 0; at < heap.byteLength; at += CHUNK) {
    const end = Math.min(at + CHUNK, heap.byteLength);
    let used = heap.subarray(end & ~3, end).some((byte) => byte !== 0); // a tail shorter than a word
    for (let word = at >> 2; !used && word < end >> 2; word++) used = words[word] !== 0;
    if (!used) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === at) last[1] += end - at;
    else runs.push([at, end - at]);
  }
  const kept = runs.reduce((total, [, length]) => total + length, 0);
  const bytes = new Uint8Array(header + kept);
  bytes.set(snapshot.subarray(0, header));
  let offset = header;
  for (const [at, length] of runs) {
    bytes.set(heap.subarray(at, at + length), offset);
    offset += length;
  }
  return { bytes, header, heap: heap.byteLength, runs };
}

function unpackHeap(memory, data, runs) {
  memory.fill(0);
  let offset = 0;
  for (const [at, length] of runs) {
    memory.set(data.subarray(offset, offset + length), at);
    offset += length;
  }
  if (offset !== data.byteLength) throw new Error("snapshot runs do not match its data");
}

async function normalStart(manifest, cache, makeSnapshot) {
  progress("runtime");
  const file = (path) => fetch(new URL(path, base));
  // Packages and catalogue load while the runtime compiles.
  const packages = file(manifest.packages).then((r) => r.arrayBuffer());
  const catalog = file(manifest.catalog).then((r) => r.text());
  const { loadPyodide } = await pyodideJs;
  const pyodide = await loadPyodide({
    indexURL: runtime.href,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    stdLibURL: new URL(manifest.stdlib, base).href,
    _makeSnapshot: makeSnapshot,
    ...quiet,
  });
  progress("packages");
  pyodide.unpackArchive(new Uint8Array(await packages), "zip", { extractDir: SITE_PACKAGES });
  progress("core");
  let browser = pyodide.pyimport("generator.core.browser");
  const programs = toJs(browser.load_catalog(await catalog));
  // The page refuses oversized input before posting it, with Python's own limit.
  const limits = toJs(browser.input_limits());
  let snapshot = null;
  if (makeSnapshot) {
    // No JavaScript may hold a Python object while the memory is copied.
    browser.destroy();
    snapshot = pyodide.makeMemorySnapshot(); // packed after "ready" (store), off the applicant's wait
    browser = pyodide.pyimport("generator.core.browser");
  }
  return { browser, programs, limits, snapshot, startup: makeSnapshot ? "made" : "normal" };
}

async function start() {
  mark("worker-module");
  const networkFetch = globalThis.fetch.bind(globalThis);
  const manifest = await (await networkFetch(new URL("manifest.json", base))).json();
  mark("manifest");
  const cache = await openCache(manifest.version);
  globalThis.fetch = cachingFetch(cache, networkFetch);
  try {
    if (useSnapshot && cache) {
      try {
        const restored = await restore(manifest, cache);
        if (restored) return { ...restored, manifest, cache };
      } catch (error) {
        console.warn("memory snapshot not restored, starting normally:", error);
        await cache.delete(snapshotKey(manifest.version));
      }
    }
    return { ...(await normalStart(manifest, cache, Boolean(useSnapshot && cache))), manifest, cache };
  } finally {
    globalThis.fetch = networkFetch;
  }
}

/** After ready: keep what the next visit needs, and drop other versions' caches. */
async function store({ manifest, cache, snapshot, programs, limits }) {
  if (!cache) return;
  await Promise.all(puts);
  // The worker's own modules came through the HTTP cache: copy them without a refetch.
  const modules = ["worker.mjs", "pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide-lock.json"];
  await Promise.all(
    modules.map(async (path) => {
      const url = new URL(path, base).href;
      if (!(await cache.match(url))) await cache.put(url, await fetch(url, { cache: "force-cache" }));
    }),
  );
  if (snapshot) {
    const key = snapshotKey(manifest.version);
    const { bytes, header, heap, runs } = packSnapshot(snapshot);
    await cache.put(key + ".json", new Response(JSON.stringify({ programs, limits, header, heap, runs })));
    await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  }
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX) && name !== CACHE_PREFIX + manifest.version) await caches.delete(name);
  }
}

const ready = start();

ready.then(
  (started) => {
    const { programs, limits, manifest, startup } = started;
    postMessage({ type: "ready", programs, limits, version: manifest.version, startup });
    const made = Boolean(started.snapshot);
    store(started).then(
      () => postMessage({ type: "stored", snapshot: made }),
      (error) => console.warn("validator files not cached:", error),
    );
    started.snapshot = null; // 30 MB the worker need not keep
  },
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
