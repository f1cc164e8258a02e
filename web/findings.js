// Showing the core's findings three ways: the full list under "Findings", a message next
// to the field each one is about, and the error summary at the top (the GOV.UK pattern: a
// heading and a list of links that move focus to the field). Messages come from the
// Python core; everything is set as textContent.

const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/** Moves focus to a field and brings its label or legend into view. */
export function focusField(field) {
  const control = field.focusTarget();
  if (!control) return;
  control.focus({ preventScroll: true });
  field.caption.scrollIntoView({ block: "center" });
}

function focusLink(text, field, fallback) {
  const link = document.createElement("a");
  link.textContent = text;
  const control = field?.focusTarget();
  link.href = `#${control?.id || fallback.id}`;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    if (field && control) focusField(field);
    else fallback.focus();
  });
  return link;
}

/** The findings' own URLs are absolute (site_url); link within this copy of the site. */
function localCitation(url, siteRoot) {
  const absolute = new URL(url);
  return new URL(absolute.pathname.replace(/^.*?\/(en\/)?documents\//, "$1documents/") + absolute.hash, siteRoot).href;
}

function findingItem(finding, index, field, { lang, label, siteRoot }) {
  const item = document.createElement("li");
  item.id = `finding-${index}`;
  item.tabIndex = -1;
  item.className = `finding finding--${finding.severity}`;
  item.dataset.ruleId = finding.rule;
  item.dataset.severity = finding.severity;
  item.dataset.path = finding.path;
  const head = document.createElement("p");
  // A review's message begins with its severity already (the core's 需人工审核：): said once.
  if (finding.severity !== "review") head.append(Object.assign(document.createElement("strong"), { textContent: label(`Severity${capital(finding.severity)}`) }), " ");
  // The field by its label, as the form shows it; the pointer stays in data-path and the JSON.
  const where = document.createElement("span");
  where.className = "finding__field";
  where.textContent = finding.label?.[lang] || (finding.path ? finding.path : label("WholeApplication"));
  head.append(where);
  if (field) head.append(" ", focusLink(label("GoToField"), field, item));
  const message = document.createElement("p");
  message.textContent = finding.message[lang];
  item.append(head, message);
  if (finding.citation && !finding.citation.url) {
    // A form check cites its standard (GB 11643, GB 32100), never an article: no link.
    const cite = document.createElement("p");
    cite.append(`${label("Source")} `, finding.citation.label[lang]);
    item.append(cite);
  } else if (finding.citation) {
    const cite = document.createElement("p");
    const link = document.createElement("a");
    link.href = localCitation(finding.citation.url[lang], siteRoot);
    const number = finding.citation.number ? `${finding.citation.number} ` : "";
    link.textContent = `${number}${finding.citation.title[lang]} ${finding.citation.label[lang]}`;
    cite.append(`${label("Source")} `, link);
    item.append(cite);
  }
  return item;
}

function inlineMessage(finding, field, { lang, label }) {
  const message = document.createElement("p");
  message.className = `field__message field__message--${finding.severity}`;
  // Review messages already begin "需人工审核：" / "Needs human review: " (the core's words).
  if (finding.severity !== "review") message.append(`${label(`Severity${capital(finding.severity)}`)}${label("Colon")}`);
  message.append(finding.message[lang]);
  field.messages.append(message);
  field.wrapper.classList.add(`field--${finding.severity}`);
  if (finding.severity === "error") field.focusTarget()?.setAttribute("aria-invalid", "true");
}

/** Removes what the last check put into the form. */
export function clearInline(formElement) {
  for (const box of formElement.querySelectorAll(".field__messages")) box.replaceChildren();
  for (const node of formElement.querySelectorAll(".field--error, .field--warning, .field--review")) {
    node.classList.remove("field--error", "field--warning", "field--review");
  }
  for (const control of formElement.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
}

/**
 * Lists the findings, puts each next to its field (a finding on /a/0/b goes to row 0's
 * field b, or to the nearest enclosing field the form has) and fills the error summary.
 * Returns true when the summary shows errors.
 */
export function showFindings(findings, { list, errorSummary, form, formElement, ...context }) {
  if (formElement) clearInline(formElement);
  const links = [];
  findings.forEach((finding, index) => {
    const field = form && finding.path ? form.locate(finding.path) : null;
    const item = findingItem(finding, index, field, context);
    list.append(item);
    if (field) inlineMessage(finding, field, context);
    if (finding.severity === "error") {
      const entry = document.createElement("li");
      entry.append(focusLink(finding.message[context.lang], field, item));
      links.push(entry);
    }
  });
  errorSummary.querySelector("ul").replaceChildren(...links);
  errorSummary.hidden = links.length === 0;
  return links.length > 0;
}
