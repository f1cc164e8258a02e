// On pages other than the validator: fetch the validator's runtime ahead, but only when the
// reader's connection allows it. A reader who never opens the validator should pay nothing
// for it: the runtime is 6 MB, and starting the interpreter here would cost ~100 MB of
// memory and seconds of both cores, thrown away at the next navigation.
//
// So nothing is fetched when the browser says the reader spares data (Save-Data), is on a
// cellular or slower than 4G connection, or says nothing about its connection at all
// (navigator.connection is Chromium's). Otherwise, once the page is idle, the files are
// fetched one at a time at low priority into the cache the validator's worker reads
// (`validator-<bundle version>`, see worker.mjs; asked for as `?v=<version>`, as the worker
// does, so no cache answers with another version's file), the worker's modules into the
// service worker's `validator-scripts`, once per bundle: with or without a service worker,
// the next page never fetches them again and the validator starts warm. The worker alone
// marks a version complete (it stores the manifest once it has started from it).
// What was decided is left on <html data-validator-runtime>, for the curious and the tests.

const CACHE_PREFIX = "validator-"; // as worker.mjs
const MODULES_CACHE = "validator-scripts"; // as worker.mjs and build-sw.mjs

const idle = () =>
  new Promise((resolve) => {
    const whenIdle = () => (window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 5000 }) : setTimeout(resolve, 1000));
    if (document.readyState === "complete") whenIdle();
    else addEventListener("load", whenIdle, { once: true });
  });

/** Why the connection does not allow fetching 6 MB ahead, or null when it does. */
export function connectionRefusal(connection) {
  if (!connection) return "no-connection-info";
  if (connection.saveData) return "save-data";
  if (connection.type === "cellular") return "cellular";
  if (connection.effectiveType !== "4g") return "slow-connection";
  return null;
}

export async function warmValidator(validator) {
  const decided = (how) => (document.documentElement.dataset.validatorRuntime = how);
  const refusal = connectionRefusal(navigator.connection);
  if (refusal) return decided(refusal);
  if (!("caches" in window)) return decided("no-cache-storage");
  await idle();
  try {
    const manifest = await (await fetch(new URL("manifest.json", validator), { cache: "no-cache" })).json();
    const runtime = await caches.open(CACHE_PREFIX + manifest.version);
    const modules = await caches.open(MODULES_CACHE);
    const files = [
      [modules, "worker.mjs", ""],
      [modules, "pyodide/pyodide.mjs", ""],
      [modules, "pyodide/pyodide.asm.mjs", ""],
      ...["pyodide/pyodide-lock.json", "pyodide/pyodide.asm.wasm", manifest.stdlib, manifest.packages, manifest.catalog].map(
        (file) => [runtime, file, `?v=${manifest.version}`],
      ),
    ];
    let fetched = 0;
    for (const [cache, file, query] of files) {
      const url = new URL(file, validator).href;
      if (await cache.match(url)) continue;
      const response = await fetch(url + query, { priority: "low" });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(url, response);
      fetched++;
    }
    decided(fetched ? "prefetched" : "cached");
  } catch (error) {
    console.warn("validator prefetch stopped:", error);
    decided("failed");
  }
}
