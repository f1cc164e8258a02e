// Reading the application schema the way JSON Schema means it, for building the form:
// a "$ref" applies together with the keywords beside it, so a field that narrows a shared
// part (a training year whose "year" is a constant) keeps the part's other fields.

/** The subschema a local "$ref" points to ("#/$defs/name", or any "#/…" pointer). */
function target(schema, ref) {
  if (!ref.startsWith("#")) throw new Error(`the form cannot follow the non-local $ref ${ref}`);
  return ref
    .slice(1)
    .split("/")
    .slice(1)
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((node, token) => node?.[token], schema);
}

function merge(base, own) {
  const merged = { ...base, ...own };
  if (base.properties && own.properties) {
    merged.properties = { ...base.properties };
    for (const [name, sub] of Object.entries(own.properties)) {
      merged.properties[name] = merged.properties[name] ? { ...merged.properties[name], ...sub } : sub;
    }
  }
  if (base.required && own.required) merged.required = [...new Set([...base.required, ...own.required])];
  return merged;
}

/** `node` with its "$ref"s followed and merged with the keywords beside them. */
export function resolveSchema(schema, node) {
  let resolved = node || {};
  for (let depth = 0; resolved.$ref; depth++) {
    if (depth > 32) throw new Error(`the $ref ${resolved.$ref} loops`);
    const { $ref, ...own } = resolved;
    resolved = merge(target(schema, $ref) || {}, own);
  }
  return resolved;
}

/** The text of a {zh, en} pair in the page's language. */
export const textOf = (pair, lang) => (pair ? pair[lang] || pair.zh || pair.en || "" : "");
