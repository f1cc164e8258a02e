// The validator page: the form, the JSON text area (kept in step with the form), drafts,
// download, the check and the all-programs table. All Python runs in the worker
// (worker-client.js); this module moves text between the page and it. Words come from the
// page's data-label-* attributes and from the core; everything from the application is set
// as text. The form is drawn at once from what the build wrote (forms/<program>.json, from
// the core's own schema_text and input_limits): the applicant types, loads a file and keeps
// drafts while Python loads; a check asked for meanwhile is answered once it is ready.
import { documentText, loadDraft, deleteDraft, draftSaver, restoreDeletedDraft } from "./drafts.js";
import { clearInline, showFindings } from "./findings.js";
import { buildForm } from "./form.js";
import { showVerdict } from "./verdict.js";
import { wireMatch } from "./match.js";
import { wirePapers } from "./papers-buttons.js";
import { programChoice } from "./program-choice.js";
import { programAcrossLanguages, session } from "./program-address.js";
import { rulesVersion } from "./rules-version.js";
import { connectWorker } from "./worker-client.js";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const byteLength = (text) => new TextEncoder().encode(text).length;

// `started`: the worker validate.js started early (progress.js), or none.
export function startValidator(root, siteRoot, started) {
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const locale = lang === "zh" ? "zh-CN" : "en-GB";
  const label = (name) => root.dataset[`label${name}`] ?? name;
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const [status, select, input, file, button, findings, summary] = ["status", "program", "json-input", "file-input", "check", "findings", "summary"].map($);
  const [errorSummary, formElement, notice, loadButton, download, deleteButton, draftState] = [
    "error-summary", "form", "form-notice", "load-json", "download", "delete-draft", "draft-state",
  ].map($);
  const [matchButton, matchTable, matchSummary] = ["match", "match-table", "match-summary"].map($);
  const [papersPrint, papersDocx, papersDraft, papersStatus] = ["papers-print", "papers-docx", "papers-draft", "papers-status"].map($);
  const [programNotice, verdict, rulesLine, rulesNotice] = ["program-notice", "verdict", "rules-version", "rules-notice"].map($);
  const context = { lang, label, siteRoot };
  const validatorBase = new URL("./", import.meta.url);
  let workerReady = false;

  const setStatus = (state, text) => {
    status.dataset.state = state;
    status.textContent = text;
  };
  setStatus("loading", label("StageRuntime"));

  // ---- which program (program-choice.js; program-address.js keeps it across languages) --
  const choice = programChoice(select, programNotice, {
    lang,
    label,
    switchTo(id) {
      const kept = input.value;
      select.value = id;
      changeProgram(kept);
    },
  });
  const keepProgramAcrossLanguages = programAcrossLanguages(select, () => saver.flush());

  // ---- which rules (rules-version.js): the worker says, the network may know newer ------
  const rules = rulesVersion(rulesLine, rulesNotice, {
    label,
    locale,
    manifestURL: new URL("manifest.json", validatorBase),
    recheck() {
      // The draft is kept and the check asked again once the page has started on the new rules.
      saver.flush();
      if (input.value.trim() !== "") session("set", select.value);
      location.reload();
    },
  });

  // ---- the worker (worker-client.js): one request, one promise ---------------------------
  let limits = null; // generator.core.inputs limits, from the build-written form, then the worker
  const request = connectWorker(started, {
    // Download shares move the progress bar (progress.js); the words stay the stage's.
    progress: (stage) => stage !== "download" && setStatus("loading", label(`Stage${stage.charAt(0).toUpperCase()}${stage.slice(1)}`)),
    rules: (data) => rules.show(data),
    ready(data) {
      workerReady = true;
      limits = data.limits ?? limits;
      if (data.version) rules.show(data);
      if (select.options.length === 0 && data.programs) choice.fill(data.programs);
      setStatus("ready", label("Ready"));
      formShown.then(() => {
        if (session("get") === select.value && input.value.trim() !== "") button.click();
      });
    },
    failed: (error, reason) => setStatus("failed", reason === "offline-never-stored" ? label("FailedOffline") : `${label("Failed")} ${error}`),
  });
  for (const control of [button, matchButton, file, papersPrint, papersDocx]) control.disabled = false;

  // An input over the core's limit is refused here, before it is copied to the worker.
  function tooLarge(size) {
    if (!limits || size <= limits.max_bytes) return null;
    return label("TooLarge").replace("{size}", size.toLocaleString(locale)).replace("{limit}", limits.max_bytes.toLocaleString(locale));
  }

  // ---- form and text area -------------------------------------------------------------
  let form = null;
  let formProgram = null;
  let pristine = ""; // the JSON of the empty form: not worth a draft
  let edited = false; // the text area was typed in since the form last matched it
  const schemas = new Map();

  function showNotice(text, pointers = []) {
    notice.replaceChildren();
    notice.hidden = !text;
    if (!text) return;
    notice.append(text);
    // Keys of a loaded file that the form has no field for (so no label): named as the file has them.
    const named = (pointer) => pointer.split("/").slice(1).map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~")).join(" › ");
    if (pointers.length) notice.append(" ", ...pointers.flatMap((pointer, i) => [i ? (lang === "zh" ? "，" : ", ") : "", Object.assign(document.createElement("q"), { textContent: named(pointer) })]));
  }

  /** The program's form as the build wrote it: `{schema, limits}`, or `{error}`. */
  async function formData(program) {
    try {
      const response = await fetch(new URL(`forms/${program}.json`, validatorBase));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.json();
    } catch (error) {
      return { error: String(error) };
    }
  }

  async function showForm(program) {
    formElement.setAttribute("aria-busy", "true");
    if (!schemas.has(program)) {
      const data = await formData(program);
      if (data.error) return showNotice(`${label("Failed")} ${data.error}`);
      limits ??= data.limits;
      schemas.set(program, data.schema);
    }
    if (select.value !== program) return; // the applicant chose another program meanwhile
    form?.destroy();
    form = buildForm(formElement, schemas.get(program), { lang, label, onChange: formChanged });
    formProgram = program;
    pristine = documentText(form.read());
    formElement.dataset.program = program;
    formElement.removeAttribute("aria-busy");
    if (input.value.trim() === "") scheduleTotals();
    loadIntoForm(false);
  }

  /** The text area's document into the form; false when it is not a JSON object. */
  function loadIntoForm(announce) {
    if (!form) return false;
    edited = false;
    if (input.value.trim() === "") {
      form.load(undefined);
      showNotice(null);
      return true;
    }
    let document;
    try {
      document = JSON.parse(input.value);
    } catch {
      document = undefined;
    }
    if (!isObject(document)) {
      showNotice(label("NotLoadable"));
      return false;
    }
    const lost = form.load(document);
    showNotice(lost.length ? label("NotInForm") : announce ? label("Loaded") : null, lost);
    scheduleTotals(document);
    return true;
  }

  function formChanged() {
    input.value = documentText(form.read());
    edited = false;
    showNotice(null);
    saveDraft();
    scheduleTotals();
  }

  // Totals that are sums of rows: computed by the core as the rows change, shown, not typed.
  let totalsTimer = null;
  // After a load, a total the file gives stays as given (the check says if it disagrees).
  const given = (document_, pointer) =>
    pointer.split("/").slice(1).reduce((node, token) => (node !== null && typeof node === "object" ? node[token] : undefined), document_) !== undefined;
  function scheduleTotals(loaded = null) {
    clearTimeout(totalsTimer);
    totalsTimer = setTimeout(async () => {
      const program = formProgram;
      const sent = input.value;
      const { result } = await request("totals", { program, text: sent.trim() ? sent : JSON.stringify(form.read()) });
      // The text was typed or replaced meanwhile: those totals are stale, and the form must not overwrite it.
      if (!form || formProgram !== program || !result?.totals || edited || input.value !== sent) return;
      let changed = false;
      for (const total of result.totals) {
        const value = loaded && given(loaded, total.pointer) ? undefined : total.value;
        changed = form.compute(total.pointer, value, label("Computed")) || changed;
      }
      if (changed) {
        input.value = documentText(form.read());
        saveDraft();
      }
      formElement.dataset.totals = "done";
    }, 250);
  }

  const saver = draftSaver(({ state, saved }) => {
    const time = saved && new Date(saved).toLocaleString(locale);
    draftState.textContent = state === "saved" ? label("DraftSaved").replace("{time}", time) : state === "failed" ? label("DraftFailed") : "";
  });
  const saveDraft = () => saver.schedule(select.value, input.value === pristine ? "" : input.value);

  function restoreDraft(program) {
    const draft = loadDraft(program);
    if (!draft) return;
    input.value = draft.text;
    edited = true;
    draftState.textContent = label("DraftRestored").replace("{time}", new Date(draft.saved).toLocaleString(locale));
  }

  function clearResults() {
    findings.replaceChildren();
    summary.textContent = "";
    verdict.hidden = true;
    verdict.replaceChildren();
    errorSummary.hidden = true;
    clearInline(formElement);
  }

  // Rows pasted from a spreadsheet: checked at once, so each bad cell shows its message.
  formElement.addEventListener("rows-pasted", (event) => {
    showNotice(label("PasteDone").replace("{rows}", event.detail.rows));
    button.click();
  });

  // Enter in a field must never submit the form: that would put the application in a URL.
  formElement.addEventListener("submit", (event) => event.preventDefault());
  input.addEventListener("input", () => {
    edited = true;
    saveDraft();
  });
  loadButton.addEventListener("click", () => {
    loadIntoForm(true);
    choice.offerSwitch(input.value);
  });
  function changeProgram(kept = null) {
    saver.flush();
    restoreDraft(select.value);
    if (kept !== null) input.value = kept;
    clearResults();
    choice.clear();
    const url = new URL(location.href);
    url.searchParams.set("program", select.value);
    history.replaceState(history.state, "", url);
    keepProgramAcrossLanguages();
    showForm(select.value);
    if (kept !== null) saveDraft();
  }
  select.addEventListener("change", () => changeProgram());
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    const refusal = tooLarge(chosen.size);
    if (refusal) {
      file.value = "";
      return showUnusable(refusal);
    }
    input.value = await chosen.text();
    loadIntoForm(true);
    saveDraft();
    choice.offerSwitch(input.value);
  });
  // This program's draft only, after a confirmation, with an undo (the text as it was).
  deleteButton.addEventListener("click", () => {
    const program = select.value;
    const title = select.selectedOptions[0]?.textContent || program;
    if (!window.confirm(label("DeleteDraftConfirm").replace("{title}", title))) return;
    saver.cancel();
    const kept = { text: input.value, draft: deleteDraft(program) };
    session("remove");
    input.value = "";
    loadIntoForm(false);
    clearResults();
    const undo = Object.assign(document.createElement("button"), { type: "button", textContent: label("UndoDelete") });
    undo.dataset.testid = "undo-delete";
    undo.addEventListener("click", () => {
      if (kept.draft) restoreDeletedDraft(program, kept.draft);
      if (select.value === program) {
        input.value = kept.text;
        loadIntoForm(false);
      }
      draftState.textContent = label("DraftRestoredUndo");
    });
    draftState.replaceChildren(label("DraftsDeleted"), " ", undo);
  });

  // The application as a file, named after the program: exactly the text area's text.
  let downloadUrl = null;
  download.addEventListener("click", () => {
    if (input.value.trim() === "" && form) formChanged();
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([input.value], { type: "application/json" }));
    download.href = downloadUrl;
    download.download = `${select.value.replaceAll("/", "-")}.json`;
  });

  // ---- check --------------------------------------------------------------------------
  function applicationText() {
    if (input.value.trim() === "" && form) formChanged();
    return input.value;
  }

  function showUnusable(text) {
    findings.dataset.done = "false";
    clearResults();
    const item = document.createElement("li");
    item.dataset.severity = "unusable";
    item.className = "finding finding--unusable";
    item.textContent = text;
    findings.append(item);
    summary.textContent = label("Unusable");
    findings.dataset.done = "true";
    summary.focus();
  }

  button.addEventListener("click", async () => {
    findings.dataset.done = "false";
    const text = applicationText();
    const refusal = tooLarge(byteLength(text));
    if (refusal) return showUnusable(refusal);
    if (edited) loadIntoForm(false);
    clearResults();
    summary.textContent = label(workerReady ? "Checking" : "CheckQueued");
    rules.lookForNewer();
    const program = select.value;
    const data = await request("check", { program, text });
    const result = data.result || {};
    if (data.error || result.unusable) return showUnusable(data.error || result.unusable[lang]);
    const shownForm = formProgram === program ? form : null;
    const hasErrors = showFindings(result.findings, { list: findings, errorSummary, form: shownForm, formElement, ...context });
    // Dates the core read from how they were written: now written the stored way, in the form and the file.
    if (shownForm?.understood(result.understood || [])) {
      input.value = documentText(shownForm.read());
      saveDraft();
    }
    const { error, warning, review } = result.counts;
    summary.textContent = label("Summary").replace("{error}", error).replace("{warning}", warning).replace("{review}", review);
    showVerdict(verdict, result, { ...context, form: shownForm, papers: $("papers-print"), findings });
    session("set", program);
    findings.dataset.done = "true";
    (hasErrors ? errorSummary : summary).focus();
  });

  // ---- every program at once (match.js) -------------------------------------------------
  wireMatch(
    { button: matchButton, table: matchTable, summary: matchSummary },
    { ...context, request, program: () => select.value, applicationText, refusal: (text) => tooLarge(byteLength(text)) },
  );

  // ---- the papers to file: the layout from Python, drawn by papers.mjs ---------------------
  wirePapers(
    { print: papersPrint, docx: papersDocx, draft: papersDraft, status: papersStatus },
    { lang, label, request, program: () => select.value, applicationText, refusal: (text) => tooLarge(byteLength(text)) },
  );

  download.download = `${select.value.replaceAll("/", "-")}.json`;
  restoreDraft(select.value);
  const formShown = showForm(select.value);
}
