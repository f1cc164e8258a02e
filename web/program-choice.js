// Which program the validator page checks against: the list of programs (the worker's), a
// ?program= the site does not know named, with the list of those it knows, and a file
// written for another program offered a check against that one. Words come from the page's
// labels; the ids and titles are set as text.

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * `select`: the program <select>; `notice`: where these notices go. Chooses the address's
 * ?program= when it is known, and says so when it is not. `switchTo(id)` runs when the
 * applicant takes the offer of another program. Returns `{ fill(programs), clear,
 * offerSwitch(text) }`.
 */
export function programChoice(select, notice, { lang, label, switchTo }) {
  const programs = () => [...select.options].map((option) => ({ id: option.value, title: option.textContent }));
  function programList() {
    const list = document.createElement("ul");
    for (const program of programs()) {
      const link = Object.assign(document.createElement("a"), { textContent: program.title });
      link.href = `?program=${encodeURIComponent(program.id)}`;
      const item = document.createElement("li");
      item.dataset.program = program.id;
      item.append(link);
      list.append(item);
    }
    return list;
  }
  function say(kind, ...content) {
    notice.replaceChildren(...content);
    notice.dataset.kind = kind;
    notice.hidden = content.length === 0;
  }
  const wanted = new URLSearchParams(location.search).get("program");
  if (programs().some((program) => program.id === wanted)) select.value = wanted;
  else if (wanted !== null) say("unknown", Object.assign(document.createElement("p"), { textContent: label("UnknownProgram").replace("{id}", wanted) }), programList());

  // A file written for another program (`text`, the application): offer to check it against
  // that program instead.
  function offerSwitch(text) {
    let document_;
    try {
      document_ = JSON.parse(text);
    } catch {
      document_ = null;
    }
    const named = isObject(document_) ? programs().find((program) => program.id === document_.program) : null;
    if (!named || named.id === select.value) {
      if (notice.dataset.kind === "other") say("other");
      return;
    }
    const words = label("OtherProgram").replace("{title}", named.title).replace("{id}", named.id);
    const switchButton = Object.assign(document.createElement("button"), { type: "button", textContent: label("SwitchProgram").replace("{title}", named.title) });
    switchButton.dataset.testid = "switch-program";
    switchButton.addEventListener("click", () => switchTo(named.id));
    say("other", Object.assign(document.createElement("p"), { textContent: words }), switchButton);
  }

  // The programs the worker's catalogue has (`{id, title}`), the chosen one kept if it is one.
  function fill(programs) {
    const chosen = select.value;
    select.replaceChildren(
      ...programs.map((program) => {
        const option = document.createElement("option");
        option.value = program.id;
        option.textContent = program.title[lang]; // the title alone: an id means nothing to an applicant
        return option;
      }),
    );
    if (programs.some((program) => program.id === chosen)) select.value = chosen;
  }

  return { fill, clear: () => say("none"), offerSwitch };
}
