// Loaded on every page of the site. It registers the service worker (the validator and
// every page visited work offline after one visit); on the validator page it starts the
// form (app.js) and talks to the validator's worker, which worker-start.js starts (at once,
// or on a first visit once the form is drawn), as on the finder page; on any other page it may fetch the
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
 * A stand-in the page talks to until the worker is at hand: messages posted meanwhile are
 * sent then, and listeners added and replays asked for meanwhile are done then, in the order
 * asked, in one task. The worker may have been started (by the page's head) and have spoken
 * before this module ran: a replay asked for before it was at hand must not be lost.
 */
function deferredWorker(started) {
  const queued = [];
  const pending = []; // [method, args] of addEventListener and replay, in the order asked
  let worker = null;
  const later = (method) => (...args) => (worker ? worker[method](...args) : pending.push([method, args]));
  const proxy = {
    postMessage: (message) => (worker ? worker.postMessage(message) : queued.push(message)),
    addEventListener: later("addEventListener"),
    replay: later("replay"),
    set onmessage(handler) {
      proxy.addEventListener("message", handler);
    },
  };
  started.then((real) => {
    worker = real;
    for (const [method, args] of pending) real[method](...args);
    for (const message of queued) real.postMessage(message);
  });
  return proxy;
}

const root = document.querySelector("[data-validator]");
const finder = document.querySelector("[data-finder]"); // "What can I apply for?": the same worker runs `match`
// Program status badges, as of today (the build wrote the dates they change on).
if (document.querySelector("[data-status-changes]")) import("./status.js").then(({ refreshStatus }) => refreshStatus(document));
// Opened from a search result: the page scrolls to the term found.
const term = new URLSearchParams(location.search).get("h");
if (term) import("./landing.js").then(({ scrollToTerm }) => scrollToTerm(term));
let validatorReady = Promise.resolve();
if (finder) {
  // The worker: started already, most often, by the page's head (overrides/partials/validator-worker.html).
  const worker = import("./worker-start.js").then(({ validatorWorker }) => validatorWorker());
  Promise.all([worker, import("./finder.js")]).then(([started, { startFinder }]) => startFinder(finder, started));
} else if (root) {
  // Started already, most often, by the page's head (overrides/partials/validator-worker.html).
  const started = import("./worker-start.js").then(({ validatorWorker }) => validatorWorker());
  const worker = deferredWorker(started);
  validatorReady = started.then(
    (real) => new Promise((resolve) => real.addEventListener("message", ({ data }) => ["ready", "failed"].includes(data?.type) && resolve())),
  );
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
// On the validator page, once it is ready: until then the link is the validator's.
registration.then(async (registered) => {
  if (!registered || navigator.serviceWorker.controller) return;
  await Promise.all([navigator.serviceWorker.ready, validatorReady]);
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
