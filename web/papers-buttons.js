// The papers to file, on the validator page: the layout comes from Python (the worker's
// "papers" request), papers.mjs draws it as a printable page or a Word file. app.js hands
// over the page's buttons and what the rest of the page knows.
// `buttons`: { print, docx, draft, status } elements; then from app.js: the worker's
// `request`, the `program` chosen, the `applicationText` and `refusal` (why a text is too
// large to send, or "").
export function wirePapers(buttons, { lang, label, request, program, applicationText, refusal: refuse }) {
  let papersUrl = null;
  async function makePapers() {
    buttons.status.dataset.done = "false";
    const text = applicationText();
    const refusal = refuse(text);
    buttons.status.textContent = refusal || label("PapersMaking");
    if (refusal) return null;
    const [{ result, error }, renderer] = await Promise.all([
      request("papers", { program: program(), text, draft: buttons.draft.checked }),
      import("./papers.mjs"),
    ]);
    if (error || result.unusable) {
      buttons.status.textContent = error || result.unusable[lang];
      buttons.status.dataset.done = "true";
      return null;
    }
    const words = [label("PapersMade")];
    if (result.stamp) words.push(label(result.draft ? "PapersDrafted" : "PapersStamped"));
    if (result.blanks.length) {
      const fields = result.blanks.map((blank) => blank.label[lang]).join(lang === "zh" ? "、" : ", ");
      words.push(label("PapersBlanks").replace("{count}", result.blanks.length).replace("{fields}", fields));
    }
    buttons.status.textContent = words.join(" ");
    buttons.status.dataset.stamped = String(Boolean(result.stamp));
    return { layout: result, renderer };
  }
  const handOver = (blob, name) => {
    if (papersUrl) URL.revokeObjectURL(papersUrl);
    papersUrl = URL.createObjectURL(blob);
    if (!name) return papersUrl;
    const link = Object.assign(document.createElement("a"), { href: papersUrl, download: name });
    link.click();
    return papersUrl;
  };
  buttons.print.addEventListener("click", async () => {
    const view = window.open("", "_blank"); // opened now, while the click still allows a window
    const made = await makePapers();
    if (!made) view?.close();
    else if (!view) buttons.status.textContent = label("PapersBlocked");
    else {
      const url = handOver(new Blob([made.renderer.paperHtml(made.layout)], { type: "text/html" }));
      view.location.href = url;
      // The page's own print button, wired from here (same origin: its CSP allows no inline
      // script) once the new page is there: the window's first, blank document is replaced.
      let tries = 0;
      const wire = setInterval(() => {
        const button = !view.closed && view.location.href === url && view.document.readyState === "complete" ? view.document.querySelector("[data-action=print]") : null;
        if (button) button.addEventListener("click", () => view.print());
        if (button || view.closed || ++tries > 100) clearInterval(wire);
      }, 100);
    }
    buttons.status.dataset.done = "true";
  });
  buttons.docx.addEventListener("click", async () => {
    const made = await makePapers();
    if (made) {
      const docx = await import("./docx.mjs");
      handOver(await docx.Packer.toBlob(made.renderer.paperDocx(made.layout, docx)), made.renderer.paperFiles(made.layout).docx);
    }
    buttons.status.dataset.done = "true";
  });
}
