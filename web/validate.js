// Loaded on every page of the site. It registers the service worker (the validator and
// every page visited work offline after one visit); on the validator page it starts the
// validator's worker (at once, or on a first visit once the form is drawn) and the form
// (app.js); on any other page it may fetch the
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
 * The validator's worker, started before the page's other modules: Pyodide's start is most
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

/**
 * When the worker may start. At once when this browser kept a whole version of the
 * validator (its start reads no network but the manifest). On a first visit its downloads
 * (6 MB) would share a phone's slow link with the page's own files: it waits until the form
 * is drawn (app.js marks the form with its program), at most FIRST_VISIT_WAIT_MS.
 */
const FIRST_VISIT_WAIT_MS = 4000;
async function whenToStart(root) {
  if (navigator.serviceWorker?.controller) return; // this browser has been here: no waiting
  try {
    if ((await caches.keys()).some((name) => /^validator-[0-9a-f]{16}$/.test(name))) return;
  } catch {
    return; // no Cache Storage: nothing to wait for
  }
  const form = root.querySelector('[data-testid="form"]');
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => form.dataset.program && done());
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, FIRST_VISIT_WAIT_MS);
    observer.observe(form, { attributes: true, attributeFilter: ["data-program"] });
  });
}

/** A stand-in the page talks to until the worker starts: messages posted meanwhile are sent then. */
function deferredWorker(started) {
  const queued = [];
  const listeners = [];
  let worker = null;
  const proxy = {
    postMessage: (message) => (worker ? worker.postMessage(message) : queued.push(message)),
    addEventListener: (...args) => (worker ? worker.addEventListener(...args) : listeners.push(args)),
    replay: (handler) => worker?.replay(handler),
    set onmessage(handler) {
      proxy.addEventListener("message", handler);
    },
  };
  started.then((real) => {
    worker = real;
    for (const args of listeners) real.addEventListener(...args);
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
  const worker = startWorker();
  import("./finder.js").then(({ startFinder }) => startFinder(finder, worker));
} else if (root) {
  const started = whenToStart(root).then(startWorker);
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
