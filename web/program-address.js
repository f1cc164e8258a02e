// The program the validator page keeps beyond itself: in the language switch's links, and
// in this tab's sessionStorage (the program last checked, checked again after a reload or a
// language switch).

// The language switch (mkdocs-material's links with hreflang) opens the same program. Sets
// the links now and returns the function that sets them again after a change of program;
// `beforeLeaving` runs (the draft saved) before the click goes to the other language.
export function programAcrossLanguages(select, beforeLeaving) {
  function withProgram(link) {
    const url = new URL(link.getAttribute("href"), location.href);
    if (!/\/validate\/$/.test(url.pathname)) return null;
    url.searchParams.set("program", select.value);
    return url.href;
  }
  function keepProgramAcrossLanguages() {
    for (const link of document.querySelectorAll("a[hreflang]")) link.href = withProgram(link) ?? link.href;
  }
  keepProgramAcrossLanguages();
  // The theme rewrites its language links as the pointer reaches them; the click goes to the
  // same program in the other language, with the draft saved first.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest?.("a[hreflang]");
      const target = link && withProgram(link);
      if (!target || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      beforeLeaving();
      location.href = target;
    },
    true,
  );
  return keepProgramAcrossLanguages;
}

const CHECKED = "policy-site.checked"; // the program last checked in this tab: checked again after a reload or a language switch

export const session = (action, value) => {
  try {
    if (action === "set") sessionStorage.setItem(CHECKED, value);
    else if (action === "remove") sessionStorage.removeItem(CHECKED);
    return sessionStorage.getItem(CHECKED);
  } catch {
    return null;
  }
};
