// The repeatable rows of a form field that is a list of objects (web/form.js builds the
// rest): a row per item, buttons to add and remove rows, and a paste of several rows from a
// spreadsheet. Like the rest of the form it only collects values; the core judges them.
//
// What it needs of the form comes in one object: `lang`, `label` (the page's words), `text`
// (a {zh, en} pair in the page's language), `element` (makes a DOM node), `frame` (the parts
// every field shares), `create` (the field of a row's schema), `onChange` (after an edit) and
// `container` (the form, which gets the "rows-pasted" event).

const resolve = (node) => node || {};

/** The field of the array schema `node` at `pointer`: `{ ...frame parts, pointer, child, focusTarget, read, load }`. */
export function rows(node, pointer, required, { lang, label, text, element, frame, create, onChange, container }) {
  const parts = frame(node, pointer, required, { group: true });
  parts.wrapper.classList.add("field--rows");
  const holder = element("div", { class: "field__rows" });
  const prefix = node.prefixItems || [];
  const itemTitle = text(resolve(node.items || prefix[0] || {})["x-title"], parts.title);
  const fixed = required && node.minItems !== undefined && node.minItems === node.maxItems;
  const add = element("button", { type: "button", class: "field__add", "data-action": "add" }, label("AddRow").replace("{title}", itemTitle));
  parts.wrapper.append(holder, fixed ? "" : add);
  let entries = [];
  let present = false;
  const rowSchema = (index) => (index < prefix.length ? prefix[index] : node.items || {});
  const minimum = () => (required ? Math.max(node.minItems || 0, prefix.length) : 0);

  function render(values, lost = []) {
    holder.replaceChildren();
    entries = values.map((value, index) => {
      const title = label("RowTitle").replace("{title}", itemTitle).replace("{n}", index + 1);
      const entry = create(rowSchema(index), `${pointer}/${index}`, false, { kind: "row", title });
      if (!fixed) {
        const remove = element("button", { type: "button", class: "field__remove", "data-action": "remove" }, label("RemoveRow").replace("{title}", title));
        remove.addEventListener("click", () => removeRow(index));
        entry.wrapper.append(remove);
      }
      holder.append(entry.wrapper);
      entry.load(value, lost);
      return entry;
    });
    add.disabled = node.maxItems !== undefined && entries.length >= node.maxItems;
    for (const button of holder.querySelectorAll("[data-action=remove]")) button.disabled = entries.length <= minimum();
  }

  function removeRow(index) {
    const values = entries.map((entry) => entry.read());
    values.splice(index, 1);
    render(values);
    present = true;
    (entries[Math.min(index, entries.length - 1)]?.focusTarget() || add).focus();
    onChange();
  }

  // A paste of several rows from a spreadsheet (Excel and WPS copy cells as tab-separated
  // lines) fills the rows from the cell pasted into, column by column. Each cell goes in as
  // typed; the core's check then says which cell is wrong, so nothing is judged here.
  const columns = () => Object.entries(resolve(node.items || {}).properties || {}).filter(([, sub]) => !resolve(sub).properties && resolve(sub).type !== "array");
  holder.addEventListener("paste", (event) => {
    const pasted = event.clipboardData?.getData("text/plain") ?? "";
    if (!/[\t\n]/.test(pasted.trim())) return; // one value: an ordinary paste into one box
    const target = event.target.closest("[data-pointer]");
    const match = target?.dataset.pointer.slice(pointer.length).match(/^\/(\d+)\/([^/]+)$/);
    const names = columns().map(([name]) => name);
    if (!match || !names.includes(match[2])) return;
    event.preventDefault();
    const [startRow, startColumn] = [Number(match[1]), names.indexOf(match[2])];
    const lines = pasted.replace(/\r/g, "").split("\n").filter((line) => line.trim() !== "");
    const values = entries.map((entry) => entry.read());
    lines.forEach((line, i) => {
      const row = { ...(values[startRow + i] || {}) };
      line.split("\t").forEach((cell, j) => {
        const name = names[startColumn + j];
        if (name && cell.trim() !== "") row[name] = cell.trim();
      });
      values[startRow + i] = row;
    });
    if (node.maxItems !== undefined) values.length = Math.min(values.length, node.maxItems);
    render(values);
    present = true;
    onChange();
    container.dispatchEvent(new CustomEvent("rows-pasted", { detail: { pointer, rows: lines.length } }));
  });
  if (columns().length > 1) {
    parts.wrapper.insertBefore(element("p", { class: "field__hint field__hint--paste" }, label("PasteHint").replace("{columns}", columns().map(([name, sub]) => text(resolve(sub)["x-title"], name)).join(lang === "zh" ? "、" : ", "))), holder);
  }

  add.addEventListener("click", () => {
    render([...entries.map((entry) => entry.read()), undefined]);
    present = true;
    entries.at(-1).focusTarget()?.focus();
    onChange();
  });
  render(Array.from({ length: minimum() }, () => undefined));

  return {
    ...parts,
    pointer,
    child: (token) => (/^\d+$/.test(token) ? entries[Number(token)] : undefined),
    focusTarget: () => entries[0]?.focusTarget() || add,
    read: () => (entries.length || present || required ? entries.map((entry) => entry.read()) : undefined),
    load(value, lost) {
      present = Array.isArray(value);
      if (value !== undefined && !present) lost.push(pointer);
      render(present ? value : Array.from({ length: minimum() }, () => undefined), lost);
    },
  };
}
