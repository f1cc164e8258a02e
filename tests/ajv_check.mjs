// Compiles every application schema with ajv in strict mode, the x- keywords added from their
// vocabulary's meta-schema (as ajv's docs do for custom vocabularies), and validates instances.
// Reads {vocabulary, schemas: {id: schema}, instances: [{schema: id, name, data}]} as JSON on
// stdin; writes {compiled: {id: error|null}, results: [{name, valid, errors}], warnings} on stdout.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(new URL("../web/package.json", import.meta.url));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const input = JSON.parse(readFileSync(0, "utf-8"));
// ajv's strict mode as it ships (strictSchema: unknown keywords and formats throw); its type
// hints (strictTypes: a keyword written without the type it applies to) are collected and
// returned, not thrown: they flag valid 2020-12 idioms such as `allOf: [{properties: …}]`.
const warnings = [];
const logger = { log() {}, warn: (...parts) => warnings.push(parts.join(" ")), error: (...parts) => warnings.push(parts.join(" ")) };
const ajv = new Ajv2020({ allErrors: true, logger });
addFormats(ajv);
for (const [keyword, metaSchema] of Object.entries(input.vocabulary.properties)) {
  ajv.addKeyword({ keyword, metaSchema }); // an annotation: no validate function, its value checked
}

const compiled = {};
const validators = {};
for (const [id, schema] of Object.entries(input.schemas)) {
  try {
    validators[id] = ajv.compile(schema);
    compiled[id] = null;
  } catch (error) {
    compiled[id] = String(error.message);
  }
}
const results = input.instances.map(({ schema, name, data }) => {
  const validate = validators[schema];
  if (!validate) return { name, valid: null, errors: ["schema did not compile"] };
  const valid = validate(data);
  return { name, valid, errors: (validate.errors || []).map((e) => `${e.instancePath} ${e.message}`) };
});
process.stdout.write(JSON.stringify({ compiled, results, warnings }));
