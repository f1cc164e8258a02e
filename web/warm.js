// Getting the validator ready from any page of the site, so that /validate/ starts warm.
//
// What "warm" can mean, and what each costs:
// * Starting the worker (Pyodide) on every page: ~100 MB of memory and seconds of both
//   cores on every page view, thrown away at the next navigation (a worker dies with its
//   page). Far too dear for a reader who never opens the validator.
// * Having the runtime's files on the machine (wasm 9.6 MB, stdlib 2.5 MB, wheels, the
//   catalogue): this is most of a first start, and it outlives the page. The service worker
//   registered by validate.js already does it: Workbox precaches every file of the site,
//   the Pyodide runtime included, as soon as it installs, on the first page opened. Once
//   it is active, the worker's requests are answered from that cache.
// So where the service worker works, fetching the files again from here would only download
// them a second time (while it installs) or read them from its cache for nothing (after).
// The one case left is a browser where no service worker will cache them (none, blocked,
// as in some private modes, or an install that failed): then, once the page is idle, this
// fetches them one at a time at low priority into the HTTP cache, where the worker finds
// them.

const RUNTIME = ["pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip"];

const idle = () =>
  new Promise((resolve) => {
    const whenIdle = () => (window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 5000 }) : setTimeout(resolve, 1000));
    if (document.readyState === "complete") whenIdle();
    else addEventListener("load", whenIdle, { once: true });
  });

/** True once a service worker of this site is active (its install precached everything). */
function serviceWorkerCaches(registration) {
  if (!registration) return Promise.resolve(false);
  if (registration.active) return Promise.resolve(true);
  const coming = registration.installing || registration.waiting;
  if (!coming) return Promise.resolve(false);
  return new Promise((resolve) => {
    coming.addEventListener("statechange", () => {
      if (coming.state === "activated") resolve(true);
      else if (coming.state === "redundant") resolve(Boolean(registration.active));
    });
  });
}

async function prefetch(validator) {
  const json = async (path) => (await fetch(new URL(path, validator))).json();
  const [manifest, lock] = await Promise.all([json("manifest.json"), json("pyodide/pyodide-lock.json")]);
  const wheels = Object.values(lock.packages).map((entry) => `pyodide/${entry.file_name}`);
  const files = ["worker.mjs", ...RUNTIME, ...wheels, `pyodide/${manifest.wheel}`, manifest.catalog];
  for (const file of files) {
    const response = await fetch(new URL(file, validator), { priority: "low" });
    await response.arrayBuffer(); // read to the end: only a complete body is cached
  }
}

/**
 * `registration`: the promise of validate.js's service-worker registration (null if none).
 * What was decided is left on <html data-validator-runtime>, for the curious and the tests.
 */
export async function warmValidator(registration, validator) {
  const decided = (how) => (document.documentElement.dataset.validatorRuntime = how);
  if (navigator.connection?.saveData) return decided("save-data"); // the reader asked to spare their data
  await idle();
  if (await serviceWorkerCaches(await registration)) return decided("service-worker");
  decided("prefetching");
  await prefetch(validator).then(
    () => decided("prefetched"),
    (error) => console.warn("validator prefetch stopped:", error),
  );
}
