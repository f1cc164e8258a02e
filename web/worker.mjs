// The validator's Web Worker: starts Pyodide from the site's own copy, installs the
// validation core (the same Python module as the CLI) and answers the page's requests.
// No validation logic here: this file only moves text between the page and Python.
//
// Which rules: on each start the published manifest is asked of the network (not of any
// cache, with a short timeout). Its version names the Cache Storage cache that holds that
// bundle's files (`validator-<version>`); a version is "complete" once this worker has
// stored every file of it, the manifest last. The worker starts the published version; when
// the network cannot be reached, or that version cannot be fetched whole, it starts the
// newest complete version instead and says so ("rules" message, latest: false). Other
// versions' caches are deleted only once the published one is complete: a half-fetched
// update never strands the applicant.
//
// Two ways to start, the second the fallback of the first:
// * "restored": a memory snapshot of an interpreter that had already imported the core
//   and read the catalogue, made by this browser on an earlier visit, kept in the version's
//   cache (a new bundle, a new cache);
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
//               Requests sent before "ready" are answered once it is.
// Messages out: {type: "rules", version, published, latest}  which rules this start uses
//                 (latest: false when the published ones could not be had), before loading;
//               {type: "progress", stage}, {type: "progress", stage: "download", share}  (0–1), {type: "ready", programs, version, published, latest, limits, startup},
//               {type: "stored", snapshot}  (the runtime, the page's files and the snapshot if made, are cached),
//               {type: "failed", error, reason?}  reason "offline-never-stored": no network and nothing kept,
//               {type: "result", id, result | error}
// Imported, not statically: the manifest and Cache Storage are read while they load.
const pyodideJs = import("./pyodide/pyodide.mjs");
pyodideJs.catch(() => {}); // awaited where used
const asm = import("./pyodide/pyodide.asm.mjs"); // both start-up paths need it
asm.catch(() => {}); // awaited where used

const base = new URL("./", import.meta.url); // absolute: relative URLs fail inside workers
const runtime = new URL("pyodide/", base);
const SITE_PACKAGES = "/lib/python3.14/site-packages";
const CACHE_PREFIX = "validator-";
// Only the worker's own version caches: other "validator-…" caches (the service worker's
// `validator-scripts`, web/build-sw.mjs) are never touched here.
const VERSION_CACHE = /^validator-[0-9a-f]{16}$/;
const PAGE_CACHE = "validator-scripts"; // the service worker's cache of the page's files
const MANIFEST_TIMEOUT_MS = 3000;
const manifestURL = new URL("manifest.json", base).href; // in a version's cache: that version is complete
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

/** The network's copy of a bundle file: `?v=` makes it one the service worker and the HTTP
 * cache never answer with another version's file (build-sw.mjs leaves such requests alone). */
const versioned = (url, version) => `${url.href.split("?")[0]}?v=${version}`;

/**
 * Download progress of a start from the network: the bytes of the runtime files received,
 * as a share of their sizes (the manifest's `sizes`), said as {type: "progress", stage:
 * "download", share} every few percent. A slow link's minute of "loading" moves.
 */
function downloadCounter(manifest) {
  const total = Object.values(manifest.sizes ?? {}).reduce((sum, size) => sum + size, 0);
  let received = 0;
  let said = 0;
  return (bytes) => {
    received += bytes;
    const share = total ? Math.min(1, received / total) : 0;
    if (share - said < 0.02 && share < 1) return;
    said = share;
    postMessage({ type: "progress", stage: "download", share });
  };
}

/** The response, its body counted as it streams (status and headers kept: the wasm's type matters). */
function counted(response, count) {
  if (!count || !response.body) return response;
  const body = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        count(chunk.byteLength);
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function cachingFetch(cache, networkFetch, version, count = null) {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input, base);
    if (!url.href.startsWith(base.href)) return networkFetch(input, init);
    const hit = await cache?.match(url.href, { ignoreSearch: true });
    if (hit) return hit;
    const response = counted(await networkFetch(versioned(url, version), init), count);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    if (!cache) return response;
    // Not awaited: the wasm compiles as it streams in while the copy is written.
    puts.push(cache.put(url.href, response.clone()).catch(() => {}));
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
  for (const loading of [packages, catalog]) loading.catch(() => {}); // awaited below, or the start failed first
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

/** The published manifest, from the network only; null when it cannot be had in time. */
async function publishedManifest(networkFetch) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), MANIFEST_TIMEOUT_MS);
  try {
    const response = await networkFetch(manifestURL, { cache: "no-cache", signal: controller.signal });
    return response.ok ? await response.json() : null;
  } catch {
    return null; // offline, the server gone, or too slow
  } finally {
    clearTimeout(timer);
  }
}

/** The manifests of the versions kept whole in Cache Storage, newest published first. */
async function completeVersions() {
  const found = [];
  try {
    for (const name of await caches.keys()) {
      if (!VERSION_CACHE.test(name)) continue;
      const kept = await (await caches.open(name)).match(manifestURL);
      const manifest = kept && (await kept.json().catch(() => null));
      if (manifest && CACHE_PREFIX + manifest.version === name) found.push(manifest);
    }
  } catch {
    return []; // no Cache Storage here
  }
  return found.sort((a, b) => String(b.published ?? "").localeCompare(String(a.published ?? "")));
}

const rulesOf = (manifest, latest) => ({ version: manifest.version, published: manifest.published ?? null, latest });

/** One start from one version's files; only one runs at a time (it routes `fetch`). */
async function startVersion(manifest, networkFetch) {
  const cache = await openCache(manifest.version);
  globalThis.fetch = cachingFetch(cache, networkFetch, manifest.version, downloadCounter(manifest));
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

async function start() {
  mark("worker-module");
  const networkFetch = globalThis.fetch.bind(globalThis);
  const asked = publishedManifest(networkFetch);
  const complete = await completeVersions();
  // A returning visit most often starts the version it kept last: it is restored while the
  // network says which version is published (a round trip, long on a phone), and used if
  // that is the one.
  const early = complete[0] && useSnapshot ? { version: complete[0].version, started: startVersion(complete[0], networkFetch) } : null;
  early?.started.catch(() => {}); // awaited below
  const published = await asked;
  mark("manifest");
  // The published version first; then the kept ones, newest first (offline, or an update
  // that cannot be fetched whole).
  const tries = published ? [[published, true]] : [];
  for (const kept of complete) if (kept.version !== published?.version) tries.push([kept, false]);
  let failure = null;
  for (const [manifest, latest] of tries) {
    postMessage({ type: "rules", ...rulesOf(manifest, latest) });
    try {
      if (early?.version === manifest.version) return { ...(await early.started), latest };
      await early?.started.catch(() => {}); // one start at a time
      return { ...(await startVersion(manifest, networkFetch)), latest };
    } catch (error) {
      console.warn(`validator version ${manifest.version} did not start:`, error);
      failure = error;
    }
  }
  const error = new Error(failure ? String(failure) : "offline-never-stored");
  error.reason = failure ? null : "offline-never-stored";
  throw error;
}

/** The page's own files (scripts, the papers' modules, the forms), kept for offline use in
 * the service worker's cache; those already there are not fetched again. */
async function keepPageFiles(manifest) {
  const cache = await caches.open(PAGE_CACHE);
  const files = [...(manifest.page ?? []), "worker.mjs", "pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs"];
  await Promise.all(
    files.map(async (path) => {
      const url = new URL(path, base).href;
      if (await cache.match(url)) return;
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    }),
  );
}

/** After ready: keep what the next visit (offline included) needs; the version is complete
 * once its manifest is stored, last. Then, if it is the published one, drop other versions. */
async function store({ manifest, cache, snapshot, programs, limits, latest }) {
  if (!cache) return;
  await Promise.all(puts);
  await keepPageFiles(manifest);
  if (snapshot) {
    const key = snapshotKey(manifest.version);
    const { bytes, header, heap, runs } = packSnapshot(snapshot);
    await cache.put(key + ".json", new Response(JSON.stringify({ programs, limits, header, heap, runs })));
    await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  }
  await cache.put(manifestURL, new Response(JSON.stringify(manifest), { headers: { "Content-Type": "application/json" } }));
  if (!latest) return; // an older version, started as a fallback: the newer one's files stay for next time
  for (const name of await caches.keys()) {
    if (VERSION_CACHE.test(name) && name !== CACHE_PREFIX + manifest.version) await caches.delete(name);
  }
}

const ready = start();

ready.then(
  (started) => {
    const { programs, limits, manifest, startup, latest } = started;
    postMessage({ type: "ready", programs, limits, ...rulesOf(manifest, latest), startup });
    const made = Boolean(started.snapshot);
    store(started).then(
      () => postMessage({ type: "stored", snapshot: made }),
      (error) => console.warn("validator files not cached:", error),
    );
    started.snapshot = null; // 30 MB the worker need not keep
  },
  (error) => postMessage({ type: "failed", error: String(error.message ?? error), reason: error.reason ?? null }),
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
