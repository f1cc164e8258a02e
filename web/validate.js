// Loaded on every page of the site: registers the service worker (offline after one
// visit) and, on the validator page, drives the form. The words it shows come from the
// page itself (data-label-* attributes written by the page generator) and from the
// findings the Python core returns; everything from the application is shown as text.
const siteRoot = new URL("../../", import.meta.url);

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register(new URL("sw.js", siteRoot), { scope: siteRoot.pathname }).catch((error) => {
    console.warn("service worker not registered:", error);
  });
}

const root = document.querySelector("[data-validator]");
if (root) startValidator(root);

function startValidator(root) {
  const label = (name) => root.dataset[`label${name}`] || name;
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const status = $("status");
  const select = $("program");
  const input = $("json-input");
  const file = $("file-input");
  const button = $("check");
  const findings = $("findings");
  const summary = $("summary");

  const setStatus = (state, text) => {
    status.dataset.state = state;
    status.textContent = text;
  };
  setStatus("loading", label("StageRuntime"));

  const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
  let nextId = 0;
  const pending = new Map();

  worker.onmessage = ({ data }) => {
    if (data.type === "progress") {
      const stage = data.stage.charAt(0).toUpperCase() + data.stage.slice(1);
      setStatus("loading", label(`Stage${stage}`));
    } else if (data.type === "ready") {
      fillPrograms(data.programs);
      setStatus("ready", label("Ready"));
      button.disabled = false;
    } else if (data.type === "failed") {
      setStatus("failed", `${label("Failed")} ${data.error}`);
    } else if (data.type === "result") {
      pending.get(data.id)?.(data);
      pending.delete(data.id);
    }
  };

  function fillPrograms(programs) {
    const wanted = new URLSearchParams(location.search).get("program") || select.value;
    select.replaceChildren(
      ...programs.map((program) => {
        const option = document.createElement("option");
        option.value = program.id;
        option.textContent = `${program.title[lang]} (${program.id})`;
        return option;
      }),
    );
    if (programs.some((program) => program.id === wanted)) select.value = wanted;
  }

  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (chosen) input.value = await chosen.text();
  });

  button.addEventListener("click", () => {
    findings.dataset.done = "false";
    findings.replaceChildren();
    summary.textContent = label("Checking");
    const id = nextId++;
    pending.set(id, show);
    worker.postMessage({ type: "check", id, program: select.value, text: input.value });
  });

  function show(data) {
    const result = data.result || {};
    if (data.error || result.unusable) {
      const item = document.createElement("li");
      item.dataset.severity = "unusable";
      item.className = "finding finding--unusable";
      item.textContent = data.error || result.unusable[lang];
      findings.append(item);
      summary.textContent = label("Unusable");
    } else {
      for (const finding of result.findings) findings.append(renderFinding(finding));
      const { error, warning, review } = result.counts;
      summary.textContent = label("Summary").replace("{error}", error).replace("{warning}", warning).replace("{review}", review);
    }
    findings.dataset.done = "true";
    summary.focus();
  }

  function renderFinding(finding) {
    const item = document.createElement("li");
    item.className = `finding finding--${finding.severity}`;
    item.dataset.ruleId = finding.rule;
    item.dataset.severity = finding.severity;
    item.dataset.path = finding.path;
    const head = document.createElement("p");
    const badge = document.createElement("strong");
    badge.textContent = label(`Severity${finding.severity.charAt(0).toUpperCase()}${finding.severity.slice(1)}`);
    const where = document.createElement("code");
    where.textContent = finding.path || "/";
    head.append(badge, " ", where);
    const message = document.createElement("p");
    message.textContent = finding.message[lang];
    item.append(head, message);
    if (finding.citation) {
      const cite = document.createElement("p");
      const link = document.createElement("a");
      // The core writes absolute URLs from site_url; link within this copy of the site instead.
      link.href = new URL(new URL(finding.citation.url[lang]).pathname.replace(/^.*?\/(en\/)?documents\//, "$1documents/") + new URL(finding.citation.url[lang]).hash, siteRoot).href;
      const number = finding.citation.number ? `${finding.citation.number} ` : "";
      link.textContent = `${number}${finding.citation.title[lang]} ${finding.citation.label[lang]}`;
      cite.append(`${label("Source")} `, link);
      item.append(cite);
    }
    return item;
  }
}
