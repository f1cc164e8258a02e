// A page opened from a search result (?h=term, Material's search.highlight): the page scrolls
// to the first place the term stands, marked, not only to the section's heading, which may be
// a long table away from it. Material marks terms only once its search index has loaded, and
// this site loads the index when search opens, not with each page: so the term is found here.
export function scrollToTerm(term, root = document.querySelector("article") ?? document.body) {
  const words = term.split(/\s+/).filter(Boolean);
  if (!words.length) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    const word = words.find((candidate) => text.includes(candidate));
    if (!word || !node.parentElement?.offsetParent) continue; // hidden text is no place to land
    const at = text.indexOf(word);
    const found = node.splitText(at);
    found.splitText(word.length);
    const mark = document.createElement("mark");
    mark.className = "search-landing";
    found.replaceWith(mark);
    mark.append(found);
    mark.scrollIntoView({ block: "center" });
    document.documentElement.dataset.landed = "true"; // for the tests
    return;
  }
}
