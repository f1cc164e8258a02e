"""Schema versions (``x-version``, a program's ``schema_version``) and the changelog's record of them.

The changelog itself is loaded with the other definitions (``generator.definitions.loaders``,
behind its meta-schema); the release gate reads ``corpus.changelog``.
"""

from __future__ import annotations

import re

_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
Version = tuple[int, int, int]


def parse_version(text: object) -> Version:
    """``"MAJOR.MINOR.PATCH"`` as numbers; anything else (a schema published before versions) is 0.0.0."""
    found = _VERSION.match(str(text or ""))
    return (int(found[1]), int(found[2]), int(found[3])) if found else (0, 0, 0)


def version_of(schema: dict) -> Version:
    """A schema's ``x-version`` (the program's ``schema_version``) as numbers."""
    return parse_version(schema.get("x-version"))


def version_text(version: Version) -> str:
    return ".".join(map(str, version))


def versions_recorded(changelog: list[dict], program: str) -> list[Version]:
    """The versions of one program the changelog has an entry for."""
    return [parse_version(entry["version"]) for entry in changelog if entry["program"] == program]
