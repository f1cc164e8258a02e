// The materials checklist of a program page (generator/site/checklist.py): a box for each
// material the applicant encloses, its tick the /materials field of the program's saved
// draft (drafts.js), the very field the validator shows. Tick here and the validator shows it
// ticked, and back; a reload keeps it. Nothing leaves the browser. Without this script the
// checklist is a plain list.
import { documentText, draftSaver, loadDraft, onDraftChange } from "./drafts.js";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const FIELD = "materials";

export function startChecklist(root) {
  const program = root.dataset.program;
  const locale = document.documentElement.lang.startsWith("en") ? "en-GB" : "zh-CN";
  const label = (name) => root.dataset[`label${name}`] ?? name;
  const seed = JSON.parse(root.dataset.seed || "{}"); // what a new draft starts from: the program's id
  const state = root.querySelector('[data-testid="checklist-state"]');

  const boxes = [...root.querySelectorAll("label[data-material]")].map((caption) => {
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = `material-${caption.dataset.material}`;
    box.value = caption.dataset.material;
    box.className = "material-item__box";
    caption.htmlFor = box.id;
    caption.before(box);
    return box;
  });
  root.querySelector('[data-testid="checklist-note"]').hidden = false;

  /** The draft's document: null when there is none; undefined when it cannot be ticked here. */
  function draftDocument() {
    const draft = loadDraft(program);
    if (!draft) return null;
    try {
      const document_ = JSON.parse(draft.text);
      if (isObject(document_) && (document_[FIELD] === undefined || Array.isArray(document_[FIELD]))) return document_;
    } catch {
      // not JSON: the validator says so and keeps the text; here it is left untouched
    }
    return undefined;
  }

  function show() {
    const document_ = draftDocument();
    const ticked = document_?.[FIELD] ?? [];
    for (const box of boxes) {
      box.checked = ticked.includes(box.value);
      box.disabled = document_ === undefined;
    }
    state.textContent = document_ === undefined ? label("Unreadable") : "";
  }

  const saver = draftSaver(({ state: saved, saved: time }) => {
    state.textContent = saved === "saved" ? label("Saved").replace("{time}", new Date(time).toLocaleString(locale)) : saved === "failed" ? label("Failed") : "";
  });

  root.addEventListener("change", (event) => {
    if (!boxes.includes(event.target)) return;
    const document_ = draftDocument();
    if (document_ === undefined) return show();
    const next = document_ ?? { ...seed };
    // Kept in the order ticked, as the validator's checkboxes keep them.
    const others = (next[FIELD] ?? []).filter((item) => item !== event.target.value);
    next[FIELD] = event.target.checked ? [...others, event.target.value] : others;
    // Nothing but the program's id and no tick: no draft, as the validator keeps none for an empty form.
    const empty = !next[FIELD].length && Object.keys(next).every((key) => key === FIELD || (key in seed && next[key] === seed[key]));
    saver.schedule(program, empty ? "" : documentText(next));
    saver.flush();
  });

  show();
  onDraftChange(program, show); // the validator open in another tab
  addEventListener("pageshow", (event) => event.persisted && show()); // back from the validator
}
