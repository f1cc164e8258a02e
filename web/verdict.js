// The verdict first: one line that says whether the application is ready to file (the
// core's result.verdict), the funding the program brings and its application window as of
// today (both worded by Python: core.money, core.status), and the next steps. Everything
// is set as textContent.

const node = (tag, ...children) => {
  const element = document.createElement(tag);
  element.append(...children);
  return element;
};

function step(text, target) {
  const link = node("a", text);
  link.href = `#${target.id || ""}`;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  });
  return link;
}

/** Fills `box` from a check result: {verdict?, counts, facts: {funding, windows}}. */
export function showVerdict(box, result, { lang, label, form, papers, findings }) {
  const errors = result.verdict ? result.verdict.status === "errors" : result.counts.error > 0;
  const message = result.verdict
    ? result.verdict.message[lang]
    : label("Summary").replace("{error}", result.counts.error).replace("{warning}", result.counts.warning).replace("{review}", result.counts.review);
  const line = node("p", node("strong", label(errors ? "VerdictErrors" : "VerdictReady")), " ", message);
  line.className = "verdict__line";
  line.dataset.testid = "verdict-line";
  const parts = [line];

  const facts = result.facts || { funding: [], windows: [] };
  // Chinese brackets in Chinese, ASCII ones in English (a full-width "（" reads wrong in English).
  const aside = (text) => (lang === "zh" ? `（${text}）` : ` (${text})`);
  const funding = facts.funding.map((item) => (item.amount_text ? `${item.amount_text[lang]}${aside(item.text[lang])}` : item.text[lang]));
  const fundingLine = node("p", label("VerdictFunding"), funding.length ? funding.join(lang === "zh" ? "；" : "; ") : label("NoAmount"));
  fundingLine.dataset.testid = "verdict-funding";
  const windows = facts.windows.map((window) => `${window.label[lang]}${lang === "zh" ? "：" : ": "}${window.text[lang]}`);
  const windowLine = node("p", label("VerdictWindow"), windows.length ? windows.join(lang === "zh" ? "；" : "; ") : label("VerdictNoWindow"));
  windowLine.dataset.testid = "verdict-window";
  windowLine.dataset.states = facts.windows.map((window) => window.state).join(" ");
  parts.push(fundingLine, windowLine);

  const next = node("p", label("VerdictNext"));
  next.dataset.testid = "verdict-next";
  const steps = [];
  if (errors) steps.push(step(label("NextFix"), findings));
  steps.push(step(label("NextPapers"), papers));
  const materials = form?.locate("/materials");
  if (materials) steps.push(step(label("NextMaterials"), materials.focusTarget() || materials.caption));
  steps.forEach((link, i) => next.append(i ? (lang === "zh" ? "；" : "; ") : "", link));
  parts.push(next);

  box.replaceChildren(...parts);
  box.dataset.status = errors ? "errors" : "ready";
  box.hidden = false;
}
