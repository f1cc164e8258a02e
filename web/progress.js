// The validator's start-up shown as a progress bar: one <progress> under the status line,
// advanced by the worker's stage messages. The stage's words are the status line's (set by
// app.js from the page's data-label-* attributes, in the page's language); this bar only
// shows how far along it is, and goes away once the validator is ready. The Check button,
// usable at once (a check asked for early is answered once Python is ready), carries the
// same progress in its words ("(loading 40%)").
// What the worker reported is left on the validator's root for the curious and the tests:
// data-startup="restored|made|normal" (which way it started), data-stored="true" once the
// files (and a new memory snapshot) are cached for the next visit.

// How far each stage starts, as a share of a start. A restore is one stage.
const STAGES = { snapshot: 0.2, runtime: 0.05, packages: 0.7, core: 0.8 };
const DOWNLOAD = [0.05, 0.65]; // a first start's downloads ("download" messages, share 0–1) fill this span

export function trackProgress(worker, root) {
  const status = root.querySelector('[data-testid="status"]');
  const bar = document.createElement("progress");
  bar.max = 1;
  bar.value = 0;
  bar.className = "validator__progress";
  bar.dataset.testid = "progress";
  bar.setAttribute("aria-label", root.dataset.labelProgress || "");
  status.after(bar);
  const check = root.querySelector('[data-testid="check"]');
  const onButton = document.createElement("span");
  onButton.className = "validator__check-progress";
  onButton.dataset.testid = "check-progress";
  check?.append(onButton);
  const loading = (share) => {
    onButton.textContent = (root.dataset.labelCheckLoading || " ({percent}%)").replace("{percent}", Math.round(share * 100));
    check?.setAttribute("aria-busy", "true");
  };
  const done = () => {
    onButton.remove();
    check?.removeAttribute("aria-busy");
  };
  loading(0);
  const show = ({ data }) => {
    if (data.type === "progress" && data.stage === "download") {
      bar.value = Math.max(bar.value, DOWNLOAD[0] + (DOWNLOAD[1] - DOWNLOAD[0]) * data.share);
      loading(bar.value);
    } else if (data.type === "progress" && data.stage in STAGES) {
      bar.value = Math.max(bar.value, STAGES[data.stage]);
      bar.dataset.stage = data.stage;
      loading(bar.value);
    } else if (data.type === "ready") {
      bar.value = 1;
      bar.hidden = true;
      done();
      root.dataset.startup = data.startup;
    } else if (data.type === "failed") {
      bar.hidden = true;
      done();
    } else if (data.type === "stored") {
      root.dataset.stored = "true";
    }
  };
  worker.replay?.(show); // what it said before this module loaded (validate.js), then what it says
  worker.addEventListener("message", show);
}
