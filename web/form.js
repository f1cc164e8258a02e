// The application form, generated from the chosen program's JSON Schema (the one the core
// checks against): a labelled control per field, fieldsets for objects, checkboxes for
// lists of choices, repeatable rows for lists of objects (form-rows.js). The form only
// collects values; it judges nothing (the Python core does). Loading a document and reading
// it back gives the same document, so the JSON text area and the form can stand for each other.
//
// Every word from the application reaches the page as a value or as textContent.
//
// The schema arrives resolved (generator.core.schema.resolved_schema, the core's one $ref
// resolver): no "$ref" is left to follow here.

import { rows } from "./form-rows.js";

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const escapeToken = (token) => String(token).replaceAll("~", "~0").replaceAll("/", "~1");
const unescapeToken = (token) => token.replaceAll("~1", "/").replaceAll("~0", "~");
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}

/** Builds the form for `schema` into `container`; `onChange` runs after every edit. */
export function buildForm(container, schema, { lang, label, onChange }) {
  let counter = 0;
  const nextId = () => `vf-${++counter}`;
  const text = (pair, fallback = "") => (pair ? pair[lang] || pair.zh || pair.en : "") || fallback;
  const resolve = (node) => node || {};
  // What the table-of-rows fields (form-rows.js) need of this form; frame and create are hoisted.
  const rowsContext = { lang, label, text, element, frame, create, onChange, container };

  // The parts every field shares: wrapper with its pointer, label or legend, hint, messages.
  function frame(node, pointer, required, { group, title: ownTitle }) {
    const id = nextId();
    const title = ownTitle || text(node["x-title"], pointer.split("/").pop());
    const caption = group ? element("legend", { class: "field__legend" }, title) : element("label", { class: "field__label", for: id }, title);
    if (required) {
      caption.append(" ", element("span", { class: "field__required", "aria-hidden": "true" }, "*"));
      caption.append(element("span", { class: "visually-hidden" }, label("Required")));
    }
    const hints = [text(node["x-description"]), text(node["x-pattern-hint"])].filter(Boolean);
    if (node.examples?.length && typeof node.examples[0] !== "object") hints.push(`${label("Example")}${node.examples.join(" / ")}`);
    const hint = hints.length ? element("p", { class: "field__hint", id: `${id}-hint` }, hints.join(lang === "zh" ? "；" : "; ")) : null;
    const messages = element("div", { class: "field__messages", id: `${id}-messages` });
    const wrapper = element(group ? "fieldset" : "div", { class: `field${group ? " field--group" : ""}`, "data-pointer": pointer });
    wrapper.append(caption, hint || "", messages);
    const describedBy = [hint && hint.id, messages.id].filter(Boolean).join(" ");
    if (group) wrapper.setAttribute("aria-describedby", describedBy);
    return { id, wrapper, caption, messages, describedBy, title };
  }

  function create(raw, pointer, required, options = {}) {
    const node = resolve(raw);
    const items = node.items ? resolve(node.items) : null;
    if ("const" in node) return constant(node, pointer, required, options);
    if (node.type === "object" || node.properties) return object(node, pointer, required, options);
    if (node.type === "array" && items?.enum) return choices(node, items, pointer, required);
    if (node.type === "array") return rows(node, pointer, required, rowsContext);
    return scalar(node, pointer, required, options);
  }

  function object(node, pointer, required, { kind = "field", title } = {}) {
    const root = kind === "root";
    const parts = root ? { wrapper: container, messages: null } : frame(node, pointer, required, { group: true, title });
    if (kind === "row") parts.wrapper.classList.add("field--row");
    const wanted = new Set(node.required || []);
    const children = new Map();
    for (const [name, sub] of Object.entries(node.properties || {})) {
      const child = create(sub, `${pointer}/${escapeToken(name)}`, wanted.has(name));
      children.set(name, child);
      parts.wrapper.append(child.wrapper);
    }
    let present = false; // the loaded document had this object, even empty
    let extras = new Map(); // keys the form has no field for: kept so the document round-trips
    return {
      ...parts,
      pointer,
      child: (token) => children.get(token),
      focusTarget: () => [...children.values()][0]?.focusTarget(),
      read() {
        const value = {};
        for (const [name, child] of children) {
          const v = child.read();
          if (v !== undefined) value[name] = v;
        }
        // defineProperty: a key named "__proto__" stays a key, as JSON.parse made it.
        for (const [key, v] of extras) Object.defineProperty(value, key, { value: v, enumerable: true, writable: true, configurable: true });
        return root || kind === "row" || present || Object.keys(value).length ? value : undefined;
      },
      load(value, lost) {
        present = isObject(value);
        extras = new Map();
        if (value !== undefined && !present) lost.push(pointer);
        for (const [name, child] of children) child.load(present ? value[name] : undefined, lost);
        if (present) for (const key of Object.keys(value)) if (!children.has(key)) extras.set(key, value[key]);
      },
    };
  }

  // A fixed value (the program an application is for): written into the document, never shown:
  // the program selector above already says which program it is.
  function constant(node, pointer, required, { title } = {}) {
    const parts = frame(node, pointer, required, { title });
    const input = element("input", { id: parts.id, class: "field__control", type: "hidden" });
    input.value = typeof node.const === "string" ? node.const : JSON.stringify(node.const);
    parts.wrapper.append(input);
    parts.wrapper.hidden = true;
    return {
      ...parts,
      pointer,
      child: () => undefined,
      focusTarget: () => input,
      read: () => node.const,
      load(value, lost) {
        if (value !== undefined && !same(value, node.const)) lost.push(pointer);
      },
    };
  }

  function scalar(node, pointer, required, { title } = {}) {
    const parts = frame(node, pointer, required, { title });
    const common = { id: parts.id, class: "field__control", "aria-describedby": parts.describedBy, "aria-required": required ? "true" : undefined };
    const options = node.type === "boolean" ? [true, false] : node.enum;
    let control;
    if (options) {
      control = element("select", common, element("option", { value: "" }, label("Choose")));
      for (const option of options) control.append(choiceOption(node, option));
    } else if (node.type === "number" || node.type === "integer") {
      // Text, not type=number: whatever is typed reaches the core, which says what is wrong.
      control = element("input", { ...common, type: "text", inputmode: node.type === "integer" ? "numeric" : "decimal" });
    } else if (node.format === "date") {
      control = element("input", { ...common, type: "date" });
    } else if (node["x-multiline"]) {
      // Paragraphs (the core marks the fields the published form leaves several lines for).
      control = element("textarea", { ...common, rows: 5 });
    } else {
      control = element("input", { ...common, type: "text", autocomplete: node.format === "email" ? "email" : "off", spellcheck: "false" });
    }
    parts.wrapper.append(control);
    let values = options ? [...options] : null; // option i+1 of the select holds values[i]

    function choiceOption(owner, value, unknown = false) {
      const shown = owner.type === "boolean" ? label(value ? "Yes" : "No") : text(owner["x-enum-titles"]?.[String(value)], String(value));
      return element("option", { value: typeof value === "string" ? value : JSON.stringify(value) }, unknown ? `${shown} ${label("NotInList")}` : shown);
    }

    // A loaded value the control cannot hold as it is (a wrong date, a line break in a
    // one-line field) gets a control that can, so nothing the applicant wrote is lost.
    function widen(tag) {
      const wider = element(tag, { ...common, type: tag === "input" ? "text" : undefined, rows: tag === "textarea" ? 4 : undefined });
      control.replaceWith(wider);
      control = wider;
    }

    const field = {
      ...parts,
      pointer,
      child: () => undefined,
      focusTarget: () => control,
      read() {
        if (values) return control.selectedIndex > 0 ? values[control.selectedIndex - 1] : undefined;
        const typed = control.value;
        if (typed === "") return undefined;
        if ((node.type === "number" || node.type === "integer") && NUMBER.test(typed.trim())) return Number(typed.trim());
        return typed;
      },
      load(value, lost) {
        if (values) {
          values = values.slice(0, options.length);
          control.replaceChildren(control.options[0], ...[...control.options].slice(1, options.length + 1));
          if (value === undefined) {
            control.selectedIndex = 0;
            return;
          }
          let index = values.findIndex((option) => same(option, value));
          if (index < 0) {
            values.push(value);
            control.append(choiceOption(node, value, true));
            index = values.length - 1;
          }
          control.selectedIndex = index + 1;
          return;
        }
        const shown = value === undefined ? "" : typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
        if (shown === null) {
          control.value = "";
          lost.push(pointer);
          return;
        }
        if (control.type === "date" && shown !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(shown)) widen("input");
        if (shown.includes("\n") && control.tagName === "INPUT") widen("textarea");
        control.value = shown;
        if (!same(field.read(), value)) lost.push(pointer);
      },
    };
    return field;
  }

  function choices(node, items, pointer, required) {
    // A list that may stay empty (one of two groups, say) is present when required, but asks
    // for no tick: no * for it.
    const parts = frame(node, pointer, required && (node.minItems ?? 0) > 0, { group: true });
    parts.wrapper.classList.add("field--choices");
    const list = element("div", { class: "field__choices" });
    parts.wrapper.append(list);
    let selection = []; // in the order ticked (or loaded), so a loaded list reads back unchanged
    let present = false;
    const titles = node["x-enum-titles"] || items["x-enum-titles"] || {};
    const box = (value, unknown) => {
      const id = nextId();
      const input = element("input", { type: "checkbox", id, value: typeof value === "string" ? value : JSON.stringify(value) });
      input.addEventListener("change", () => {
        present = true;
        selection = input.checked ? [...selection.filter((v) => !same(v, value)), value] : selection.filter((v) => !same(v, value));
      });
      const caption = text(titles[String(value)], String(value));
      list.append(element("div", { class: "choice" }, input, element("label", { for: id }, unknown ? `${caption} ${label("NotInList")}` : caption)));
      return input;
    };
    for (const value of items.enum) box(value, false);
    const known = list.children.length;
    return {
      ...parts,
      pointer,
      child: () => undefined,
      focusTarget: () => list.querySelector("input"),
      read: () => (selection.length || present || required ? [...selection] : undefined),
      load(value, lost) {
        while (list.children.length > known) list.lastChild.remove();
        present = Array.isArray(value);
        if (value !== undefined && !present) lost.push(pointer);
        selection = [];
        const boxes = [...list.querySelectorAll("input")];
        for (const input of boxes) input.checked = false;
        for (const item of present ? value : []) {
          if (selection.some((v) => same(v, item))) {
            lost.push(pointer);
            continue;
          }
          const index = items.enum.findIndex((option) => same(option, item));
          const input = index >= 0 ? boxes[index] : box(item, true);
          input.checked = true;
          selection.push(item);
        }
      },
    };
  }

  container.replaceChildren();
  const root = create(schema, "", true, { kind: "root" });
  container.addEventListener("input", onChange);
  container.addEventListener("change", onChange);

  return {
    /** The application as the form holds it. */
    read: () => root.read(),
    /** Shows `document` in the form; returns the pointers of values it could not hold. */
    load(document) {
      const lost = [];
      root.load(document, lost);
      return lost;
    },
    /** The field a finding's pointer names, or its nearest ancestor with a field; null for the root. */
    locate(pointer) {
      let node = root;
      for (const token of pointer.split("/").slice(1).map(unescapeToken)) {
        const next = node.child(token);
        if (!next) break;
        node = next;
      }
      return node === root ? null : node;
    },
    /**
     * Shows a total the core computed from its rows (browser.totals_text) in its field, read-only:
     * the applicant does not type it (undefined: only marked so). Returns true when the value changed.
     */
    compute(pointer, value, note) {
      const field = this.locate(pointer);
      const control = field?.pointer === pointer ? field.focusTarget() : null;
      if (!control || control.tagName !== "INPUT") return false;
      const shown = value === null ? "" : String(value);
      if (!field.wrapper.dataset.computed) {
        field.wrapper.dataset.computed = "true";
        control.readOnly = true;
        field.messages.before(element("p", { class: "field__hint field__hint--computed" }, note));
      }
      if (value === undefined || control.value === shown) return false; // undefined: marked, value kept
      control.value = shown;
      return true;
    },
    /**
     * A date written another way (1972年5月), as the core read it (`{pointer, typed, value, shown}`):
     * written the stored way in its field, and said under it. Returns true when a field changed.
     */
    understood(notes) {
      let changed = false;
      for (const note of notes) {
        const field = this.locate(note.pointer);
        if (field?.pointer !== note.pointer) continue;
        const control = field.focusTarget();
        if (control?.tagName === "INPUT" && control.value === note.typed) {
          control.value = note.value;
          changed = true;
        }
        field.messages.append(element("p", { class: "field__hint field__hint--understood" }, label("Understood").replace("{date}", text(note.shown))));
      }
      return changed;
    },
    destroy() {
      container.removeEventListener("input", onChange);
      container.removeEventListener("change", onChange);
      container.replaceChildren();
    },
  };
}
