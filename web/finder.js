// The finder page ("What can I apply for?"). The build wrote every program's card (status,
// funding, who may apply, the deciding conditions with their articles) and, per
// jurisdiction, the programs open to its units (generator/site/finder.py): choosing shows
// those cards at once, nearest level first. The judging is the core's `match`, run by the
// validator's worker (the same Python as the command line); its verdict is added to each card
// when it comes. The validator link carries the answers over in the program's draft.
import { connectWorker } from "./worker-client.js";
import { documentText, draftSaver, loadDraft } from "./drafts.js";

const label = (root, name) => root.dataset[`label${name}`] ?? "";

function choices(root) {
  const where = root.querySelector("#finder-where");
  return {
    location: where.value,
    jurisdiction: where.selectedOptions[0]?.dataset.jurisdiction || "",
    place: where.value ? where.selectedOptions[0].textContent : "",
    unit: root.querySelector("#finder-unit").value,
    project: root.querySelector("#finder-project").value,
  };
}

/** Shows the cards open to the chosen place and kind, nearest level first; the rest aside. */
function arrange(root, open, chosen) {
  const list = root.querySelector(".finder__list");
  const elsewhere = root.querySelector(".finder__elsewhere");
  const cards = [...root.querySelectorAll("[data-program]")];
  const order = chosen.jurisdiction ? open[chosen.jurisdiction] : cards.map((card) => card.dataset.program);
  const byId = new Map(cards.map((card) => [card.dataset.program, card]));
  const shown = order.map((id) => byId.get(id)).filter((card) => !chosen.project || card.dataset.kind === chosen.project);
  const aside = cards.filter((card) => !order.includes(card.dataset.program) && (!chosen.project || card.dataset.kind === chosen.project));
  list.replaceChildren(...shown);
  elsewhere.querySelector(".finder__elsewhere-list").replaceChildren(...aside);
  elsewhere.hidden = aside.length === 0;
  for (const card of cards) {
    card.hidden = !shown.includes(card) && !aside.includes(card);
    const kind = card.querySelector(".finder-card__kind");
    const listed = card.dataset.unitKinds.split(" ").includes(chosen.unit);
    kind.textContent = chosen.unit ? kind.dataset[listed ? "listed" : "notListed"] : "";
    card.classList.toggle("finder-card--kind-not-listed", Boolean(chosen.unit) && !listed);
    const verdict = card.querySelector("[data-testid=finder-verdict]");
    verdict.hidden = true;
    verdict.replaceChildren();
  }
  const summary = root.querySelector("[data-testid=finder-summary]");
  summary.textContent = chosen.place ? label(root, "OpenTo").replace("{place}", chosen.place).replace("{count}", shown.length) : "";
}

/** Writes the core's verdict (generator.core.match) on each card, as textContent. */
function judge(root, request, chosen, lang) {
  if (!chosen.location) return;
  const asked = JSON.stringify(chosen);
  root.dataset.judged = "false";
  request("match", { text: JSON.stringify({ unit: { location: chosen.location } }), kind: "all" }).then(({ result, error }) => {
    if (error || result.unusable || JSON.stringify(choices(root)) !== asked) return; // a later choice was made meanwhile
    for (const match of result.programs) {
      const verdict = root.querySelector(`[data-program="${CSS.escape(match.program)}"] [data-testid=finder-verdict]`);
      if (!verdict) continue;
      const strong = document.createElement("strong");
      strong.textContent =
        match.status === "not-eligible"
          ? label(root, "NotEligible").replace("{area}", match.area[lang])
          : match.status === "misses"
            ? label(root, "Misses")
            : label(root, "Review");
      verdict.replaceChildren(strong, ...match.errors.filter((e) => e.path !== "/unit/location").map((e) => ` ${e.message[lang]}`));
      verdict.dataset.status = match.status;
      verdict.hidden = false;
    }
    root.dataset.judged = "true";
  });
}

/** The validator link: the program's draft gets the answers (kept if it has its own). */
function carryOver(link, card, chosen) {
  const program = card.dataset.program;
  let application = {};
  try {
    const parsed = JSON.parse(loadDraft(program)?.text ?? "{}");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) application = parsed;
  } catch {
    return; // a draft that is not JSON is the applicant's own text: left as it is
  }
  application.program = program;
  if (chosen.location && card.dataset.locationField === "true") {
    const unit = application.unit && typeof application.unit === "object" ? application.unit : {};
    application.unit = { ...unit, location: chosen.location };
  }
  const saver = draftSaver(() => {});
  saver.schedule(program, documentText(application));
  saver.flush();
}

export function startFinder(root, worker) {
  const lang = root.dataset.lang;
  const open = JSON.parse(root.dataset.open);
  const request = connectWorker(worker, { progress() {}, ready() {}, failed() {} });
  const update = () => {
    const chosen = choices(root);
    arrange(root, open, chosen);
    judge(root, request, chosen, lang);
  };
  root.querySelector("form").addEventListener("change", update);
  root.addEventListener("click", (event) => {
    const link = event.target.closest?.("[data-validator-link]");
    if (link) carryOver(link, link.closest("[data-program]"), choices(root));
  });
  update();
  root.dataset.ready = "true"; // for the tests: the cards are arranged
}
