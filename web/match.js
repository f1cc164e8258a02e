// The "all programs at once" table and its button: one row per program with the core's
// verdict for the applicant (generator.core.match), its level and the funding it brings.
// Words come from the catalogue and the page's labels; messages from the core; all set as
// textContent.

const cell = (tag, ...children) => {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
};

function programCell(match, { lang, siteRoot }) {
  const link = document.createElement("a");
  link.href = new URL(`${lang === "en" ? "en/" : ""}programs/${match.program}/`, siteRoot).href;
  link.textContent = match.title[lang];
  return cell("th", link); // the title only: program ids are for the JSON and the CLI
}

function verdictCell(match, { lang, label }) {
  const name = match.status.replace(/(^|-)(\w)/g, (_, dash, letter) => letter.toUpperCase()); // not-applicable → NotApplicable
  const verdict = cell("strong", label(`Match${name}`));
  const counts = label("MatchCounts")
    .replace("{errors}", match.errors.length)
    .replace("{warnings}", match.warnings)
    .replace("{reviews}", match.reviews);
  const node = cell("td", verdict, cell("br"), counts);
  node.className = `match__verdict match__verdict--${match.status}`;
  if (match.errors.length) {
    const errors = cell("ul", ...match.errors.map((error) => cell("li", error.message[lang])));
    errors.className = "match__errors";
    errors.setAttribute("aria-label", label("MatchErrors"));
    node.append(errors);
  }
  return node;
}

function fundingCell(match, { lang, label }) {
  if (!match.funding.length) return cell("td", label("NoAmount"));
  return cell(
    "td",
    cell(
      "ul",
      ...match.funding.map((item) => {
        const entry = cell("li", cell("strong", item.amount_text[lang]));
        const text = cell("span", item.text[lang]);
        text.className = "match__funding-text";
        entry.append(" ", text);
        return entry;
      }),
    ),
  );
}

/** Fills `table`'s body with one row per program of `matches` (data-program, data-status). */
export function renderMatch(table, matches, context) {
  const rows = matches.map((match) => {
    const row = cell(
      "tr",
      programCell(match, context),
      cell("td", context.label(`Level${match.level.charAt(0).toUpperCase()}${match.level.slice(1)}`)),
      verdictCell(match, context),
      fundingCell(match, context),
    );
    row.dataset.program = match.program;
    row.dataset.status = match.status;
    row.firstChild.scope = "row";
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
  table.hidden = false;
}

/**
 * The "every program at once" button. `elements`: { button, table, summary }; then from
 * app.js: the worker's `request`, the `program` chosen, the `applicationText`, `refusal`
 * (why a text is too large to send, or null), and the `lang`, `label`, `siteRoot` of the table.
 */
export function wireMatch({ button, table, summary }, { request, program, applicationText, refusal: refuse, ...context }) {
  button.addEventListener("click", async () => {
    table.dataset.done = "false";
    const text = applicationText();
    const refusal = refuse(text);
    summary.textContent = refusal || context.label("Matching");
    if (!refusal) {
      const { result, error } = await request("match", { text, program: program() });
      if (error || result.unusable) {
        table.hidden = true;
        summary.textContent = error || result.unusable[context.lang];
      } else {
        renderMatch(table, result.programs, context);
        const count = (status) => result.programs.filter((match) => match.status === status).length;
        summary.textContent = context
          .label("MatchSummary")
          .replace("{meets}", count("meets"))
          .replace("{review}", count("review"))
          .replace("{misses}", count("misses"))
          .replace("{na}", count("not-applicable"));
      }
    }
    table.dataset.done = "true";
  });
}
