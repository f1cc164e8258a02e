// Drafts of applications, one per program, in this browser's localStorage only: nothing
// is sent anywhere. Saved a moment after each change (typing a paragraph is one save, not
// one per key), and at once when the page is hidden, so a reload or a closed tab keeps it.

const PREFIX = "policy-site.draft:"; // + program id; shared by the zh and en pages (same origin)
const DELAY_MS = 400;

function storage() {
  try {
    return window.localStorage; // throws where storage is disabled
  } catch {
    return null;
  }
}

/** The text a document is saved as, and shown as in the validator's text area. */
export const documentText = (document_) => JSON.stringify(document_, null, 2);

/** Runs `changed()` when another page of this site (another tab) changes the program's draft. */
export function onDraftChange(program, changed) {
  addEventListener("storage", (event) => (event.key === null || event.key === PREFIX + program) && changed());
}

/** `{text, saved}` of the program's draft, or null. */
export function loadDraft(program) {
  try {
    const stored = storage()?.getItem(PREFIX + program);
    const draft = stored ? JSON.parse(stored) : null;
    return typeof draft?.text === "string" ? draft : null;
  } catch {
    return null;
  }
}

/** Removes the program's draft; returns it (`{text, saved}`, for an undo) or null. */
export function deleteDraft(program) {
  const draft = loadDraft(program);
  try {
    storage()?.removeItem(PREFIX + program);
  } catch {
    return null;
  }
  return draft;
}

/** Puts back a draft `deleteDraft` returned. */
export function restoreDeletedDraft(program, draft) {
  try {
    storage()?.setItem(PREFIX + program, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/**
 * A saver for one page: `schedule(program, text)` after each change, `flush()` to save now,
 * `cancel()` to drop what is pending. An empty text removes the draft instead of saving it.
 * `onSaved(result)` is told "saved" (with the time), "removed" or "failed".
 */
export function draftSaver(onSaved) {
  let timer = null;
  let pending = null;

  function save() {
    clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const { program, text } = pending;
    pending = null;
    const store = storage();
    try {
      if (!store) throw new Error("no localStorage");
      if (text.trim() === "") {
        store.removeItem(PREFIX + program);
        onSaved({ state: "removed" });
      } else {
        const saved = new Date().toISOString();
        store.setItem(PREFIX + program, JSON.stringify({ text, saved }));
        onSaved({ state: "saved", saved });
      }
    } catch {
      onSaved({ state: "failed" }); // private mode or quota: the page still works, unsaved
    }
  }

  addEventListener("pagehide", save);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && save());
  return {
    schedule(program, text) {
      pending = { program, text };
      clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    },
    flush: save,
    cancel() {
      clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
