"""The ``x-`` keywords of the application schemas, declared as a vocabulary with its meta-schema.

JSON Schema 2020-12 ignores keywords it does not know; strict validators (ajv in strict mode)
refuse them unless told what they are. This meta-schema says: each ``x-`` keyword is an
annotation (it never changes whether an application is valid) and what its value must look
like. It is published beside the schemas, ``schemas/vocabulary/x-keywords.json`` and
``/schemas/vocabulary/x-keywords.json`` on the site; with ajv, each of its ``properties`` is
added as a keyword whose ``metaSchema`` it is (tests/ajv_check.mjs shows how).
"""

from __future__ import annotations

import json

PATH = "vocabulary/x-keywords.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_BILINGUAL = {
    "type": "object",
    "required": ["zh", "en"],
    "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
    "additionalProperties": False,
}
# keyword -> (what it holds, the schema of its value). Each value schema is complete in itself
# (no $ref), so a validator can take it as the keyword's own meta-schema.
KEYWORDS: dict[str, tuple[str, dict]] = {
    "x-title": ("the field's title in Chinese and English (title holds both as one string)", _BILINGUAL),
    "x-description": ("the field's description in Chinese and English", _BILINGUAL),
    "x-version": (
        "the schema's version, MAJOR.MINOR.PATCH: a major bump for any change that may reject an application valid before",
        {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
    ),
    "x-enum-titles": (
        "the title of each enum value, in Chinese and English",
        {"type": "object", "additionalProperties": _BILINGUAL},
    ),
    "x-pattern-hint": ("what to write when the value does not match the pattern, in Chinese and English", _BILINGUAL),
    "x-multiline": (
        "the text is written as paragraphs (the published form leaves several lines for it): a form gives it a text area",
        {"const": True},
    ),
}


def vocabulary_url(site_url: str) -> str:
    return f"{site_url.rstrip('/')}/schemas/{PATH}"


def vocabulary_schema(site_url: str) -> dict:
    """The meta-schema of the vocabulary: a schema that every (sub)schema of an application schema satisfies."""
    return {
        "$schema": DIALECT,
        "$id": vocabulary_url(site_url),
        "title": "policy-site x- keywords (annotations)",
        "description": (
            "Annotation keywords of the policy-site application schemas. None of them affects validation; "
            "each property below is the meta-schema of one keyword's value."
        ),
        "type": ["object", "boolean"],
        "properties": {keyword: {"description": about, **value} for keyword, (about, value) in KEYWORDS.items()},
    }


def render_vocabulary(site_url: str) -> str:
    return json.dumps(vocabulary_schema(site_url), ensure_ascii=False, indent=2) + "\n"
