// Starts the validator's Web Worker (web/worker.mjs) as early as the page allows. The
// validator and finder pages load this module `async` from their head (overrides/main.html), so it runs
// as soon as it arrives, while the page is parsed and before the theme's bundle and the
// page's other modules: on a returning visit the worker's start (restoring Python from
// Cache Storage) is most of the wait, and validate.js, a deferred module, would begin it
// only once the whole page was parsed. validate.js (and the finder) import it again: the
// same module, so the same worker. The finder ("what can I apply for?") asks the same worker.

/**
 * A new validator worker. The worker's messages other than results (progress, ready,
 * failed, stored: a handful) are kept, and `worker.replay(handler)` hands them to a listener
 * that came later: call it and add the listener in the same task, so none is missed or
 * doubled. `?snapshot=off` on the page's URL is passed to the worker, in its name: a URL
 * query would be lost when the service worker answers the script from its cache.
 */
function startWorker() {
  const off = new URLSearchParams(location.search).get("snapshot") === "off";
  const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module", name: off ? "snapshot=off" : "validator" });
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
async function whenToStart() {
  if (navigator.serviceWorker?.controller) return; // this browser has been here: no waiting
  try {
    if ((await caches.keys()).some((name) => /^validator-[0-9a-f]{16}$/.test(name))) return;
  } catch {
    return; // no Cache Storage: nothing to wait for
  }
  if (document.readyState === "loading") await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  const form = document.querySelector('[data-validator] [data-testid="form"]');
  if (!form || form.dataset.program) return;
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

let started = null;
/** The page's validator worker, once it has started: one per page, however often asked. */
export function validatorWorker() {
  started ??= whenToStart().then(startWorker);
  return started;
}

// Loaded by the page's head (not only imported by validate.js): start now.
if (document.querySelector('head script[src$="/worker-start.js"]')) validatorWorker();
