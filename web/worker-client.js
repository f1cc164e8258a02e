// The validator's worker (web/worker.mjs), seen from the page: a request is a message with
// an id, its answer the "result" message with the same id; the worker's other messages
// (progress, rules, ready, failed) go to the page's handlers. All Python runs in the worker.

/**
 * Listens to `started` (the worker validate.js started early, progress.js), or to a worker
 * started here when there is none. `progress(stage)`, `rules(message)` (which rules it
 * starts), `ready(message)` and `failed(error, reason)` run as the worker says so; messages it sent before this module loaded are handed over
 * first, once the caller's own set-up has run. Returns `request(type, payload)`: one request, one promise of its "result" message.
 */
export function connectWorker(started, { progress, rules, ready, failed }) {
  const worker = started ?? new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
  const pending = new Map();
  let nextId = 0;
  const request = (type, payload) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ type, id, ...payload });
    });

  const handle = ({ data }) => {
    if (data.type === "progress") {
      progress(data.stage);
    } else if (data.type === "rules") {
      rules?.(data);
    } else if (data.type === "ready") {
      ready(data);
    } else if (data.type === "failed") {
      failed(data.error, data.reason);
    } else if (data.type === "result") {
      pending.get(data.id)?.(data); // ids the page did not send (a benchmark's) are not ours
      pending.delete(data.id);
    }
  };

  // What the worker said before this module loaded (a fast start's "ready") is handed over
  // a microtask later: at once, it would reach the caller's handlers before the caller had
  // made what they use (app.js's state below its connectWorker call). No message can be
  // dispatched in between: each is a task, and microtasks run first.
  queueMicrotask(() => {
    worker.replay?.(handle);
    worker.onmessage = handle;
  });
  return request;
}
