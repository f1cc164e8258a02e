"""JavaScript the benchmark runs in the page, kept apart from the Python that drives it.

Nothing in web/ is changed for the benchmark: the probe wraps the page's ``Worker``
constructor to see the worker's messages as they arrive, and watches the status element
the way an applicant does. All times are the page's ``performance.now()`` (milliseconds
since the navigation started).
"""

# Installed before any page script (Playwright's add_init_script).
INIT = """
(() => {
  const bench = (window.__bench = { messages: [], states: [], worker: null });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      // The validator's worker only: the theme starts its search worker too, before or after.
      if (!new URL(String(args[0]), location.href).pathname.endsWith("/worker.mjs")) return;
      bench.worker = this;
      bench.workerCreated = performance.now();
      // Registered before the page's own onmessage, so the time is when the message arrived.
      this.addEventListener("message", ({ data }) => {
        if (data && ["progress", "ready", "failed"].includes(data.type)) {
          bench.messages.push({ type: data.type, stage: data.stage || null, t: performance.now(), error: data.error || null });
        }
      });
    }
  };
  let last = "";
  new MutationObserver(() => {
    // Typeable: the form has a field to type in (drawn from the build's forms/<program>.json).
    if (bench.typeable === undefined && document.querySelector('[data-testid="form"] input:not([readonly]), [data-testid="form"] textarea')) {
      bench.typeable = performance.now();
    }
    const status = document.querySelector('[data-testid="status"]');
    if (!status) return;
    const key = `${status.dataset.state}|${status.textContent}`;
    if (key === last) return;
    last = key;
    bench.states.push({ state: status.dataset.state || null, text: status.textContent, t: performance.now() });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
"""

SETTLED = "window.__bench && window.__bench.states.some(s => s.state === 'ready' || s.state === 'failed')"

RECORD = (
    "({ timeOrigin: performance.timeOrigin, messages: window.__bench.messages, states: window.__bench.states,"
    " typeable: window.__bench.typeable ?? null })"
)

# The worker's fetches, and the marks web/worker.mjs sets at each step of its start.
WORKER_RESOURCES = """() => ({
  timeOrigin: performance.timeOrigin,
  entries: performance.getEntriesByType("resource").map((e) => ({
    name: e.name, startTime: e.startTime, responseEnd: e.responseEnd, transferSize: e.transferSize,
  })),
  marks: Object.fromEntries(performance.getEntriesByType("mark").map((e) => [e.name, e.startTime])),
})"""

# When the page constructed the validator's worker (set by INIT), after navigation.
WORKER_CREATED = "window.__bench.workerCreated"

# True once the service worker is active and Cache Storage holds the Pyodide wasm.
PRECACHED = """async () => {
  await navigator.serviceWorker.ready;
  for (const key of await caches.keys()) {
    const requests = await (await caches.open(key)).keys();
    if (requests.some((r) => r.url.includes("pyodide.asm.wasm"))) return true;
  }
  return false;
}"""

# The first check after ready, posted straight to the page's worker (ids unknown to the
# page are ignored by it).
FIRST_CHECK = """async ({ program, text }) => {
  const worker = window.__bench.worker;
  const start = performance.now();
  const data = await new Promise((resolve) => {
    const listen = ({ data }) => {
      if (data.type !== "result" || data.id !== "bench-first") return;
      worker.removeEventListener("message", listen);
      resolve(data);
    };
    worker.addEventListener("message", listen);
    worker.postMessage({ type: "check", id: "bench-first", program, text });
  });
  return { ms: performance.now() - start, error: data.error || null, result: data.result || null };
}"""

# Then, alternately, so both see the same conditions (V8 tiers the wasm up as it runs):
# - worker: the same check posted straight to the worker, round trip included, no rendering;
# - page: a click on the check button until findings[data-done=true], what the applicant sees.
# Each waits until the page has drawn what the one before it showed: two cores, and a worker
# timed while the page still lays out 30 findings measured the page's work too (a check's
# Python took 8–14 ms then, 6 ms otherwise).
CHECKS = """async ({ program, text, repeats }) => {
  const worker = window.__bench.worker;
  const findings = document.querySelector('[data-testid="findings"]');
  const button = document.querySelector('[data-testid="check"]');
  const viaWorker = (id) => new Promise((resolve) => {
    const listen = ({ data }) => {
      if (data.type !== "result" || data.id !== id) return;
      worker.removeEventListener("message", listen);
      resolve(data);
    };
    worker.addEventListener("message", listen);
    worker.postMessage({ type: "check", id, program, text });
  });
  const viaPage = () => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (findings.dataset.done !== "true") return;
      observer.disconnect();
      resolve();
    });
    observer.observe(findings, { attributes: true, attributeFilter: ["data-done"] });
    button.click();
  });
  const drawn = () => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 20)));
    setTimeout(resolve, 200); // a page without frames (hidden) is not waited on forever
  });
  const times = { worker: [], page: [] };
  let last = null;
  for (let i = 0; i < repeats; i++) {
    let start = performance.now();
    last = await viaWorker(`bench-${i}`);
    times.worker.push(performance.now() - start);
    start = performance.now();
    await viaPage();
    times.page.push(performance.now() - start);
    await drawn();
  }
  return { ...times, error: last.error || null, result: last.result || null };
}"""
