"""The tool's own failures, each saying how to fix it.

Findings about an applicant's data are never raised: they are collected in a result
(`generator.core`). These exceptions are for input the tool cannot use at all.
"""

from __future__ import annotations

from pathlib import Path


class PolicySiteError(Exception):
    """Base class: something the tool cannot work with. Exit code 2 at the command line."""

    def bilingual(self) -> dict[str, str]:
        return {"zh": str(self), "en": str(self)}


class DefinitionError(PolicySiteError):
    """A file under ``policies/`` breaks the definition format."""

    def __init__(self, path: Path | str, line: int | None, field: str, problem: str):
        self.path, self.line, self.field, self.problem = Path(path), line, field, problem
        where = f"{self.path}:{line}" if line else f"{self.path}"
        at = f" at {field}" if field else ""
        super().__init__(f"{where}{at}: {problem}")


class BilingualError(PolicySiteError):
    """A failure whose message is written for the user in both languages."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(en)

    def bilingual(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


class UnusableInputError(BilingualError):
    """An application file that cannot be checked at all (unreadable, not JSON, too large...)."""


class UnknownProgramError(UnusableInputError):
    """A program id that the catalogue does not hold."""

    def __init__(self, program: str, known: list[str]):
        listing = ", ".join(known)
        super().__init__(
            f"未知的项目“{program}”。可选项目：{listing}",
            f"Unknown program {program!r}. Known programs: {listing}",
        )
        self.program = program


class CompatError(BilingualError):
    """The published schemas or the changelog cannot be read; the message says how to fix it."""
