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

const root = document.querySelector("[data-validator]");
if (root) {
  import("./progress.js").then(({ startWorker }) => {
    const worker = startWorker(root, validatorBase);
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
  // The service worker's runtime caches (web/build-sw.mjs); the validator's runtime is
  // kept by its worker.
  const runtime = /\/assets\/validator\/(pyodide\/|catalog\.json$|worker\.mjs$)/;
  const loaded = performance.getEntriesByType("resource").map((entry) => entry.name.split("#")[0]);
  const own = loaded.filter((url) => url.startsWith(siteRoot.href) && !runtime.test(new URL(url).pathname));
  const scripts = own.filter((url) => url.includes("/assets/validator/"));
  const assets = own.filter((url) => !url.includes("/assets/validator/"));
  const keep = async (name, urls) => {
    const cache = await caches.open(name);
    await Promise.allSettled(urls.map((url) => cache.add(url))); // a missing file is no reason to keep none
  };
  await Promise.all([keep("pages", [location.href]), keep("validator-scripts", scripts), keep("assets", [...new Set(assets)])]);
  document.documentElement.dataset.offlineKept = "true"; // for the tests
});
