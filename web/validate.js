// Loaded on every page of the site. It registers the service worker (the validator and
// every page visited work offline after one visit); on the validator page it starts the
// validator's worker at once, then the form (app.js); on any other page it may fetch the
// validator's runtime ahead, if the connection allows (warm.js). Other modules load only
// where needed.
const siteRoot = new URL("../../", import.meta.url);
const validatorBase = new URL("./", import.meta.url);

const registration =
  "serviceWorker" in navigator && location.protocol !== "file:"
    ? navigator.serviceWorker.register(new URL("sw.js", siteRoot), { scope: siteRoot.pathname }).catch((error) => {
        console.warn("service worker not registered:", error);
        return null;
      })
    : Promise.resolve(null);

/**
 * The validator's worker, started before anything else on the page: Pyodide's start is most
 * of the wait, and waiting for a module import here cost up to 0.2 s behind the theme's
 * own start-up work. The worker's messages other than results (progress, ready, failed,
 * stored: a handful) are kept, and `worker.replay(handler)` hands them to a listener that
 * came later: call it and add the listener in the same task, so none is missed or doubled.
 * `?snapshot=off` on the page's URL is passed to the worker, in its name: a URL query would
 * be lost when the service worker answers the script from its cache.
 */
function startWorker() {
  const off = new URLSearchParams(location.search).get("snapshot") === "off";
  const worker = new Worker(new URL("worker.mjs", validatorBase), { type: "module", name: off ? "snapshot=off" : "validator" });
  const said = [];
  worker.addEventListener("message", (event) => event.data?.type !== "result" && said.push(event));
  worker.replay = (handler) => said.forEach((event) => handler(event));
  return worker;
}

const root = document.querySelector("[data-validator]");
if (root) {
  const worker = startWorker();
  import("./progress.js").then(({ trackProgress }) => {
    trackProgress(worker, root);
    return import("./app.js").then(({ startValidator }) => startValidator(root, siteRoot, worker));
  });
} else {
  // A program page's materials checklist: its ticks are kept in the validator's draft.
  const checklist = document.querySelector("[data-materials-checklist] label[data-material]")?.closest("[data-materials-checklist]");
  if (checklist) import("./checklist.js").then(({ startChecklist }) => startChecklist(checklist));
  import("./warm.js").then(({ warmValidator }) => warmValidator(validatorBase));
}
// The first page a reader opens is fetched before the service worker runs: keep a copy of
// it (and what it loaded from the site) so that it, too, opens offline.
registration.then(async (registered) => {
  if (!registered || navigator.serviceWorker.controller) return;
  await navigator.serviceWorker.ready;
  // The service worker's runtime caches (web/build-sw.mjs); the validator's runtime and
  // the published manifest are its worker's.
  const runtime = /\/assets\/validator\/(pyodide\/.*\.(wasm|zip|json)$|catalog\.json$|manifest\.json$)/;
  const loaded = performance.getEntriesByType("resource").map((entry) => entry.name.split("#")[0]);
  const own = loaded.filter((url) => url.startsWith(siteRoot.href) && !runtime.test(new URL(url).pathname) && !new URL(url).searchParams.has("v"));
  const scripts = own.filter((url) => url.includes("/assets/validator/"));
  const assets = own.filter((url) => !url.includes("/assets/validator/"));
  const keep = async (name, urls) => {
    const cache = await caches.open(name);
    await Promise.allSettled(urls.map((url) => cache.add(url))); // a missing file is no reason to keep none
  };
  await Promise.all([keep("pages", [location.href]), keep("validator-scripts", scripts), keep("assets", [...new Set(assets)])]);
  document.documentElement.dataset.offlineKept = "true"; // for the tests
});
