// When the validator's Web Worker (web/worker.mjs) starts, and the page's handle on it. On a
// returning visit the head of the validator and finder pages has started it already
// (overrides/partials/validator-worker.html, which also defines window.startValidatorWorker,
// the one place it is created): restoring Python from Cache Storage is most of the wait.
// Otherwise this module starts it: loaded `async` from their head (overrides/main.html), it
// runs while the page is parsed, before validate.js, a deferred module that imports it again
// (the same module, so the same worker). The finder ("what can I apply for?") asks the same worker.

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
  const early = window.validatorWorkerStarted; // started by the page's head
  started ??= early ? Promise.resolve(early) : whenToStart().then(() => window.startValidatorWorker());
  return started;
}

// Loaded by the page's head (not only imported by validate.js): start now.
if (document.querySelector('head script[src$="/worker-start.js"]')) validatorWorker();
