// Which rules the validator checks against, said on the page: the version and publication
// date of the bundle its worker started (the worker's "rules" message), and whether those
// are the published ones or the newest this browser kept while offline. A page left open
// asks the network for the published manifest now and then (on a check, when the tab comes
// back, when the connection does, every few minutes) and offers to check again on newer
// rules. The manifest is never answered from a cache (the service worker leaves it alone).

const EVERY_MS = 10 * 60 * 1000;

/**
 * `line`: the element that says which rules; `notice`: where newer rules are announced.
 * `recheck()` runs when the applicant asks to check again on them. Returns
 * `{ show(rules), lookForNewer() }`.
 */
export function rulesVersion(line, notice, { label, locale, manifestURL, recheck }) {
  let running = null; // the worker's {version, published, latest}
  const when = (published) => {
    const date = published ? new Date(published) : null;
    return date && !Number.isNaN(date.getTime()) ? date.toLocaleString(locale, { dateStyle: "long", timeStyle: "short" }) : "—";
  };
  const fill = (text, rules) => text.replace("{version}", rules.version).replace("{date}", when(rules.published));

  function show(rules) {
    running = rules;
    line.textContent = fill(label(rules.latest ? "RulesLatest" : "RulesOlder"), rules);
    line.dataset.version = rules.version;
    line.dataset.latest = String(Boolean(rules.latest));
    line.hidden = false;
    if (notice.dataset.version === rules.version) notice.hidden = true;
  }

  async function lookForNewer() {
    if (!running) return;
    let published;
    try {
      const response = await fetch(manifestURL, { cache: "no-store" });
      if (!response.ok) return;
      published = await response.json();
    } catch {
      return; // offline: the line already says which rules
    }
    if (!published?.version || published.version === running.version || notice.dataset.version === published.version) return;
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: label("RulesRecheck") });
    button.dataset.testid = "rules-recheck";
    button.addEventListener("click", () => recheck());
    const words = Object.assign(document.createElement("p"), { textContent: fill(label("RulesNew"), published) });
    notice.replaceChildren(words, button);
    notice.dataset.version = published.version;
    notice.hidden = false;
  }

  addEventListener("online", lookForNewer);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && lookForNewer());
  setInterval(() => document.visibilityState === "visible" && lookForNewer(), EVERY_MS);
  return { show, lookForNewer };
}
