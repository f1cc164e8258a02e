// Prepended to Material's search worker by generator/site/search.py (the one place the site
// couples to the worker's code; the build fails if the theme changes what it patches).
// * Any text is a query: lunr reads -, +, :, ^, ~, * and quotes as its own syntax, and a
//   query it cannot parse ("teacher-" while typing "teacher-student") found nothing and threw;
//   such a query is searched again as plain words.
// * A Chinese term on an index without Chinese (the English site's) that finds nothing is
//   answered with where it is: the Chinese site's search for it.
// * Excerpts are short: the text around the first match, not a whole table.
const POLICY_SITE_EXCERPT = 180;

function policySiteExcerpt(text) {
  if (typeof text !== "string") return text;
  const plain = text.replace(/<(?!\/?mark\b)[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  if (plain.length <= POLICY_SITE_EXCERPT) return plain;
  const hit = plain.indexOf("<mark");
  let start = Math.max(0, hit - 40);
  let end = Math.min(plain.length, start + POLICY_SITE_EXCERPT);
  const open = plain.lastIndexOf("<", end); // never cut inside a tag
  if (open > plain.lastIndexOf(">", end)) end = open;
  const before = plain.lastIndexOf("<", start);
  if (before >= 0 && before > plain.lastIndexOf(">", start - 1)) start = plain.indexOf(">", start) + 1;
  let excerpt = plain.slice(start, end);
  if ((excerpt.match(/<mark\b/g) || []).length > (excerpt.match(/<\/mark>/g) || []).length) excerpt += "</mark>";
  if (excerpt.indexOf("</mark>") >= 0 && excerpt.indexOf("</mark>") < excerpt.indexOf("<mark")) excerpt = "<mark>" + excerpt;
  return (start > 0 ? "… " : "") + excerpt + (end < plain.length ? " …" : "");
}

function policySiteSearch(engine, query) {
  const plain = query.replace(/[-+:^~*"\\]/g, " ").replace(/\s+/g, " ").trim();
  let result;
  try {
    result = engine.search(query);
  } catch {
    result = { items: [] };
  }
  if (!result.items.length && plain && plain !== query) result = engine.search(plain); // as plain words
  const han = query.match(/\p{sc=Han}+/gu);
  if (!result.items.length && han && !(engine.policySiteLang || []).includes("zh")) {
    const term = han.join(" ");
    const text = `“${term}” is Chinese; the English pages hold the English text. The Chinese site has every document as published: open its search for “${term}”.`;
    const location = `../?q=${encodeURIComponent(term)}`;
    result.items = [[{ location, title: `Search the Chinese site for “${term}”`, text, score: 1, terms: {} }]];
    return result;
  }
  result.items = result.items.map((group) => group.map((item) => ({ ...item, text: policySiteExcerpt(item.text) })));
  return result;
}
